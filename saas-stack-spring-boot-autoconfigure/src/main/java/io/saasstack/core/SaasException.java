package io.saasstack.core;

import org.jspecify.annotations.Nullable;

/**
 * Root of every exception a saas-stack client throws. Messages never contain credentials.
 *
 * @since 0.1.0
 */
public abstract class SaasException extends RuntimeException {

	private final String provider;

	private final String operation;

	private final boolean retryable;

	protected SaasException(String provider, String operation, String message, boolean retryable,
			@Nullable Throwable cause) {
		super(message, cause);
		this.provider = provider;
		this.operation = operation;
		this.retryable = retryable;
	}

	/** Identifier of the provider that was called, for example {@code resend}. */
	public String getProvider() {
		return this.provider;
	}

	/** Logical operation that failed, for example {@code emails.send}. */
	public String getOperation() {
		return this.operation;
	}

	/** Whether the provider or the transport says the same call may succeed later. */
	public boolean isRetryable() {
		return this.retryable;
	}

}
