package io.saasstack.webhooks;

/**
 * One webhook endpoint: the provider, the path it is served at ({@code POST}) and its verifier.
 *
 * @param provider the provider name
 * @param path the request path, e.g. {@code /webhooks/clerk}
 * @param verifier the verifier of the provider's signature
 * @since 0.1.0
 */
public record WebhookEndpoint(String provider, String path, WebhookVerifier verifier) {

}
