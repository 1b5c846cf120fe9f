package io.saasstack.webhooks;

import java.util.List;

import org.springframework.util.Assert;

/**
 * Told of every webhook request the {@link WebhookProcessor} processed, refused ones included, for
 * a log of what arrived (the local console keeps one). Called on the request's thread: it must not
 * block, and what it throws is logged and ignored.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WebhookRecorder {

	/** Records nothing. */
	WebhookRecorder NONE = (outcome) -> {
	};

	void record(WebhookOutcome outcome);

	/**
	 * One recorder telling each of the given ones, in order; what one throws does not keep the
	 * others from being told (it is rethrown afterwards, the first only).
	 * @param recorders the recorders, possibly none
	 * @return {@link #NONE} for none, the recorder itself for one
	 */
	static WebhookRecorder all(List<WebhookRecorder> recorders) {
		Assert.notNull(recorders, "recorders must not be null");
		List<WebhookRecorder> copy = List.copyOf(recorders);
		if (copy.isEmpty()) {
			return NONE;
		}
		if (copy.size() == 1) {
			return copy.get(0);
		}
		return (outcome) -> {
			RuntimeException failure = null;
			for (WebhookRecorder recorder : copy) {
				try {
					recorder.record(outcome);
				}
				catch (RuntimeException ex) {
					failure = (failure != null) ? failure : ex;
				}
			}
			if (failure != null) {
				throw failure;
			}
		};
	}

}
