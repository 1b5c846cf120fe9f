package io.saasstack.mail.resend;

import java.time.Duration;

import io.saasstack.core.SaasException;
import org.jspecify.annotations.Nullable;

/**
 * A call to Resend was not sent because its turn under the client-side rate limit of
 * {@link ResendPacer} would come later than the pacer's maximum wait. Nothing reached Resend.
 * <p>
 * Not a {@link io.saasstack.core.SaasRateLimitException}: that one reports a provider's answer
 * (an HTTP status, an error body, rate-limit headers) and there was none. Not retryable by the
 * client either ({@link #isRetryable()} is false): the call has already waited as long as it was
 * allowed to, and a retry would join the back of the same queue; the application may try again
 * later, or raise the rate or the wait.
 *
 * @since 0.1.0
 */
public class ResendPacingTimeoutException extends SaasException {

	private final @Nullable Duration wait;

	private final Duration maxWait;

	/**
	 * @param operation the operation that was not sent, for example {@code emails.send}
	 * @param wait the wait its turn needed, or null when the rate limiter only said it exceeds
	 * the maximum
	 * @param maxWait the longest wait allowed
	 * @param reason what the call was waiting for
	 */
	public ResendPacingTimeoutException(String operation, @Nullable Duration wait, Duration maxWait, String reason) {
		super("resend", operation, "resend " + operation + " was not sent: " + reason + " would take "
				+ ((wait != null) ? wait.toMillis() + " ms" : "longer") + ", more than the pacing timeout of "
				+ maxWait.toMillis() + " ms (saas.mail.resend.pacing-timeout)", false, null);
		this.wait = wait;
		this.maxWait = maxWait;
	}

	/** The wait the call's turn needed, or null when only known to exceed {@link #getMaxWait()}. */
	public @Nullable Duration getWait() {
		return this.wait;
	}

	/** The longest wait allowed. */
	public Duration getMaxWait() {
		return this.maxWait;
	}

}
