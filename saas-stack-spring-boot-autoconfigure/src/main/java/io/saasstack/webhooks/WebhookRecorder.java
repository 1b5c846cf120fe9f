package io.saasstack.webhooks;

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

}
