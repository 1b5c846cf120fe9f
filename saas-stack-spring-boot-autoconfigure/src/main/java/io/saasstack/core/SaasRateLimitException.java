package io.saasstack.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The provider rejected the call because of a rate limit or a quota. Whether waiting helps is
 * told by {@link #isRetryable()}: a per-second limit is retryable, an exhausted daily quota is not.
 *
 * @since 0.1.0
 */
public class SaasRateLimitException extends SaasApiException {

	public SaasRateLimitException(String provider, String operation, int status, ProviderError error,
			RateLimit rateLimit, boolean retryable) {
		super(provider, operation, status, error, rateLimit, retryable);
	}

	/**
	 * How long to wait before trying again: the provider's {@code Retry-After}, else the time
	 * until its rate-limit window resets, else null when it said neither.
	 */
	public @Nullable Duration getRetryAfter() {
		RateLimit rateLimit = getRateLimit();
		return (rateLimit.retryAfter() != null) ? rateLimit.retryAfter() : rateLimit.reset();
	}

}
