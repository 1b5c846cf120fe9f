package io.saasstack.auth.supabase;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jwt.PlainJWT;
import io.saasstack.auth.security.SaasTokenException;
import io.saasstack.auth.security.TokenFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.saasstack.auth.supabase.SupabaseTestSupport.EC_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.JWT_SECRET;
import static io.saasstack.auth.supabase.SupabaseTestSupport.NOW;
import static io.saasstack.auth.supabase.SupabaseTestSupport.PUBLISHABLE_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.RSA_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.USER_ID;
import static io.saasstack.auth.supabase.SupabaseTestSupport.claims;
import static io.saasstack.auth.supabase.SupabaseTestSupport.es256;
import static io.saasstack.auth.supabase.SupabaseTestSupport.hs256;
import static io.saasstack.auth.supabase.SupabaseTestSupport.jwks;
import static io.saasstack.auth.supabase.SupabaseTestSupport.rs256;
import static org.assertj.core.api.Assertions.assertThat;

import io.saasstack.MutableClock;

/**
 * Tests for {@link ReactiveSupabaseJwtDecoder}.
 */
class ReactiveSupabaseJwtDecoderTests {

	private static final String JWKS_PATH = "/auth/v1/.well-known/jwks.json";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = new MutableClock(NOW);

	private ReactiveSupabaseJwtDecoder decoder(String secret) {
		return new ReactiveSupabaseJwtDecoder(
				SupabaseTestSupport.verifier(wm.baseUrl(), this.clock, (builder) -> builder.jwtSecret(secret)).build());
	}

	@Test
	void decodesEs256Rs256AndHs256Tokens() {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(jwks(EC_KEY, RSA_KEY))));
		ReactiveSupabaseJwtDecoder decoder = decoder(JWT_SECRET);
		for (String token : new String[] { es256(claims().build()), rs256(claims().build()),
				hs256(JWT_SECRET, claims().build()) }) {
			StepVerifier.create(decoder.decode(token))
				.assertNext((jwt) -> assertThat(jwt.getSubject()).isEqualTo(USER_ID))
				.verifyComplete();
		}
		wm.verify(1, getRequestedFor(urlEqualTo(JWKS_PATH)).withHeader("apikey", equalTo(PUBLISHABLE_KEY)));
	}

	@Test
	void sharesOneFetchBetweenConcurrentDecodes() {
		wm.stubFor(get(urlEqualTo(JWKS_PATH))
			.willReturn(okJson(jwks(EC_KEY)).withFixedDelay(200)));
		ReactiveSupabaseJwtDecoder decoder = decoder(null);
		String token = es256(claims().build());
		StepVerifier.create(Flux.range(0, 20).flatMap((i) -> decoder.decode(token)))
			.expectNextCount(20)
			.verifyComplete();
		assertThat(wm.findAll(getRequestedFor(urlEqualTo(JWKS_PATH)))).hasSize(1);
	}

	@Test
	void reportsBadTokensAsBadJwtException() {
		ReactiveSupabaseJwtDecoder decoder = decoder(null);
		StepVerifier.create(decoder.decode(hs256(JWT_SECRET, claims().build())))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BadJwtException.class)
				.hasMessageContaining("HS256 token refused"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(decoder.decode(new PlainJWT(claims().build()).serialize()))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(JwtException.class)
				.hasMessageContaining("Unsupported algorithm of none"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(decoder.decode("garbage"))
			.expectError(BadJwtException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void reportsBadClaimsAsJwtValidationException() {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(jwks(EC_KEY))));
		StepVerifier.create(decoder(null).decode(es256(claims().audience("not-authenticated").build())))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(JwtValidationException.class)
				.hasMessageContaining("The aud claim must contain authenticated"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void reportsAnUnknownKidAsBadJwtException() {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(jwks(EC_KEY))));
		StepVerifier.create(decoder(null).decode(rs256(claims().build())))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(BadJwtException.class)
				.hasMessageContaining("No key with kid 'rsa-1' in the Supabase JWKS"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void reportsAJwksFailureAsAnUnavailableKeySet() {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withStatus(502)));
		StepVerifier.create(decoder(null).decode(es256(claims().build())))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOfSatisfying(SaasTokenException.class,
					(token) -> assertThat(token.failure()).isEqualTo(TokenFailure.KEY_SET_UNAVAILABLE))
				.hasMessageStartingWith(
						"An error occurred while attempting to decode the Jwt: Could not fetch the Supabase JWKS: supabase jwks failed with HTTP 502"))
			.verify(Duration.ofSeconds(5));
	}

}
