package io.saasstack.webhooks;

import java.util.List;

/**
 * The webhook endpoints of the application, one per configured provider.
 *
 * @param endpoints the endpoints, never empty when the auto-configuration creates it
 * @since 0.1.0
 */
public record WebhookEndpoints(List<WebhookEndpoint> endpoints) {

	public WebhookEndpoints {
		endpoints = List.copyOf(endpoints);
	}

	/** The paths of the endpoints. */
	public String[] paths() {
		return this.endpoints.stream().map(WebhookEndpoint::path).toArray(String[]::new);
	}

}
