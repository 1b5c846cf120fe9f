package io.saasstack.webhooks;

/**
 * A webhook request whose signature, timestamp or headers are not valid. The message says which,
 * never the secret or the expected signature.
 *
 * @since 0.1.0
 */
public class WebhookVerificationException extends RuntimeException {

	private final String provider;

	public WebhookVerificationException(String provider, String message) {
		super(provider + " webhook rejected: " + message);
		this.provider = provider;
	}

	/** The provider the request claimed to come from. */
	public String getProvider() {
		return this.provider;
	}

}
