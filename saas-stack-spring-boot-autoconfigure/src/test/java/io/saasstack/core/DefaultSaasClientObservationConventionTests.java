package io.saasstack.core;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DefaultSaasClientObservationConvention}, and for the observation that
 * {@link SaasHttpClient} makes of each call.
 */
class DefaultSaasClientObservationConventionTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String NAME = "saas.client.requests";

	static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200),
			Duration.ofSeconds(5), 0.5);

	record Item(String id) {
	}

	@Nested
	class ClientObservations {

		final TestObservationRegistry registry = TestObservationRegistry.create();

		final AtomicInteger stops = new AtomicInteger();

		@BeforeEach
		void countStops() {
			this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public boolean supportsContext(Observation.Context context) {
					return context instanceof SaasClientObservationContext;
				}

				@Override
				public void onStop(Observation.Context context) {
					ClientObservations.this.stops.incrementAndGet();
				}

			});
		}

		SaasHttpClient client(SaasClientObservationConvention convention) {
			return client(WebClient::builder, convention, wm.baseUrl());
		}

		SaasHttpClient client(Supplier<WebClient.Builder> builder, SaasClientObservationConvention convention,
				String baseUrl) {
			return client(builder, convention, baseUrl, ClientHttpConnectorBuilder.detect());
		}

		SaasHttpClient client(Supplier<WebClient.Builder> builder, SaasClientObservationConvention convention,
				String baseUrl, ClientHttpConnectorBuilder<?> connector) {
			SaasHttpClientFactory factory = new SaasHttpClientFactory(builder, connector,
					HttpClientSettings.defaults(), List.of(), this.registry, convention);
			return factory
				.client("acme")
				.baseUrl(URI.create(baseUrl))
				.timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
				.retryPolicy(RETRY)
				.build();
		}

		SaasHttpClient client() {
			return client(null);
		}

		SaasRequest get() {
			return SaasRequest.get("items.get", "/items/{id}", "it_1").build();
		}

		void respond(ResponseDefinitionBuilder... responses) {
			for (int i = 0; i < responses.length; i++) {
				String state = (i == 0) ? Scenario.STARTED : "attempt " + (i + 1);
				String next = (i < responses.length - 1) ? "attempt " + (i + 2) : state;
				wm.stubFor(any(anyUrl()).inScenario("observation")
					.whenScenarioStateIs(state)
					.willSetStateTo(next)
					.willReturn(responses[i]));
			}
		}

		ResponseDefinitionBuilder status(int status) {
			return aResponse().withStatus(status)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withBody("{\"message\":\"HTTP " + status + "\"}");
		}

		@Test
		void shouldObserveSuccessfulCall() {
			respond(okJson("{\"id\":\"it_1\"}"));
			client().retrieve(get(), Item.class).block();
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasNumberOfObservationsWithNameEqualTo(NAME, 1)
				.hasObservationWithNameEqualTo(NAME)
				.that()
				.hasBeenStarted()
				.hasBeenStopped()
				.hasContextualNameEqualTo("acme items.get")
				.hasLowCardinalityKeyValue("provider", "acme")
				.hasLowCardinalityKeyValue("operation", "items.get")
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.hasLowCardinalityKeyValue("status", "200")
				.hasLowCardinalityKeyValue("exception", "none")
				.hasHighCardinalityKeyValue("attempts", "1")
				.doesNotHaveError();
			assertThat(this.stops).hasValue(1);
		}

		@Test
		void shouldObserveCallOnceWhateverItsAttempts() {
			respond(status(503), status(500), okJson("{\"id\":\"it_1\"}"));
			client().retrieve(get(), Item.class).block();
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasNumberOfObservationsEqualTo(1)
				.hasSingleObservationThat()
				.hasNameEqualTo(NAME)
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "SUCCESS")
				.hasLowCardinalityKeyValue("status", "200")
				.hasLowCardinalityKeyValue("exception", "none")
				.hasHighCardinalityKeyValue("attempts", "3");
			assertThat(this.stops).hasValue(1);
		}

		@Test
		void shouldObserveClientError() {
			respond(status(404));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().retrieve(get(), Item.class).block());
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
				.hasLowCardinalityKeyValue("status", "404")
				.hasLowCardinalityKeyValue("exception", "SaasApiException")
				.hasHighCardinalityKeyValue("attempts", "1")
				.hasError();
		}

		@Test
		void shouldObserveAuthenticationFailureAsClientError() {
			respond(status(401));
			assertThatExceptionOfType(SaasAuthenticationException.class)
				.isThrownBy(() -> client().retrieve(get(), Item.class).block());
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("outcome", "CLIENT_ERROR")
				.hasLowCardinalityKeyValue("status", "401")
				.hasLowCardinalityKeyValue("exception", "SaasAuthenticationException");
		}

		@Test
		void shouldObserveServerErrorAfterLastAttempt() {
			respond(status(503));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().retrieve(get(), Item.class).block());
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasNumberOfObservationsWithNameEqualTo(NAME, 1)
				.hasSingleObservationThat()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
				.hasLowCardinalityKeyValue("status", "503")
				.hasLowCardinalityKeyValue("exception", "SaasApiException")
				.hasHighCardinalityKeyValue("attempts", "3");
			assertThat(this.stops).hasValue(1);
		}

		@Test
		void shouldObserveRateLimitedCall() {
			respond(status(429).withHeader(HttpHeaders.RETRY_AFTER, "60"));
			assertThatExceptionOfType(SaasRateLimitException.class)
				.isThrownBy(() -> client().retrieve(get(), Item.class).block());
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasLowCardinalityKeyValue("outcome", "RATE_LIMITED")
				.hasLowCardinalityKeyValue("status", "429")
				.hasLowCardinalityKeyValue("exception", "SaasRateLimitException")
				.hasHighCardinalityKeyValue("attempts", "1");
		}

		@Test
		void shouldObserveTransportError() throws IOException {
			int closedPort;
			try (ServerSocket socket = new ServerSocket(0)) {
				closedPort = socket.getLocalPort();
			}
			SaasHttpClient client = client(WebClient::builder, null, "http://localhost:" + closedPort);
			assertThatExceptionOfType(SaasTransportException.class)
				.isThrownBy(() -> client.retrieve(get(), Item.class).block());
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "TRANSPORT_ERROR")
				.hasLowCardinalityKeyValue("status", "none")
				.hasLowCardinalityKeyValue("exception", "SaasTransportException")
				.hasHighCardinalityKeyValue("attempts", "3");
		}

		@Test
		void shouldTagTheStatusOfAnUnreadableSuccess() {
			respond(okJson("{\"id\": "));
			assertThatExceptionOfType(SaasMalformedResponseException.class)
				.isThrownBy(() -> client().retrieve(get(), Item.class).block());
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("status", "200")
				.hasLowCardinalityKeyValue("outcome", "UNKNOWN")
				.hasLowCardinalityKeyValue("exception", "SaasMalformedResponseException");
		}

		@Test
		void shouldObserveCancelledCallOnce() {
			respond(okJson("{\"id\":\"it_1\"}").withFixedDelay(1000));
			StepVerifier.create(client().retrieve(get(), Item.class)).expectSubscription().thenCancel().verify();
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "UNKNOWN")
				.hasLowCardinalityKeyValue("exception", "none")
				.doesNotHaveError();
			assertThat(this.stops).hasValue(1);
		}

		@Test
		void shouldStopObservationOnceWhenResultIsFollowedByCancel() {
			respond(okJson("{\"id\":\"it_1\"}"));
			Item item = client().retrieve(get(), Item.class).flux().next().block();
			assertThat(item).isEqualTo(new Item("it_1"));
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasBeenStopped()
				.hasLowCardinalityKeyValue("outcome", "SUCCESS");
			assertThat(this.stops).hasValue(1);
		}

		@Test
		void shouldStopObservationBeforeCallerGetsResult() {
			respond(okJson("{\"id\":\"it_1\"}"));
			SaasHttpClient client = client();
			for (int i = 0; i < 20; i++) {
				int before = this.stops.get();
				client.retrieve(get(), Item.class).block();
				assertThat(this.stops).hasValue(before + 1);
			}
			StepVerifier.create(client.retrieve(get(), Item.class))
				.assertNext((item) -> assertThat(this.stops).hasValue(21))
				.verifyComplete();
			assertThat(this.stops).hasValue(21);
		}

		// on every connector: Apache HttpClient 5 (the starter's), Reactor Netty and the JDK's HttpClient
		@ParameterizedTest
		@MethodSource("io.saasstack.core.SaasHttpClientFactoryTests#connectors")
		void shouldBeParentOfWebClientObservationOfEachAttempt(String connector) {
			respond(status(503), okJson("{\"id\":\"it_1\"}"));
			SaasHttpClient client = client(() -> WebClient.builder().observationRegistry(this.registry), null,
					wm.baseUrl(),
					SaasHttpClientFactoryTests.connector(connector));
			client.retrieve(get(), Item.class).block();
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasNumberOfObservationsWithNameEqualTo(NAME, 1)
				.hasNumberOfObservationsWithNameEqualTo("http.client.requests", 2)
				.forAllObservationsWithNameEqualTo("http.client.requests",
						(observation) -> observation.hasParentObservationContextMatching(
								(parent) -> parent instanceof SaasClientObservationContext));
		}

		@Test
		void shouldUseCustomConvention() {
			respond(okJson("{\"id\":\"it_1\"}"));
			SaasClientObservationConvention convention = new SaasClientObservationConvention() {

				@Override
				public String getName() {
					return "acme.api.calls";
				}

				@Override
				public String getContextualName(SaasClientObservationContext context) {
					return "call " + context.getRequest().operation();
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(SaasClientObservationContext context) {
					return KeyValues.of("api", context.getProvider() + "/" + context.getRequest().operation(), "code",
							String.valueOf(context.getStatus()));
				}

			};
			client(convention).retrieve(get(), Item.class).block();
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasNumberOfObservationsWithNameEqualTo(NAME, 0)
				.hasNumberOfObservationsWithNameEqualTo("acme.api.calls", 1)
				.hasObservationWithNameEqualTo("acme.api.calls")
				.that()
				.hasBeenStopped()
				.hasContextualNameEqualTo("call items.get")
				.hasLowCardinalityKeyValue("api", "acme/items.get")
				.hasLowCardinalityKeyValue("code", "200")
				.doesNotHaveLowCardinalityKeyValueWithKey("outcome")
				.doesNotHaveHighCardinalityKeyValueWithKey("attempts");
		}

		@Test
		void shouldUseConventionExtendingTheDefault() {
			respond(status(409));
			SaasClientObservationConvention convention = new DefaultSaasClientObservationConvention() {

				@Override
				protected String outcome(SaasClientObservationContext context) {
					return (Integer.valueOf(409).equals(context.getStatus())) ? "CONFLICT" : super.outcome(context);
				}

			};
			SaasRequest post = SaasRequest.post("items.create", "/items").json(Map.of("name", "Widget")).build();
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client(convention).retrieve(post, Item.class).block());
			TestObservationRegistryAssert.assertThat(this.registry)
				.hasSingleObservationThat()
				.hasNameEqualTo(NAME)
				.hasLowCardinalityKeyValue("outcome", "CONFLICT")
				.hasLowCardinalityKeyValue("operation", "items.create");
		}

	}

	@Nested
	class Convention {

		final DefaultSaasClientObservationConvention convention = new DefaultSaasClientObservationConvention();

		final SaasClientObservationContext context = new SaasClientObservationContext("acme",
				SaasRequest.get("items.get", "/items/{id}", "it_1").build());

		String outcome() {
			return this.convention.getLowCardinalityKeyValues(this.context)
				.stream()
				.filter((keyValue) -> keyValue.getKey().equals("outcome"))
				.map(KeyValue::getValue)
				.findFirst()
				.orElseThrow();
		}

		@Test
		void shouldNameObservation() {
			assertThat(this.convention.getName()).isEqualTo(NAME)
				.isEqualTo(DefaultSaasClientObservationConvention.NAME);
			assertThat(this.convention.getContextualName(this.context)).isEqualTo("acme items.get");
			assertThat(this.convention.supportsContext(this.context)).isTrue();
			assertThat(this.convention.supportsContext(new Observation.Context())).isFalse();
		}

		@Test
		void shouldTagCallWithoutStatusOrErrorAsUnknown() {
			assertThat(this.convention.getLowCardinalityKeyValues(this.context)).containsExactlyInAnyOrder(
					KeyValue.of("provider", "acme"), KeyValue.of("operation", "items.get"),
					KeyValue.of("outcome", "UNKNOWN"), KeyValue.of("status", "none"), KeyValue.of("exception", "none"));
			assertThat(this.convention.getHighCardinalityKeyValues(this.context))
				.containsExactly(KeyValue.of("attempts", "0"));
		}

		@Test
		void shouldDeriveOutcomeFromStatus() {
			this.context.setStatus(204);
			assertThat(outcome()).isEqualTo("SUCCESS");
			this.context.setStatus(422);
			assertThat(outcome()).isEqualTo("CLIENT_ERROR");
			this.context.setStatus(500);
			assertThat(outcome()).isEqualTo("SERVER_ERROR");
		}

		@Test
		void shouldDeriveOutcomeFromError() {
			this.context.setStatus(403);
			this.context.setError(new SaasRateLimitException("acme", "items.get", 403,
					ProviderError.of("quota", null, null).asRateLimited(), RateLimit.NONE, false));
			assertThat(outcome()).isEqualTo("RATE_LIMITED");
			this.context.setStatus(null);
			this.context.setError(new SaasTransportException("acme", "items.get", "reset", false, false,
					new IOException("reset")));
			assertThat(outcome()).isEqualTo("TRANSPORT_ERROR");
			this.context.setError(new IllegalStateException("unexpected"));
			assertThat(outcome()).isEqualTo("UNKNOWN");
			this.context.setStatus(200);
			assertThat(outcome()).isEqualTo("UNKNOWN");
		}

		@Test
		void shouldCountAttempts() {
			this.context.recordAttempt();
			this.context.recordAttempt();
			assertThat(this.context.getAttempts()).isEqualTo(2);
			assertThat(this.convention.getHighCardinalityKeyValues(this.context))
				.containsExactly(KeyValue.of("attempts", "2"));
		}

	}

}
