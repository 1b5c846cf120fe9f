package io.saasstack.core;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RequestPacerTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void everyAttemptWaitsForThePacerAndRateLimitsAreReported() {
		wm.stubFor(get("/items").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0"))
			.willSetStateTo("open"));
		wm.stubFor(get("/items").inScenario("limited").whenScenarioStateIs("open").willReturn(okJson("{}")));
		AtomicInteger acquired = new AtomicInteger();
		List<SaasRateLimitException> rejections = new ArrayList<>();
		RequestPacer pacer = new RequestPacer() {

			@Override
			public Mono<Void> acquire(SaasRequest request) {
				return Mono.fromRunnable(acquired::incrementAndGet);
			}

			@Override
			public void rejected(SaasRateLimitException exception) {
				rejections.add(exception);
			}

		};
		client(pacer).retrieve(SaasRequest.get("items.list", "/items").build(), Map.class).block();
		assertThat(acquired).hasValue(2);
		assertThat(rejections).singleElement().satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(429));
	}

	@Test
	void everyAnswersRateLimitHeadersReachThePacerWhateverItsStatus() {
		wm.stubFor(get("/items").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("ratelimit-limit", "5")
				.withHeader("ratelimit-remaining", "0")
				.withHeader("ratelimit-reset", "1")
				.withHeader("retry-after", "0"))
			.willSetStateTo("open"));
		wm.stubFor(get("/items").inScenario("limited").whenScenarioStateIs("open")
			.willReturn(okJson("{}").withHeader("ratelimit-limit", "5")
				.withHeader("ratelimit-remaining", "4")
				.withHeader("ratelimit-reset", "1")));
		List<RateLimit> observed = new ArrayList<>();
		List<String> operations = new ArrayList<>();
		RequestPacer pacer = new RequestPacer() {

			@Override
			public Mono<Void> acquire(SaasRequest request) {
				return Mono.empty();
			}

			@Override
			public void observed(SaasRequest request, RateLimit rateLimit) {
				operations.add(request.operation());
				observed.add(rateLimit);
			}

		};
		client(pacer).retrieve(SaasRequest.get("items.list", "/items").build(), Map.class).block();
		assertThat(operations).containsExactly("items.list", "items.list");
		assertThat(observed).containsExactly(
				new RateLimit(5L, 0L, Duration.ofSeconds(1), Duration.ZERO),
				new RateLimit(5L, 4L, Duration.ofSeconds(1), null));
	}

	@Test
	void aPacerThatFailsToObserveDoesNotFailTheCall() {
		wm.stubFor(get("/items").willReturn(okJson("{\"ok\":true}")));
		RequestPacer pacer = new RequestPacer() {

			@Override
			public Mono<Void> acquire(SaasRequest request) {
				return Mono.empty();
			}

			@Override
			public void observed(SaasRequest request, RateLimit rateLimit) {
				throw new IllegalStateException("broken pacer");
			}

		};
		assertThat(client(pacer).retrieve(SaasRequest.get("items.list", "/items").build(), Map.class).block())
			.containsEntry("ok", true);
	}

	@Test
	void nothingIsSentBeforeThePacerAllowsIt() {
		wm.stubFor(get("/items").willReturn(okJson("{}")));
		Sinks.Empty<Void> permit = Sinks.empty();
		Mono<Map> call = client((request) -> permit.asMono()).retrieve(SaasRequest.get("items.list", "/items").build(),
				Map.class);
		var result = call.toFuture();
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		permit.tryEmitEmpty();
		assertThat(result.join()).isEmpty();
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void aPacerErrorFailsTheCallWithoutSendingIt() {
		IllegalStateException refused = new IllegalStateException("over the client-side limit");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client((request) -> Mono.error(refused))
				.retrieve(SaasRequest.get("items.list", "/items").build(), Map.class)
				.block())
			.isSameAs(refused);
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private static SaasHttpClient client(RequestPacer pacer) {
		return SaasHttpClientFactory.standalone()
			.client("acme")
			.baseUrl(URI.create(wm.baseUrl()))
			.retryPolicy(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5), 0))
			.pacer(pacer)
			.build();
	}

}
