package io.saasstack.core;

import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.core5.http2.HttpVersionPolicy;

import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;

/**
 * Apache HttpClient 5 as saas-stack needs it. Kept apart from {@link SaasHttpClientFactory} so
 * that the client's classes are loaded only where Boot picked it.
 */
final class HttpComponentsTuning {

	/**
	 * Connections to one provider: as many as the delivery pipeline sends at once by default
	 * ({@code max-in-flight} 64). The client's own default, 5, would queue every sixth request.
	 */
	static final int CONNECTIONS_PER_PROVIDER = 64;

	private HttpComponentsTuning() {
	}

	/**
	 * Our pool size; HTTP/1.1, as on Reactor Netty and the JDK's client (the client would otherwise
	 * negotiate HTTP/2 over TLS, a path none of our tests take); and no retries of the client's
	 * own, which would resend a request inside one of our attempts: {@link SaasHttpClient} retries,
	 * with the provider's idempotency key, once per attempt it observes.
	 */
	static HttpComponentsClientHttpConnectorBuilder tune(HttpComponentsClientHttpConnectorBuilder builder) {
		return builder.withHttpClientCustomizer(HttpAsyncClientBuilder::disableAutomaticRetries)
			.withConnectionManagerCustomizer((manager) -> manager.setMaxConnPerRoute(CONNECTIONS_PER_PROVIDER)
				.setMaxConnTotal(CONNECTIONS_PER_PROVIDER)
				.setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1).build()));
	}

}
