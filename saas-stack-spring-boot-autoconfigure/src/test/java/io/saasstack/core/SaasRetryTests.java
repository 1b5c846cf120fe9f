package io.saasstack.core;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Exceptions;

import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SaasRetry}: through {@link SaasHttpClient} against a WireMock server, and
 * its delay computation on its own.
 */
class SaasRetryTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200),
			Duration.ofSeconds(5), 0.5);

	record Item(String id) {
	}

	@Nested
	class WithProvider {

		SaasHttpClientFactory.Builder acme() {
			return SaasHttpClientFactory.standalone()
				.client("acme")
				.baseUrl(URI.create(wm.baseUrl()))
				.timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
				.retryPolicy(RETRY);
		}

		SaasRequest get() {
			return SaasRequest.get("items.get", "/items/{id}", "it_1").build();
		}

		SaasRequest post() {
			return SaasRequest.post("items.create", "/items").json(Map.of("name", "Widget")).build();
		}

		/** Stubs the responses in order, the last one repeating. */
		void respond(ResponseDefinitionBuilder... responses) {
			for (int i = 0; i < responses.length; i++) {
				String state = (i == 0) ? Scenario.STARTED : "attempt " + (i + 1);
				String next = (i < responses.length - 1) ? "attempt " + (i + 2) : state;
				wm.stubFor(any(anyUrl()).inScenario("retries")
					.whenScenarioStateIs(state)
					.willSetStateTo(next)
					.willReturn(responses[i]));
			}
		}

		List<LoggedRequest> requests() {
			return wm.findAll(anyRequestedFor(anyUrl()));
		}

		ResponseDefinitionBuilder status(int status) {
			return aResponse().withStatus(status)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withBody("{\"code\":\"status_" + status + "\",\"message\":\"HTTP " + status + "\"}");
		}

		@Test
		void shouldRetryGetAfterServiceUnavailable() {
			respond(status(503), okJson("{\"id\":\"it_1\"}"));
			Item item = acme().build().retrieve(get(), Item.class).block();
			assertThat(item).isEqualTo(new Item("it_1"));
			wm.verify(exactly(2), getRequestedFor(urlEqualTo("/items/it_1")));
			assertThat(requests()).hasSize(2);
		}

		@Test
		void shouldWaitRetryAfterBeforeRetrying() {
			respond(status(429).withHeader(HttpHeaders.RETRY_AFTER, "1"), okJson("{\"id\":\"it_1\"}"));
			long start = System.nanoTime();
			Item item = acme().build().retrieve(get(), Item.class).block();
			Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
			assertThat(item).isEqualTo(new Item("it_1"));
			assertThat(requests()).hasSize(2);
			assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(950));
		}

		@Test
		void shouldNotRetryPostAfterServerError() {
			respond(status(503), okJson("{\"id\":\"it_1\"}"));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> acme().build().retrieve(post(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(503);
					assertThat(ex.isRetryable()).isTrue();
				});
			wm.verify(exactly(1), postRequestedFor(urlEqualTo("/items")));
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldRetryPostAfterRateLimit() {
			respond(status(429), okJson("{\"id\":\"it_1\"}"));
			Item item = acme().build().retrieve(post(), Item.class).block();
			assertThat(item).isEqualTo(new Item("it_1"));
			wm.verify(exactly(2), postRequestedFor(urlEqualTo("/items"))
				.withRequestBody(equalToJson("{\"name\":\"Widget\"}", false, false)));
			assertThat(requests()).hasSize(2);
		}

		@Test
		void shouldRetryPostWithIdempotencyKeySendingTheSameKey() {
			respond(status(500), status(500), okJson("{\"id\":\"it_1\"}"));
			SaasRequest request = SaasRequest.post("items.create", "/items")
				.idempotencyKey("Idempotency-Key", "k1")
				.json(Map.of("name", "Widget"))
				.build();
			Item item = acme().build().retrieve(request, Item.class).block();
			assertThat(item).isEqualTo(new Item("it_1"));
			wm.verify(exactly(3), postRequestedFor(urlEqualTo("/items")).withHeader("Idempotency-Key", equalTo("k1"))
				.withRequestBody(equalToJson("{\"name\":\"Widget\"}", false, false)));
			assertThat(requests()).hasSize(3)
				.allSatisfy((sent) -> assertThat(sent.getHeaders().getHeader("Idempotency-Key").values())
					.containsExactly("k1"));
		}

		@ParameterizedTest
		@ValueSource(ints = { 400, 404, 409, 422 })
		void shouldNeverRetryClientErrors(int status) {
			respond(status(status), okJson("{\"id\":\"it_1\"}"));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> acme().build().retrieve(get(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(status);
					assertThat(ex.isRetryable()).isFalse();
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldStopAfterMaxAttemptsAndPropagateLastFailureAsIs() {
			respond(status(500), status(502), status(503));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> acme().build().retrieve(get(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex).isExactlyInstanceOf(SaasApiException.class);
					assertThat(Exceptions.isRetryExhausted(ex)).isFalse();
					assertThat(ex.getStatus()).isEqualTo(503);
					assertThat(ex.getErrorCode()).isEqualTo("status_503");
				});
			assertThat(requests()).hasSize(3);
		}

		@Test
		void shouldMakeAsManyAttemptsAsThePolicyAllows() {
			respond(status(503));
			SaasHttpClient client = acme()
				.retryPolicy(
						new RetryPolicy(5, Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(5), 0.5))
				.build();
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client.retrieve(get(), Item.class).block());
			assertThat(requests()).hasSize(5);
		}

		@Test
		void shouldNotRetryWhenRetryAfterExceedsMaxElapsedTime() {
			respond(status(429).withHeader(HttpHeaders.RETRY_AFTER, "10"), okJson("{\"id\":\"it_1\"}"));
			assertThatExceptionOfType(SaasRateLimitException.class)
				.isThrownBy(() -> acme().build().retrieve(get(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(10));
					assertThat(ex.isRetryable()).isTrue();
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldNotRetryQuotaDecodedAsNotRetryable() {
			respond(aResponse().withStatus(429)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withBody("{\"code\":\"daily_quota_exceeded\",\"message\":\"Daily quota exceeded\"}"),
					okJson("{\"id\":\"it_1\"}"));
			ProviderErrorDecoder decoder = (response) -> {
				ProviderError error = ProviderErrorDecoder.GENERIC.decode(response);
				return "daily_quota_exceeded".equals(error.code()) ? error.withRetryable(false) : error;
			};
			assertThatExceptionOfType(SaasRateLimitException.class)
				.isThrownBy(() -> acme().errorDecoder(decoder).build().retrieve(get(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("daily_quota_exceeded");
					assertThat(ex.isRetryable()).isFalse();
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldRetryClientErrorDecodedAsRetryable() {
			respond(status(409), okJson("{\"id\":\"it_1\"}"));
			ProviderErrorDecoder decoder = (response) -> ProviderErrorDecoder.GENERIC.decode(response)
				.withRetryable(true);
			Item item = acme().errorDecoder(decoder).build().retrieve(get(), Item.class).block();
			assertThat(item).isEqualTo(new Item("it_1"));
			assertThat(requests()).hasSize(2);
		}

		@Test
		void shouldNotRetryWithPolicyNone() {
			respond(status(503), okJson("{\"id\":\"it_1\"}"));
			SaasHttpClient client = acme().retryPolicy(RetryPolicy.NONE).build();
			assertThat(client.retryPolicy()).isSameAs(RetryPolicy.NONE);
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client.retrieve(get(), Item.class).block())
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldRetryEachSubscriptionIndependently() {
			respond(status(503), okJson("{\"id\":\"it_1\"}"), status(503), okJson("{\"id\":\"it_2\"}"));
			SaasHttpClient client = acme().build();
			assertThat(client.retrieve(get(), Item.class).block()).isEqualTo(new Item("it_1"));
			assertThat(client.retrieve(get(), Item.class).block()).isEqualTo(new Item("it_2"));
			assertThat(requests()).hasSize(4);
		}

	}

	@Nested
	class NextDelay {

		final SaasRequest get = SaasRequest.get("items.get", "/items/1").build();

		final SaasRequest post = SaasRequest.post("items.create", "/items").build();

		SaasApiException apiException(int status, RateLimit rateLimit) {
			return new SaasApiException("acme", "op", status, ProviderError.of(null, null, null), rateLimit,
					SaasHttpClient.isRetryableStatus(status));
		}

		SaasRateLimitException rateLimitException(RateLimit rateLimit) {
			return new SaasRateLimitException("acme", "op", 429, ProviderError.of(null, null, null), rateLimit, true);
		}

		SaasTransportException transportException(boolean connectFailure) {
			return new SaasTransportException("acme", "op", "failed", connectFailure, false,
					new ConnectException("refused"));
		}

		@Test
		void shouldUseJitteredExponentialBackoff() {
			RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(300),
					Duration.ofSeconds(30), 0.5);
			SaasRetry retry = new SaasRetry(policy, this.get);
			SaasApiException failure = apiException(503, RateLimit.NONE);
			for (int i = 0; i < 50; i++) {
				assertThat(retry.nextDelay(failure, 0, Duration.ZERO)).isBetween(Duration.ofMillis(50),
						Duration.ofMillis(100));
				assertThat(retry.nextDelay(failure, 1, Duration.ZERO)).isBetween(Duration.ofMillis(100),
						Duration.ofMillis(200));
				assertThat(retry.nextDelay(failure, 2, Duration.ZERO)).isBetween(Duration.ofMillis(150),
						Duration.ofMillis(300));
			}
		}

		@Test
		void shouldUseExactBackoffWithoutJitter() {
			RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1),
					Duration.ofSeconds(30), 0);
			SaasRetry retry = new SaasRetry(policy, this.get);
			SaasApiException failure = apiException(500, RateLimit.NONE);
			assertThat(retry.nextDelay(failure, 0, Duration.ZERO)).isEqualTo(Duration.ofMillis(100));
			assertThat(retry.nextDelay(failure, 1, Duration.ZERO)).isEqualTo(Duration.ofMillis(200));
			assertThat(retry.nextDelay(failure, 2, Duration.ZERO)).isEqualTo(Duration.ofMillis(400));
		}

		@Test
		void shouldStopWhenAttemptsAreExhausted() {
			SaasRetry retry = new SaasRetry(RETRY, this.get);
			SaasApiException failure = apiException(503, RateLimit.NONE);
			assertThat(retry.nextDelay(failure, 0, Duration.ZERO)).isNotNull();
			assertThat(retry.nextDelay(failure, 1, Duration.ZERO)).isNotNull();
			assertThat(retry.nextDelay(failure, 2, Duration.ZERO)).isNull();
			assertThat(new SaasRetry(RetryPolicy.NONE, this.get).nextDelay(failure, 0, Duration.ZERO)).isNull();
		}

		@Test
		void shouldWaitWhatTheProviderAsks() {
			SaasRetry retry = new SaasRetry(RETRY, this.get);
			RateLimit retryAfter = new RateLimit(null, null, null, Duration.ofMillis(1500));
			assertThat(retry.nextDelay(rateLimitException(retryAfter), 0, Duration.ZERO))
				.isEqualTo(Duration.ofMillis(1500));
			RateLimit exhausted = new RateLimit(100L, 0L, Duration.ofSeconds(2), null);
			assertThat(retry.nextDelay(apiException(503, exhausted), 0, Duration.ZERO))
				.isEqualTo(Duration.ofSeconds(2));
		}

		@Test
		void shouldNotStartAnAttemptPastMaxElapsedTime() {
			SaasRetry retry = new SaasRetry(RETRY, this.get);
			RateLimit retryAfter = new RateLimit(null, null, null, Duration.ofSeconds(3));
			assertThat(retry.nextDelay(rateLimitException(retryAfter), 0, Duration.ofSeconds(2)))
				.isEqualTo(Duration.ofSeconds(3));
			assertThat(retry.nextDelay(rateLimitException(retryAfter), 0, Duration.ofMillis(2001))).isNull();
			assertThat(retry.nextDelay(apiException(503, RateLimit.NONE), 0, Duration.ofSeconds(5))).isNull();
		}

		@Test
		void shouldRetryOnlyRetryableSaasExceptions() {
			SaasRetry retry = new SaasRetry(RETRY, this.get);
			assertThat(retry.nextDelay(apiException(400, RateLimit.NONE), 0, Duration.ZERO)).isNull();
			assertThat(retry.nextDelay(new IllegalStateException("bug"), 0, Duration.ZERO)).isNull();
			SaasMalformedResponseException malformed = new SaasMalformedResponseException("acme", "op", 200, "bad",
					new RuntimeException());
			assertThat(retry.nextDelay(malformed, 0, Duration.ZERO)).isNull();
			assertThat(retry.nextDelay(new SaasAuthenticationException("acme", "op", 401,
					ProviderError.of(null, null, null), RateLimit.NONE), 0, Duration.ZERO))
				.isNull();
			assertThat(retry.nextDelay(transportException(false), 0, Duration.ZERO)).isNotNull();
		}

		@Test
		void shouldRetryNonIdempotentRequestOnlyWhenItHadNoEffect() {
			SaasRetry retry = new SaasRetry(RETRY, this.post);
			assertThat(this.post.isIdempotent()).isFalse();
			assertThat(retry.nextDelay(apiException(503, RateLimit.NONE), 0, Duration.ZERO)).isNull();
			assertThat(retry.nextDelay(transportException(false), 0, Duration.ZERO)).isNull();
			assertThat(retry.nextDelay(transportException(true), 0, Duration.ZERO)).isNotNull();
			assertThat(retry.nextDelay(rateLimitException(RateLimit.NONE), 0, Duration.ZERO)).isNotNull();
		}

	}

}
