package io.saasstack.auth.supabase;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import io.saasstack.Concurrently;
import io.saasstack.Concurrently.Outcome;
import io.saasstack.MutableClock;
import io.saasstack.ReceivedRequests;
import io.saasstack.auth.security.SaasTokenException;
import io.saasstack.auth.security.TokenFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.jwt.Jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.saasstack.auth.supabase.SupabaseTestSupport.EC_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.NOW;
import static io.saasstack.auth.supabase.SupabaseTestSupport.PUBLISHABLE_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.claims;
import static io.saasstack.auth.supabase.SupabaseTestSupport.jwks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A Supabase key set that cannot be fetched: concurrent decodes, servlet and reactive, share one
 * fetch, a failed fetch counts for the refresh floor, a slow one is given up after the key set's
 * timeout, and every token that needs it is refused as {@link TokenFailure#KEY_SET_UNAVAILABLE}.
 */
class SupabaseJwksFailureTests {

	private static final String JWKS_PATH = "/auth/v1/.well-known/jwks.json";

	private static final int REQUESTS = 100;

	private static final int SLOW_MILLIS = 15_000;

	/** A liveness bound, for a loaded machine; the timeout is what bounds a request. */
	private static final Duration DEADLINE = Duration.ofMillis(SLOW_MILLIS / 2);

	private static final ReceivedRequests received = new ReceivedRequests();

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(received))
		.build();

	private final MutableClock clock = new MutableClock(NOW);

	private final SupabaseJwtVerifier verifier = SupabaseTestSupport
		.verifier(wm.baseUrl(), this.clock, (builder) -> builder.jwksTimeout(Duration.ofSeconds(3)))
		.build();

	private final AtomicInteger kids = new AtomicInteger();

	@BeforeEach
	void forget() {
		received.warmUp(wm.baseUrl());
	}

	@Test
	void theBlockingDecoderRefusesANonBlockingThreadBeforeFetchingTheKeys() throws Exception {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(jwks(EC_KEY))));
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(this.verifier);
		String token = SupabaseTestSupport.es256(claims().build());
		Mono<Jwt> onParallel = Mono.fromCallable(() -> decoder.decode(token)).subscribeOn(Schedulers.parallel());
		assertThatIllegalStateException().isThrownBy(() -> onParallel.block(Duration.ofSeconds(5)))
			.withMessageStartingWith("SupabaseJwtDecoder.decode blocks, which thread 'parallel-")
			.withMessageContaining("inject ReactiveSupabaseJwtDecoder");
		Thread.sleep(300);
		assertFetches(0);
		// a thread that may block: the same call fetches the keys (in time or not, on a loaded machine)
		assertThat(catchThrowable(() -> Mono.fromCallable(() -> decoder.decode(token))
			.subscribeOn(Schedulers.boundedElastic())
			.block(DEADLINE))).satisfiesAnyOf((failure) -> assertThat(failure).isNull(),
					(failure) -> assertThat(failure).hasMessageContaining("no answer within 3000 ms"));
		assertFetches(1);
	}

	@Test
	void concurrentServletDecodesShareOneFailedFetchPerFloor() throws Exception {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withStatus(500)));
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(this.verifier);
		assertAllUnavailable(Concurrently.run(REQUESTS, DEADLINE, () -> decoder.decode(token())));
		assertFetches(1);
		this.clock.advance(Duration.ofSeconds(29));
		assertAllUnavailable(Concurrently.run(REQUESTS, DEADLINE, () -> decoder.decode(token())));
		assertFetches(1);
		this.clock.advance(Duration.ofSeconds(1));
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(jwks(EC_KEY))));
		assertThat(decoder.decode(SupabaseTestSupport.es256(claims().build())).getSubject()).isNotNull();
		assertFetches(2);
	}

	@Test
	void concurrentReactiveDecodesGiveUpASlowFetchAfterTheTimeout() throws Exception {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(jwks(EC_KEY)).withFixedDelay(SLOW_MILLIS)));
		ReactiveSupabaseJwtDecoder decoder = new ReactiveSupabaseJwtDecoder(this.verifier);
		Callable<Object> decode = () -> decoder.decode(token()).block(DEADLINE);
		List<Outcome> outcomes = Concurrently.run(REQUESTS, DEADLINE.multipliedBy(2), decode);
		assertAllUnavailable(outcomes);
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.waited()).isLessThan(DEADLINE));
		assertThat(outcomes).allSatisfy((outcome) -> assertThat(outcome.failure())
			.hasMessageContaining("no answer within 3000 ms"));
		assertFetches(1);
		assertAllUnavailable(Concurrently.run(REQUESTS, DEADLINE, decode));
		assertFetches(1);
	}

	/** A token under a key id the project never published, so that each needs the key set. */
	private String token() {
		ECKey key = SupabaseTestSupport.generateEc("unknown-" + this.kids.incrementAndGet());
		return SupabaseTestSupport.sign(JWSAlgorithm.ES256, key.getKeyID(), SupabaseTestSupport.signer(key),
				claims().build());
	}

	private static void assertAllUnavailable(List<Outcome> outcomes) {
		assertThat(outcomes).hasSize(REQUESTS).allSatisfy((outcome) -> assertThat(outcome.failure())
			.isInstanceOfSatisfying(SaasTokenException.class,
					(ex) -> assertThat(ex.failure()).isEqualTo(TokenFailure.KEY_SET_UNAVAILABLE)));
	}

	private static void assertFetches(int count) {
		assertThat(received.matching(getRequestedFor(urlEqualTo(JWKS_PATH))
			.withHeader("apikey", equalTo(PUBLISHABLE_KEY))
			.withHeader("Authorization", absent())
			.withHeader("Accept", equalTo("application/json")))).hasSize(count);
		assertThat(received.all()).hasSize(count);
	}

}
