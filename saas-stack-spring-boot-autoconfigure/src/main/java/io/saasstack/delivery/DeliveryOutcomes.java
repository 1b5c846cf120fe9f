package io.saasstack.delivery;

/**
 * Told of every delivery attempt's outcome, for the {@code saas.delivery.attempts} meter.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface DeliveryOutcomes {

	/** Records nothing. */
	DeliveryOutcomes NONE = (task, outcome) -> {
	};

	/**
	 * @param task the task's name
	 * @param outcome {@code delivered}, {@code retried}, {@code deferred}, {@code failed} (for
	 * good) or {@code redelivered} (an execution whose instance died, run again: it may have been
	 * delivered already)
	 */
	void record(String task, String outcome);

}
