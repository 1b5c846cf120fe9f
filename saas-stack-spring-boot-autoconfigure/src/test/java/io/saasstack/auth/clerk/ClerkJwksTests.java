package io.saasstack.auth.clerk;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import io.saasstack.MutableClock;
import io.saasstack.auth.autoconfigure.AuthProperties;
import io.saasstack.core.SaasHttpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.jwt.Jwt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link ClerkJwks}: fetching, caching and the refetch floor, through
 * {@link ClerkJwtDecoder} and {@link ReactiveClerkJwtDecoder}.
 */
class ClerkJwksTests {

	static final String SECRET = "sk_test_jwks_secret_0123456789";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = new MutableClock(TestTokens.NOW);

	private ClerkJwks jwks() {
		AuthProperties.Clerk properties = new AuthProperties.Clerk();
		properties.setBaseUrl(URI.create(wm.baseUrl()));
		properties.getRetry().setMaxAttempts(2);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(20));
		return new ClerkJwks(ClerkJwks.httpClient(SaasHttpClientFactory.standalone(), properties, SECRET), SECRET,
				this.clock, ClerkJwks.DEFAULT_TIME_TO_LIVE, ClerkJwks.DEFAULT_REFETCH_FLOOR);
	}

	private ClerkTokenVerifier verifier(ClerkJwks jwks) {
		return ClerkTokenVerifier.withJwks(jwks).clock(TestTokens.CLOCK).build();
	}

	private static void serve(RSAKey... keys) {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(okJson(TestTokens.jwks(keys))));
	}

	private static void assertFetches(int count) {
		wm.verify(exactly(count), getRequestedFor(urlEqualTo("/v1/jwks")));
	}

	private static String signedBy(RSAKey key) {
		return TestTokens.token(key, JWSAlgorithm.RS256, (header) -> {
		}, TestTokens.claims().build());
	}

	private static String withKid(String kid) {
		return TestTokens.token(TestTokens.KEY, JWSAlgorithm.RS256, (header) -> header.keyID(kid),
				TestTokens.claims().build());
	}

	@Test
	void theBlockingDecoderRefusesANonBlockingThreadBeforeFetchingTheKeys() throws Exception {
		serve(TestTokens.KEY);
		ClerkJwtDecoder decoder = new ClerkJwtDecoder(verifier(jwks()));
		Mono<Jwt> onParallel = Mono.fromCallable(() -> decoder.decode(signedBy(TestTokens.KEY)))
			.subscribeOn(Schedulers.parallel());
		assertThatIllegalStateException().isThrownBy(() -> onParallel.block(Duration.ofSeconds(5)))
			.withMessageStartingWith("ClerkTokenVerifier.verify blocks, which thread 'parallel-")
			.withMessageContaining("inject ReactiveClerkJwtDecoder");
		Thread.sleep(300);
		assertFetches(0);
		// a thread that may block: the same call fetches the keys
		assertThat(Mono.fromCallable(() -> decoder.decode(signedBy(TestTokens.KEY)))
			.subscribeOn(Schedulers.boundedElastic())
			.block(Duration.ofSeconds(5))).isNotNull();
		assertFetches(1);
	}

	@Test
	void fetchesTheKeysOnceForManyVerifications() {
		serve(TestTokens.KEY);
		ClerkJwtDecoder decoder = new ClerkJwtDecoder(verifier(jwks()));
		for (int i = 0; i < 20; i++) {
			assertThat(decoder.decode(TestTokens.token()).getSubject()).isEqualTo("user_123");
		}
		wm.verify(exactly(1), getRequestedFor(urlEqualTo("/v1/jwks")).withHeader("Authorization",
				equalTo("Bearer " + SECRET))
			.withHeader("Clerk-API-Version", equalTo("2026-05-12"))
			.withHeader("Accept", equalTo("application/json")));
	}

	@Test
	void fetchesAgainWhenTheCacheExpires() {
		serve(TestTokens.KEY);
		ClerkJwtDecoder decoder = new ClerkJwtDecoder(verifier(jwks()));
		decoder.decode(TestTokens.token());
		this.clock.advance(Duration.ofMinutes(4));
		decoder.decode(TestTokens.token());
		assertFetches(1);
		this.clock.advance(Duration.ofMinutes(1));
		decoder.decode(TestTokens.token());
		assertFetches(2);
	}

	@Test
	void fetchesAgainForAnUnknownKidAfterTheFloor() {
		serve(TestTokens.KEY);
		ClerkJwtDecoder decoder = new ClerkJwtDecoder(verifier(jwks()));
		decoder.decode(TestTokens.token());
		serve(TestTokens.KEY, TestTokens.OTHER_KEY);
		// within the floor: rejected without a call
		this.clock.advance(Duration.ofSeconds(10));
		Throwable failure = catchThrowable(() -> decoder.decode(signedBy(TestTokens.OTHER_KEY)));
		assertThat(ClerkTokenException.reasonOf(failure)).isEqualTo("jwk-kid-mismatch");
		assertFetches(1);
		// after it: the rotated key is fetched
		this.clock.advance(Duration.ofSeconds(21));
		assertThat(decoder.decode(signedBy(TestTokens.OTHER_KEY)).getSubject()).isEqualTo("user_123");
		assertFetches(2);
		assertThat(decoder.decode(TestTokens.token())).isNotNull();
		assertFetches(2);
	}

	@Test
	void aBurstOfForgedKidsFetchesAtMostOncePerFloor() {
		serve(TestTokens.KEY);
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(okJson(TestTokens.jwks(TestTokens.KEY))
			.withFixedDelay(100)));
		ReactiveClerkJwtDecoder decoder = new ReactiveClerkJwtDecoder(verifier(jwks()));
		assertThat(decoder.decode(TestTokens.token()).block()).isNotNull();
		assertFetches(1);
		for (int round = 1; round <= 2; round++) {
			this.clock.advance(Duration.ofSeconds(31));
			List<String> forged = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				forged.add(withKid("ins_forged_" + round + "_" + i));
			}
			List<String> reasons = Flux.fromIterable(forged)
				.flatMap((token) -> decoder.decode(token)
					.map((jwt) -> "accepted")
					.onErrorResume((ex) -> Mono.just(String.valueOf(ClerkTokenException.reasonOf(ex))))
					.subscribeOn(Schedulers.parallel()), 100)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(reasons).hasSize(100).containsOnly("jwk-kid-mismatch");
			assertFetches(1 + round);
		}
		// sequential forged kids within the same floor: no call at all
		for (int i = 0; i < 20; i++) {
			String token = withKid("ins_forged_sequential_" + i);
			assertThat(catchThrowable(() -> decoder.decode(token).block())).isInstanceOf(ClerkTokenException.class);
		}
		assertFetches(3);
	}

	@Test
	void aServerErrorFailsVerificationClearly() {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"unavailable\",\"message\":\"Service unavailable\"}]}")));
		ClerkJwtDecoder decoder = new ClerkJwtDecoder(verifier(jwks()));
		Throwable failure = catchThrowable(() -> decoder.decode(TestTokens.token()));
		assertThat(failure).isInstanceOf(ClerkTokenException.class)
			.hasMessageContaining("Failed to load the JWKS from the Clerk Backend API")
			.hasMessageContaining("503")
			.hasMessageNotContaining(SECRET);
		assertThat(ClerkTokenException.reasonOf(failure)).isEqualTo("jwk-remote-failed-to-load");
		// retried by the client's policy (2 attempts); the failed fetch counts for the floor
		assertFetches(2);
		serve(TestTokens.KEY);
		assertThat(ClerkTokenException.reasonOf(catchThrowable(() -> decoder.decode(TestTokens.token()))))
			.isEqualTo("jwk-remote-failed-to-load");
		assertFetches(2);
		this.clock.advance(ClerkJwks.DEFAULT_REFETCH_FLOOR);
		assertThat(decoder.decode(TestTokens.token())).isNotNull();
		assertFetches(3);
	}

	@Test
	void aRefusedSecretKeyIsReported() {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"clerk_key_invalid\",\"message\":\"The provided Clerk Secret Key is invalid.\"}]}")));
		Throwable failure = catchThrowable(() -> new ClerkJwtDecoder(verifier(jwks())).decode(TestTokens.token()));
		assertThat(ClerkTokenException.reasonOf(failure)).isEqualTo("secret-key-invalid");
		assertThat(failure).hasMessageContaining("clerk_key_invalid").hasMessageNotContaining(SECRET);
	}

	@Test
	void anUnreadableKeySetIsReported() {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(okJson("{\"keys\":\"nope\"}")));
		Throwable failure = catchThrowable(() -> new ClerkJwtDecoder(verifier(jwks())).decode(TestTokens.token()));
		assertThat(ClerkTokenException.reasonOf(failure)).isEqualTo("jwk-remote-invalid");
	}

	@Test
	void keepsOnlyRsaSigningKeys() {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(okJson("{\"keys\":[" + TestTokens.KEY.toPublicJWK()
				+ ",{\"kty\":\"oct\",\"kid\":\"hmac\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"}]}")));
		assertThat(jwks().fetch().block()).extracting(RSAKey::getKeyID).containsExactly("ins_test_1");
	}

	@Test
	void theReactiveDecoderNeverBlocks() {
		serve(TestTokens.KEY);
		ReactiveClerkJwtDecoder decoder = new ReactiveClerkJwtDecoder(verifier(jwks()));
		// block() on a parallel (non-blocking) thread would fail
		assertThat(decoder.decode(TestTokens.token()).subscribeOn(Schedulers.parallel()).block()).isNotNull();
		assertThat(decoder.decode(TestTokens.token()).subscribeOn(Schedulers.parallel()).block()).isNotNull();
		assertFetches(1);
	}

	@Test
	void toStringShowsNoSecret() {
		assertThat(jwks().toString()).doesNotContain(SECRET);
		assertThat(verifier(jwks()).toString()).doesNotContain(SECRET);
	}


}
