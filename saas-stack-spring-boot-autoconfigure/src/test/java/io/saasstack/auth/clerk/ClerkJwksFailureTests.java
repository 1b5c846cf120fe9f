package io.saasstack.auth.clerk;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import io.saasstack.Concurrently;
import io.saasstack.Concurrently.Outcome;
import io.saasstack.MutableClock;
import io.saasstack.ReceivedRequests;
import io.saasstack.auth.autoconfigure.AuthProperties;
import io.saasstack.core.SaasHttpClientFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refetch floor of {@link ClerkJwks} under failures: a failed fetch counts for the floor as a
 * successful one does, so 100 concurrent requests with unknown key ids cost one fetch per floor
 * whether the endpoint fails or is slow, and no request waits longer than the key set's timeout.
 */
class ClerkJwksFailureTests {

	private static final String SECRET = "sk_test_jwks_failure_0123456789";

	private static final int REQUESTS = 100;

	private static final Duration TIMEOUT = Duration.ofSeconds(3);

	/** Far longer than the timeout: a request answered before it was not waiting for the endpoint. */
	private static final int SLOW_MILLIS = 15_000;

	/** A liveness bound, for a loaded machine; the timeout is what bounds a request. */
	private static final Duration DEADLINE = Duration.ofMillis(SLOW_MILLIS / 2);

	private static final ReceivedRequests received = new ReceivedRequests();

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(received))
		.build();

	private final MutableClock clock = new MutableClock(TestTokens.NOW);

	private final ClerkJwtDecoder decoder = new ClerkJwtDecoder(
			ClerkTokenVerifier.withJwks(jwks()).clock(TestTokens.CLOCK).build());

	@BeforeEach
	void forget() {
		received.warmUp(wm.baseUrl());
	}

	private ClerkJwks jwks() {
		AuthProperties.Clerk properties = new AuthProperties.Clerk();
		properties.setBaseUrl(URI.create(wm.baseUrl()));
		properties.getRetry().setMaxAttempts(1);
		return new ClerkJwks(ClerkJwks.httpClient(SaasHttpClientFactory.standalone(), properties, SECRET), SECRET,
				this.clock, ClerkJwks.DEFAULT_TIME_TO_LIVE, ClerkJwks.DEFAULT_REFETCH_FLOOR, TIMEOUT);
	}

	@Test
	void aFailingEndpointIsFetchedOncePerFloor() throws Exception {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(aResponse().withStatus(500)));
		assertAllRefused(burst(), "jwk-remote-failed-to-load");
		assertFetches(1);
		this.clock.advance(Duration.ofSeconds(29));
		assertAllRefused(burst(), "jwk-remote-failed-to-load");
		assertFetches(1);
		this.clock.advance(Duration.ofSeconds(1));
		assertAllRefused(burst(), "jwk-remote-failed-to-load");
		assertFetches(2);
	}

	@Test
	void aSlowEndpointIsFetchedOncePerFloorAndNoRequestWaitsForIt() throws Exception {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(okJson(TestTokens.jwks(TestTokens.KEY))));
		this.decoder.decode(TestTokens.token());
		assertFetches(1);
		wm.stubFor(get(urlEqualTo("/v1/jwks"))
			.willReturn(okJson(TestTokens.jwks(TestTokens.KEY)).withFixedDelay(SLOW_MILLIS)));
		this.clock.advance(ClerkJwks.DEFAULT_REFETCH_FLOOR);
		List<Outcome> outcomes = burst();
		// the keys known are fresh, so an unknown kid is a mismatch once the refetch gave up
		assertAllRefused(outcomes, "jwk-kid-mismatch");
		assertFetches(2);
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.waited()).isLessThan(DEADLINE));
		// within the floor: no call, and the known key still verifies
		assertAllRefused(burst(), "jwk-kid-mismatch");
		assertThat(this.decoder.decode(TestTokens.token())).isNotNull();
		assertFetches(2);
	}

	@Test
	void aSlowEndpointWithoutKnownKeysRefusesEveryTokenWithinTheTimeout() throws Exception {
		wm.stubFor(get(urlEqualTo("/v1/jwks"))
			.willReturn(okJson(TestTokens.jwks(TestTokens.KEY)).withFixedDelay(SLOW_MILLIS)));
		List<Outcome> outcomes = burst();
		assertAllRefused(outcomes, "jwk-remote-failed-to-load");
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.waited()).isLessThan(DEADLINE));
		assertThat(outcomes).anySatisfy((outcome) -> assertThat(outcome.failure())
			.hasMessageContaining("did not arrive within 3000 ms"));
		assertFetches(1);
	}

	private List<Outcome> burst() throws Exception {
		int round = received.all().size();
		return Concurrently.run(REQUESTS, DEADLINE.multipliedBy(2), new java.util.concurrent.Callable<Object>() {

			private final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

			@Override
			public Object call() {
				return ClerkJwksFailureTests.this.decoder
					.decode(withKid("ins_forged_" + round + "_" + this.next.incrementAndGet()));
			}

		});
	}

	private static void assertAllRefused(List<Outcome> outcomes, String reason) {
		assertThat(outcomes).hasSize(REQUESTS)
			.allSatisfy((outcome) -> assertThat(ClerkTokenException.reasonOf(outcome.failure())).isEqualTo(reason));
	}

	private static void assertFetches(int count) {
		assertThat(received.matching(getRequestedFor(urlEqualTo("/v1/jwks"))
			.withHeader("Authorization", equalTo("Bearer " + SECRET))
			.withHeader("Clerk-API-Version", equalTo("2026-05-12"))
			.withHeader("Accept", equalTo("application/json")))).hasSize(count);
		assertThat(received.all()).hasSize(count);
	}

	private static String withKid(String kid) {
		return TestTokens.token(TestTokens.KEY, JWSAlgorithm.RS256, (header) -> header.keyID(kid),
				TestTokens.claims().build());
	}

}
