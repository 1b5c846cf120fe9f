package io.saasstack.webhooks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What became of one webhook request, as told to a {@link WebhookRecorder}.
 *
 * @param receivedAt when it was processed
 * @param provider the provider of the endpoint it was sent to ({@code clerk}, {@code resend}…)
 * @param type the event type, or null when the request was refused before its body was read
 * @param id the provider's message id, or null when the scheme has none or it was refused
 * @param result what the processor did with it
 * @param reason why it was refused or failed (the verifier's message, never the secret or the
 * body), or null
 * @since 0.1.0
 */
public record WebhookOutcome(Instant receivedAt, String provider, @Nullable String type, @Nullable String id,
		Result result, @Nullable String reason) {

	/** Whether the signature was verified. */
	public boolean verified() {
		return this.result != Result.REFUSED;
	}

	/**
	 * What the processor did with a request.
	 */
	public enum Result {

		/** Verified and published as application events. */
		PUBLISHED,

		/** Verified, and published, but a listener failed. */
		LISTENER_FAILED,

		/** Verified, but its id was seen before: acknowledged, not published again. */
		REPLAYED,

		/** Verified, but its body is not a JSON object: answered 400. */
		MALFORMED,

		/** Its signature or timestamp did not verify: answered 401, nothing published. */
		REFUSED

	}

}
