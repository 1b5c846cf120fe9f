package io.saasstack.core;

import org.jspecify.annotations.Nullable;

/**
 * What a provider's error response says, decoded from its own error format.
 *
 * @param code provider error code, for example {@code validation_error}
 * @param message human-readable message, or a snippet of a non-JSON body
 * @param requestId provider request or trace id
 * @param retryable the provider's own verdict on retrying, or null to decide by HTTP status
 * @param rateLimited whether the call was rejected by a rate limit or quota, whatever its status
 * @since 0.1.0
 */
public record ProviderError(@Nullable String code, @Nullable String message, @Nullable String requestId,
		@Nullable Boolean retryable, boolean rateLimited) {

	/** An error whose retryability and rate-limit nature follow from its HTTP status. */
	public static ProviderError of(@Nullable String code, @Nullable String message, @Nullable String requestId) {
		return new ProviderError(code, message, requestId, null, false);
	}

	/** A copy with an explicit retry verdict. */
	public ProviderError withRetryable(boolean retryable) {
		return new ProviderError(this.code, this.message, this.requestId, retryable, this.rateLimited);
	}

	/** A copy marked as a rate-limit or quota rejection. */
	public ProviderError asRateLimited() {
		return new ProviderError(this.code, this.message, this.requestId, this.retryable, true);
	}

}
