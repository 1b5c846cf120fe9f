package io.saasstack.webhooks;

import org.springframework.http.HttpHeaders;

/**
 * Verifies that a webhook request was signed by the provider, on the raw request bytes.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WebhookVerifier {

	/**
	 * Verifies a request.
	 * @param headers the request headers (looked up case-insensitively)
	 * @param body the raw request body, exactly as received
	 * @return the verified message
	 * @throws WebhookVerificationException if the signature, the timestamp or the headers are not valid
	 */
	VerifiedWebhook verify(HttpHeaders headers, byte[] body);

}
