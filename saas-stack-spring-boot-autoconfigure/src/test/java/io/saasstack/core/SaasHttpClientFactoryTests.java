package io.saasstack.core;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SaasHttpClientFactory}.
 */
class SaasHttpClientFactoryTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static SaasHttpClientFactory factory(Supplier<WebClient.Builder> builder,
			SaasWebClientCustomizer... customizers) {
		return new SaasHttpClientFactory(builder, ClientHttpConnectorBuilder.detect(), HttpClientSettings.defaults(),
				List.of(customizers), ObservationRegistry.NOOP, null);
	}

	private static LoggedRequest send(SaasHttpClient client) {
		wm.resetRequests();
		client.exchange(SaasRequest.get("ping", "/ping").build(), Void.class).block();
		List<LoggedRequest> requests = wm.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static List<String> header(LoggedRequest request, String name) {
		return request.getHeaders().getHeader(name).isPresent() ? request.getHeaders().getHeader(name).values()
				: List.of();
	}

	@Test
	void shouldApplyCustomizersAfterItsOwnSettingsInOrder() {
		wm.stubFor(any(anyUrl()).willReturn(noContent()));
		SaasWebClientCustomizer all = (provider, builder) -> builder.defaultHeader("X-Provider", provider)
			.defaultHeader("X-Order", "first");
		SaasWebClientCustomizer later = (provider, builder) -> builder.defaultHeader("X-Order", "second");
		SaasWebClientCustomizer acmeOnly = SaasWebClientCustomizer.forProvider("acme",
				(builder) -> builder.defaultHeader(HttpHeaders.USER_AGENT, "acme-app/1.0"));
		SaasWebClientCustomizer otherOnly = SaasWebClientCustomizer.forProvider("other",
				(builder) -> builder.defaultHeader("X-Other", "yes"));
		SaasHttpClient client = factory(WebClient::builder, all, later, acmeOnly, otherOnly).client("acme")
			.baseUrl(URI.create(wm.baseUrl()))
			.build();
		LoggedRequest request = send(client);
		assertThat(header(request, "X-Provider")).containsExactly("acme");
		assertThat(header(request, "X-Order")).containsExactly("second");
		assertThat(header(request, HttpHeaders.USER_AGENT)).containsExactly("acme-app/1.0");
		assertThat(header(request, "X-Other")).isEmpty();
	}

	@Test
	void shouldCreateTheWebClientAtTheFirstCallOnly() {
		wm.stubFor(any(urlPathEqualTo("/ping")).willReturn(noContent()));
		AtomicInteger builders = new AtomicInteger();
		AtomicInteger customized = new AtomicInteger();
		SaasHttpClient client = factory(() -> {
			builders.incrementAndGet();
			return WebClient.builder();
		}, (provider, builder) -> customized.incrementAndGet()).client("acme")
			.baseUrl(URI.create(wm.baseUrl()))
			.build();
		assertThat(builders).hasValue(0);
		assertThat(customized).hasValue(0);
		send(client);
		send(client);
		assertThat(builders).hasValue(1);
		assertThat(customized).hasValue(1);
	}

	@Test
	void shouldCloneBuilderOfEachClient() {
		wm.stubFor(any(anyUrl()).willReturn(noContent()));
		WebClient.Builder shared = WebClient.builder().defaultHeader("X-App", "shop");
		SaasHttpClientFactory factory = factory(() -> shared);
		SaasHttpClient acme = factory.client("acme")
			.baseUrl(URI.create(wm.baseUrl()))
			.defaultHeaders((headers) -> headers.setBearerAuth("acme_key"))
			.build();
		SaasHttpClient other = factory.client("other")
			.baseUrl(URI.create(wm.baseUrl()))
			.defaultHeaders((headers) -> headers.set("X-Api-Key", "other_key"))
			.build();
		LoggedRequest toAcme = send(acme);
		assertThat(header(toAcme, HttpHeaders.AUTHORIZATION)).containsExactly("Bearer acme_key");
		assertThat(header(toAcme, "X-Api-Key")).isEmpty();
		assertThat(header(toAcme, "X-App")).containsExactly("shop");
		LoggedRequest toOther = send(other);
		assertThat(header(toOther, "X-Api-Key")).containsExactly("other_key");
		assertThat(header(toOther, HttpHeaders.AUTHORIZATION)).isEmpty();
		assertThat(header(toOther, HttpHeaders.USER_AGENT)).containsExactly(SaasStackVersion.userAgent());
		shared.build().get().uri(wm.baseUrl() + "/ping").retrieve().toBodilessEntity().block();
		assertThat(header(wm.findAll(anyRequestedFor(anyUrl())).get(1), HttpHeaders.USER_AGENT))
			.doesNotContain(SaasStackVersion.userAgent());
	}

	@Test
	void shouldTakeSettingsFromProperties() {
		wm.stubFor(any(urlPathEqualTo("/v2/items")).willReturn(okJson("[]")));
		SaasClientProperties properties = new SaasClientProperties(URI.create("https://api.acme.test")) {
		};
		properties.setBaseUrl(URI.create(wm.baseUrl() + "/v2"));
		properties.setConnectTimeout(Duration.ofMillis(500));
		properties.setResponseTimeout(Duration.ofSeconds(3));
		properties.getRetry().setMaxAttempts(4);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(50));
		properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(2));
		SaasHttpClient client = SaasHttpClientFactory.standalone().client("acme").properties(properties).build();
		assertThat(client.retryPolicy()).isEqualTo(new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50),
				Duration.ofSeconds(2), RetryPolicy.DEFAULT.jitter()));
		assertThat(client.retrieve(SaasRequest.get("items.list", "/items").build(), List.class).block()).isEmpty();
	}

	@Test
	void shouldDefaultPropertiesToDefaultPolicy() {
		SaasClientProperties properties = new SaasClientProperties(URI.create("https://api.acme.test")) {
		};
		assertThat(properties.getBaseUrl()).isEqualTo(URI.create("https://api.acme.test"));
		assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(properties.getResponseTimeout()).isEqualTo(Duration.ofSeconds(15));
		assertThat(properties.getRetry().toPolicy()).isEqualTo(RetryPolicy.DEFAULT);
	}

	@Test
	void shouldEnforceTimeoutWithoutConnectorBuilder() {
		wm.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(1500)));
		SaasHttpClientFactory factory = new SaasHttpClientFactory(WebClient::builder, null,
				HttpClientSettings.defaults(), List.of(), ObservationRegistry.NOOP, null);
		SaasHttpClient client = factory.client("acme")
			.baseUrl(URI.create(wm.baseUrl()))
			.timeouts(Duration.ofMillis(100), Duration.ofMillis(200))
			.build();
		SaasRequest request = SaasRequest.post("items.create", "/items").json(Map.of("name", "Widget")).build();
		assertThatExceptionOfType(SaasTransportException.class)
			.isThrownBy(() -> client.retrieve(request, Map.class).block())
			.satisfies((ex) -> {
				assertThat(ex.isTimeout()).isTrue();
				assertThat(ex.isConnectFailure()).isFalse();
				assertThat(ex.getMessage()).isEqualTo("acme items.create failed: no response within 300 ms");
			});
	}

	/**
	 * The WebClient connectors on this classpath: Apache HttpClient 5 (the starter's), the JDK's
	 * HttpClient, and Reactor Netty except in the execution without it ({@code starter-connector}).
	 */
	static Stream<String> connectors() {
		Stream<String> always = Stream.of("http-components", "jdk");
		return ClassUtils.isPresent("reactor.netty.http.client.HttpClient", null)
				? Stream.concat(always, Stream.of("reactor")) : always;
	}

	static ClientHttpConnectorBuilder<?> connector(String name) {
		return switch (name) {
			case "http-components" -> ClientHttpConnectorBuilder.httpComponents();
			case "jdk" -> ClientHttpConnectorBuilder.jdk();
			case "reactor" -> ClientHttpConnectorBuilder.reactor();
			default -> throw new IllegalArgumentException(name);
		};
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void shouldEnforceResponseTimeoutWithEitherConnector(String connector) {
		wm.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(3000)));
		SaasHttpClientFactory factory = new SaasHttpClientFactory(WebClient::builder, connector(connector),
				HttpClientSettings.defaults(), List.of(), ObservationRegistry.NOOP, null);
		SaasHttpClient client = factory.client("acme")
			.baseUrl(URI.create(wm.baseUrl()))
			.timeouts(Duration.ofSeconds(1), Duration.ofMillis(200))
			.retryPolicy(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5), 0))
			.build();
		SaasRequest request = SaasRequest.get("items.get", "/items/1").build();
		assertThatExceptionOfType(SaasTransportException.class)
			.isThrownBy(() -> client.retrieve(request, Map.class).block())
			.satisfies((ex) -> {
				assertThat(ex.isTimeout()).isTrue();
				assertThat(ex.isConnectFailure()).isFalse();
				// the connector's response timeout, not the attempt's backstop (connect + response)
				assertThat(ex.getMessage()).isEqualTo("acme items.get failed: no response within 200 ms");
			});
	}

	/**
	 * The delivery pipeline's in-flight requests really are on the wire at once: the server holds
	 * every request until it has seen them all. Apache HttpClient's own pool (5 per host) would
	 * hold back all but 5.
	 */
	@ParameterizedTest
	@MethodSource("connectors")
	void shouldSendConcurrentCallsOnAsManyConnections(String connector) throws Exception {
		int calls = 32;
		CountDownLatch allArrived = new CountDownLatch(calls);
		AtomicInteger open = new AtomicInteger();
		AtomicInteger mostOpen = new AtomicInteger();
		ExecutorService handlers = Executors.newFixedThreadPool(calls);
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), calls);
		server.setExecutor(handlers);
		server.createContext("/", (exchange) -> {
			mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
			allArrived.countDown();
			try {
				// held until every call has arrived; a connector that holds calls back is answered later
				allArrived.await(1, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			open.decrementAndGet();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, 2);
			exchange.getResponseBody().write("{}".getBytes());
			exchange.close();
		});
		server.start();
		try {
			SaasHttpClientFactory factory = new SaasHttpClientFactory(WebClient::builder, connector(connector),
					HttpClientSettings.defaults(), List.of(), ObservationRegistry.NOOP, null);
			SaasHttpClient client = factory.client("acme")
				.baseUrl(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
				.timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10))
				.build();
			SaasRequest request = SaasRequest.get("items.get", "/items/1").build();
			List<Map> answers = Flux.range(0, calls)
				.flatMap((i) -> client.retrieve(request, Map.class), calls)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(answers).hasSize(calls);
			assertThat(mostOpen).as("calls on the wire at once").hasValue(calls);
		}
		finally {
			server.stop(0);
			handlers.shutdownNow();
		}
	}

	@ParameterizedTest
	@MethodSource("connectors")
	void shouldReportRefusedConnectionWithEitherConnector(String connector) throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		SaasHttpClientFactory factory = new SaasHttpClientFactory(WebClient::builder, connector(connector),
				HttpClientSettings.defaults(), List.of(), ObservationRegistry.NOOP, null);
		SaasHttpClient client = factory.client("acme")
			.baseUrl(URI.create("http://127.0.0.1:" + closedPort))
			.retryPolicy(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5), 0))
			.build();
		assertThatExceptionOfType(SaasTransportException.class)
			.isThrownBy(() -> client.retrieve(SaasRequest.get("items.get", "/items/1").build(), Map.class).block())
			.satisfies((ex) -> {
				assertThat(ex.isConnectFailure()).isTrue();
				assertThat(ex.isTimeout()).isFalse();
			});
	}

	@Test
	void shouldDescribeClient() {
		SaasHttpClient client = SaasHttpClientFactory.standalone()
			.client("acme")
			.baseUrl(URI.create("https://api.acme.test"))
			.build();
		assertThat(client.provider()).isEqualTo("acme");
		assertThat(client.retryPolicy()).isEqualTo(RetryPolicy.DEFAULT);
		assertThat(client).hasToString("SaasHttpClient[acme]");
	}

	@Test
	void shouldRequireBaseUrl() {
		assertThatIllegalStateException().isThrownBy(() -> SaasHttpClientFactory.standalone().client("acme").build())
			.withMessage("base URL of acme is not set");
		SaasClientProperties properties = new SaasClientProperties(null) {
		};
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SaasHttpClientFactory.standalone().client("acme").properties(properties))
			.withMessage("base URL must be set");
	}

	@Test
	void shouldRejectInvalidSettings() {
		SaasHttpClientFactory factory = SaasHttpClientFactory.standalone();
		assertThatIllegalArgumentException().isThrownBy(() -> factory.client(" "));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.client("acme").timeouts(Duration.ZERO, Duration.ofSeconds(1)))
			.withMessage("connect timeout must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> factory.client("acme").timeouts(Duration.ofSeconds(1), Duration.ofMillis(-1)))
			.withMessage("response timeout must be positive");
	}

	@Test
	void shouldIgnoreNullSecrets() {
		wm.stubFor(any(anyUrl()).willReturn(okJson("{\"message\":\"bad key sk_live_abcdef\"}").withStatus(400)));
		SaasHttpClient client = SaasHttpClientFactory.standalone()
			.client("acme")
			.baseUrl(URI.create(wm.baseUrl()))
			.secrets(null, "sk_live_abcdef")
			.build();
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> client.retrieve(SaasRequest.get("ping", "/ping").build(), Void.class).block())
			.withMessage("acme ping failed with HTTP 400: bad key ******");
	}

}
