package io.saasstack.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Rate-limit information a provider sent with a response; every part is null when absent.
 *
 * @param limit requests allowed in the current window
 * @param remaining requests left in the current window
 * @param reset time until the window resets
 * @param retryAfter time the provider asked the caller to wait before retrying
 * @since 0.1.0
 */
public record RateLimit(@Nullable Long limit, @Nullable Long remaining, @Nullable Duration reset,
		@Nullable Duration retryAfter) {

	/** No rate-limit information. */
	public static final RateLimit NONE = new RateLimit(null, null, null, null);

	/** Whether any rate-limit header was present. */
	public boolean isPresent() {
		return this.limit != null || this.remaining != null || this.reset != null || this.retryAfter != null;
	}

	/**
	 * The wait a client should respect before trying again: {@code retryAfter}, else
	 * {@code reset} when nothing remains in the window, else null.
	 */
	public @Nullable Duration suggestedWait() {
		if (this.retryAfter != null) {
			return this.retryAfter;
		}
		if (this.remaining != null && this.remaining == 0 && this.reset != null) {
			return this.reset;
		}
		return null;
	}

}
