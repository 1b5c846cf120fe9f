package io.saasstack.core;

/**
 * The provider answered with a success status but a body that could not be read as the
 * expected type. Not retryable: the call may have had its effect.
 *
 * @since 0.1.0
 */
public class SaasMalformedResponseException extends SaasException {

	private final int status;

	public SaasMalformedResponseException(String provider, String operation, int status, String detail,
			Throwable cause) {
		super(provider, operation,
				provider + " " + operation + " returned HTTP " + status + " with an unreadable body: " + detail, false,
				cause);
		this.status = status;
	}

	/**
	 * A body that was read but lacks what the operation needs (a required field, for example).
	 * @param detail what is missing, without any credential
	 */
	public SaasMalformedResponseException(String provider, String operation, int status, String detail) {
		this(provider, operation, status, detail, new IllegalStateException(detail));
	}

	/** HTTP status code of the response. */
	public int getStatus() {
		return this.status;
	}

}
