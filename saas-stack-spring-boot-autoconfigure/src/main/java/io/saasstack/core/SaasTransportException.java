package io.saasstack.core;

/**
 * No usable HTTP response: connection refused or reset, DNS failure, TLS failure or timeout.
 * {@link #isConnectFailure()} tells whether the request certainly never reached the provider,
 * which makes even a non-idempotent call safe to repeat.
 *
 * @since 0.1.0
 */
public class SaasTransportException extends SaasException {

	private final boolean connectFailure;

	private final boolean timeout;

	public SaasTransportException(String provider, String operation, String message, boolean connectFailure,
			boolean timeout, Throwable cause) {
		super(provider, operation, provider + " " + operation + " failed: " + message, true, cause);
		this.connectFailure = connectFailure;
		this.timeout = timeout;
	}

	/** Whether the connection could not be established, so the provider never saw the request. */
	public boolean isConnectFailure() {
		return this.connectFailure;
	}

	/** Whether the call failed because a connect or response timeout elapsed. */
	public boolean isTimeout() {
		return this.timeout;
	}

}
