package io.saasstack.core;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Creates the {@link SaasHttpClient} of each provider from Boot's {@link WebClient.Builder}
 * (cloned, so that {@code WebClientCustomizer}s and the {@code http.client.requests}
 * observation apply) and Boot's {@link ClientHttpConnectorBuilder} (so that the HTTP library
 * and {@code spring.http.clients.*} settings chosen for the application apply), with the
 * provider's own timeouts.
 *
 * @since 0.1.0
 */
public final class SaasHttpClientFactory {

	private static final List<String> DEFAULT_REQUEST_ID_HEADERS = List.of("x-request-id", "request-id", "cf-ray");

	private final Supplier<WebClient.Builder> webClientBuilder;

	private final @Nullable ClientHttpConnectorBuilder<?> connectorBuilder;

	private final HttpClientSettings baseSettings;

	private final List<SaasWebClientCustomizer> customizers;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SaasClientObservationConvention observationConvention;

	/**
	 * @param webClientBuilder source of builders; each is cloned before use
	 * @param connectorBuilder builder of the HTTP connector, or null to keep the builder's own
	 * connector (then the timeouts are enforced by the client alone)
	 * @param baseSettings settings the provider timeouts are added to (SSL bundle, redirects)
	 * @param customizers applied to every provider's builder, in order
	 * @param observationRegistry registry of the per-call observations
	 * @param observationConvention custom convention, or null for the default
	 */
	public SaasHttpClientFactory(Supplier<WebClient.Builder> webClientBuilder,
			@Nullable ClientHttpConnectorBuilder<?> connectorBuilder, HttpClientSettings baseSettings,
			List<SaasWebClientCustomizer> customizers, ObservationRegistry observationRegistry,
			@Nullable SaasClientObservationConvention observationConvention) {
		this.webClientBuilder = webClientBuilder;
		this.connectorBuilder = connectorBuilder;
		this.baseSettings = baseSettings;
		this.customizers = List.copyOf(customizers);
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	/**
	 * The connectors as saas-stack needs them. The JDK's client speaks HTTP/1.1, as Reactor Netty
	 * does by default: its default, HTTP/2, upgrades every plain {@code http://} connection
	 * (proxies, local stand-ins, WireMock) with {@code Upgrade: h2c}, which servers answer with
	 * resets or not at all. Apache HttpClient 5 gets a pool as large as the delivery pipeline's
	 * in-flight requests and loses its own retries.
	 */
	private static ClientHttpConnectorBuilder<?> tuned(ClientHttpConnectorBuilder<?> builder) {
		if (builder instanceof JdkClientHttpConnectorBuilder jdk) {
			return jdk.withHttpClientCustomizer((client) -> client.version(HttpClient.Version.HTTP_1_1));
		}
		if (builder instanceof HttpComponentsClientHttpConnectorBuilder httpComponents) {
			return HttpComponentsTuning.tune(httpComponents);
		}
		return builder;
	}

	/** A factory outside a Spring context: plain {@code WebClient.builder()}, detected connector. */
	public static SaasHttpClientFactory standalone() {
		return new SaasHttpClientFactory(WebClient::builder, ClientHttpConnectorBuilder.detect(),
				HttpClientSettings.defaults(), List.of(), ObservationRegistry.NOOP, null);
	}

	/** Starts the client of a provider. */
	public Builder client(String provider) {
		Assert.hasText(provider, "provider must not be empty");
		return new Builder(provider);
	}

	/**
	 * Builder of a provider's {@link SaasHttpClient}.
	 */
	public final class Builder {

		private final String provider;

		private @Nullable URI baseUrl;

		private Duration connectTimeout = SaasClientProperties.DEFAULT_CONNECT_TIMEOUT;

		private Duration responseTimeout = SaasClientProperties.DEFAULT_RESPONSE_TIMEOUT;

		private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;

		private ProviderErrorDecoder errorDecoder = ProviderErrorDecoder.GENERIC;

		private RateLimitParser rateLimitParser = RateLimitParser.STANDARD;

		private List<String> requestIdHeaders = DEFAULT_REQUEST_ID_HEADERS;

		private final List<String> secrets = new ArrayList<>();

		private RequestPacer pacer = RequestPacer.NONE;

		private Consumer<HttpHeaders> defaultHeaders = (headers) -> {
		};

		private Builder(String provider) {
			this.provider = provider;
		}

		/** Base URL, timeouts and retry policy from the provider's properties. */
		public Builder properties(SaasClientProperties properties) {
			Assert.notNull(properties.getBaseUrl(), "base URL must be set");
			this.baseUrl = properties.getBaseUrl();
			this.connectTimeout = properties.getConnectTimeout();
			this.responseTimeout = properties.getResponseTimeout();
			this.retryPolicy = properties.getRetry().toPolicy();
			return this;
		}

		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		public Builder timeouts(Duration connectTimeout, Duration responseTimeout) {
			Assert.isTrue(!connectTimeout.isNegative() && !connectTimeout.isZero(), "connect timeout must be positive");
			Assert.isTrue(!responseTimeout.isNegative() && !responseTimeout.isZero(), "response timeout must be positive");
			this.connectTimeout = connectTimeout;
			this.responseTimeout = responseTimeout;
			return this;
		}

		public Builder retryPolicy(RetryPolicy retryPolicy) {
			this.retryPolicy = retryPolicy;
			return this;
		}

		public Builder errorDecoder(ProviderErrorDecoder errorDecoder) {
			this.errorDecoder = errorDecoder;
			return this;
		}

		public Builder rateLimitParser(RateLimitParser rateLimitParser) {
			this.rateLimitParser = rateLimitParser;
			return this;
		}

		/** Response headers holding the provider's request or trace id, most specific first. */
		public Builder requestIdHeaders(String... headers) {
			this.requestIdHeaders = Arrays.asList(headers);
			return this;
		}

		/** Headers of every request, typically authentication. */
		public Builder defaultHeaders(Consumer<HttpHeaders> defaultHeaders) {
			this.defaultHeaders = defaultHeaders;
			return this;
		}

		/** Paces every attempt of every call, for providers whose rate limit the client should respect. */
		public Builder pacer(RequestPacer pacer) {
			this.pacer = pacer;
			return this;
		}

		/** Credential values that must never appear in exception messages. */
		public Builder secrets(@Nullable String... secrets) {
			for (String secret : secrets) {
				if (secret != null) {
					this.secrets.add(secret);
				}
			}
			return this;
		}

		/**
		 * The client. Its {@link WebClient} and connector are created at its first call, not
		 * here, so that starting an application neither creates connectors nor loads the HTTP
		 * library (Reactor Netty, codecs: about 600 classes) for providers it has not called yet.
		 */
		public SaasHttpClient build() {
			Assert.state(this.baseUrl != null, () -> "base URL of " + this.provider + " is not set");
			String provider = this.provider;
			URI baseUrl = this.baseUrl;
			Duration connectTimeout = this.connectTimeout;
			Duration responseTimeout = this.responseTimeout;
			Consumer<HttpHeaders> defaultHeaders = this.defaultHeaders;
			Supplier<WebClient> webClient = SingletonSupplier
				.of(() -> webClient(provider, baseUrl, connectTimeout, responseTimeout, defaultHeaders));
			return new SaasHttpClient(this.provider, webClient, this.retryPolicy, this.connectTimeout,
					this.responseTimeout,
					this.errorDecoder, this.rateLimitParser, this.requestIdHeaders, this.secrets,
					SaasHttpClientFactory.this.observationRegistry, SaasHttpClientFactory.this.observationConvention,
					this.pacer);
		}

	}

	private WebClient webClient(String provider, URI baseUrl, Duration connectTimeout, Duration responseTimeout,
			Consumer<HttpHeaders> defaultHeaders) {
		WebClient.Builder builder = this.webClientBuilder.get().clone();
		if (this.connectorBuilder != null) {
			// tuned at the first call: starting the application loads none of the connector's classes
			builder.clientConnector(tuned(this.connectorBuilder)
				.build(this.baseSettings.withTimeouts(connectTimeout, responseTimeout)));
		}
		builder.baseUrl(baseUrl.toString())
			.defaultHeader(HttpHeaders.USER_AGENT, SaasStackVersion.userAgent())
			.defaultHeaders(defaultHeaders);
		for (SaasWebClientCustomizer customizer : this.customizers) {
			customizer.customize(provider, builder);
		}
		return builder.build();
	}

}
