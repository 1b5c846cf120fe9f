package io.saasstack.core;

import org.jspecify.annotations.Nullable;

/**
 * The provider answered with an error status. Carries the decoded provider error, the
 * provider's request or trace id and the rate-limit headers of the failed response.
 *
 * @since 0.1.0
 */
public class SaasApiException extends SaasException {

	private final int status;

	private final ProviderError error;

	private final RateLimit rateLimit;

	public SaasApiException(String provider, String operation, int status, ProviderError error, RateLimit rateLimit,
			boolean retryable) {
		super(provider, operation, describe(provider, operation, status, error), retryable, null);
		this.status = status;
		this.error = error;
		this.rateLimit = rateLimit;
	}

	private static String describe(String provider, String operation, int status, ProviderError error) {
		StringBuilder message = new StringBuilder(provider).append(' ').append(operation).append(" failed with HTTP ")
			.append(status);
		if (error.code() != null) {
			message.append(" [").append(error.code()).append(']');
		}
		if (error.message() != null) {
			message.append(": ").append(error.message());
		}
		if (error.requestId() != null) {
			message.append(" (request id ").append(error.requestId()).append(')');
		}
		return message.toString();
	}

	/** HTTP status code of the response. */
	public int getStatus() {
		return this.status;
	}

	/** Provider error code, for example {@code rate_limit_exceeded}, or null when the body had none. */
	public @Nullable String getErrorCode() {
		return this.error.code();
	}

	/** Human-readable message from the provider, or a snippet of a non-JSON body. */
	public @Nullable String getProviderMessage() {
		return this.error.message();
	}

	/** Provider request or trace id to quote to its support, when the response carried one. */
	public @Nullable String getRequestId() {
		return this.error.requestId();
	}

	/** Decoded provider error. */
	public ProviderError getError() {
		return this.error;
	}

	/** Rate-limit information sent with the failed response. */
	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

}
