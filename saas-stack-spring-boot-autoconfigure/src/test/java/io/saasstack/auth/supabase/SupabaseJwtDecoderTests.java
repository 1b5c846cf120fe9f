package io.saasstack.auth.supabase;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.PlainJWT;
import io.saasstack.MutableClock;
import io.saasstack.auth.SaasUser;
import io.saasstack.auth.security.SaasTokenException;
import io.saasstack.auth.security.TokenFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.saasstack.auth.supabase.SupabaseTestSupport.EC_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.ISSUER;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SupabaseJwtDecoder} with tokens signed by the tests' own keys.
 */
class SupabaseJwtDecoderTests {

	private static final String JWKS_PATH = "/auth/v1/.well-known/jwks.json";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = new MutableClock(NOW);

	private SupabaseJwtDecoder decoder() {
		return decoder(null);
	}

	private SupabaseJwtDecoder decoder(String secret) {
		return new SupabaseJwtDecoder(
				SupabaseTestSupport.verifier(wm.baseUrl(), this.clock, (builder) -> builder.jwtSecret(secret)).build());
	}

	private void publish(String body) {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson(body)));
	}

	private int jwksCalls() {
		return wm.findAll(getRequestedFor(urlEqualTo(JWKS_PATH))).size();
	}

	private int calls() {
		return wm.findAll(anyRequestedFor(anyUrl())).size();
	}

	@Test
	void decodesAnEs256TokenWithTheProjectKeys() {
		publish(jwks(RSA_KEY, EC_KEY));
		Jwt jwt = decoder().decode(es256(claims().build()));
		assertThat(jwt.getSubject()).isEqualTo(USER_ID);
		assertThat(jwt.getIssuer()).hasToString(ISSUER);
		assertThat(jwt.getHeaders()).containsEntry("alg", "ES256").containsEntry("kid", "ec-1");
		wm.verify(exactly(1), getRequestedFor(urlEqualTo(JWKS_PATH)).withHeader("apikey", equalTo(PUBLISHABLE_KEY))
			.withHeader("Authorization", absent())
			.withHeader("Accept", equalTo("application/json")));
		assertThat(calls()).isEqualTo(1);
		SaasUser user = SupabaseClaims.toUser(jwt);
		assertThat(user.id()).isEqualTo(USER_ID);
		assertThat(user.provider()).isEqualTo("supabase");
	}

	@Test
	void decodesAnRs256TokenWithTheProjectKeys() {
		publish(jwks(RSA_KEY, EC_KEY));
		Jwt jwt = decoder().decode(rs256(claims().build()));
		assertThat(jwt.getSubject()).isEqualTo(USER_ID);
		assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
	}

	@Test
	void decodesAnHs256TokenWithTheConfiguredLegacySecretWithoutAnyCall() {
		Jwt jwt = decoder(JWT_SECRET).decode(hs256(JWT_SECRET, claims().build()));
		assertThat(jwt.getSubject()).isEqualTo(USER_ID);
		assertThat(calls()).isZero();
	}

	@Test
	void fetchesTheJwksOnceForManyVerifications() {
		publish(jwks(RSA_KEY, EC_KEY));
		SupabaseJwtDecoder decoder = decoder();
		for (int i = 0; i < 20; i++) {
			decoder.decode((i % 2 == 0) ? es256(claims().build()) : rs256(claims().build()));
			this.clock.advance(Duration.ofSeconds(10));
		}
		assertThat(jwksCalls()).isEqualTo(1);
	}

	@Test
	void refetchesTheJwksAfterItsTimeToLive() {
		publish(jwks(EC_KEY));
		SupabaseJwtDecoder decoder = decoder();
		decoder.decode(es256(claims().build()));
		this.clock.advance(Duration.ofMinutes(10));
		decoder.decode(es256(claims().expirationTime(java.util.Date.from(NOW.plusSeconds(3600))).build()));
		assertThat(jwksCalls()).isEqualTo(2);
	}

	@Test
	void refetchesTheJwksForAnUnknownKidOnceTheFloorHasPassed() {
		publish(jwks(EC_KEY));
		SupabaseJwtDecoder decoder = decoder();
		decoder.decode(es256(claims().build()));
		publish(jwks(EC_KEY, RSA_KEY));
		this.clock.advance(Duration.ofSeconds(30));
		Jwt jwt = decoder.decode(rs256(claims().build()));
		assertThat(jwt.getHeaders()).containsEntry("kid", "rsa-1");
		assertThat(jwksCalls()).isEqualTo(2);
	}

	@Test
	void refetchesTheJwksAtMostOncePerFloorUnderABurstOfForgedKids() {
		publish(jwks(EC_KEY));
		SupabaseJwtDecoder decoder = decoder();
		for (int i = 0; i < 50; i++) {
			ECKey forged = SupabaseTestSupport.generateEc(UUID.randomUUID().toString());
			String token = SupabaseTestSupport.sign(JWSAlgorithm.ES256, forged.getKeyID(),
					SupabaseTestSupport.signer(forged), claims().build());
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token))
				.withMessageContaining("No key with kid '" + forged.getKeyID() + "' in the Supabase JWKS");
			this.clock.advance(Duration.ofMillis(500));
		}
		assertThat(jwksCalls()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(6));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder
			.decode(SupabaseTestSupport.sign(JWSAlgorithm.ES256, "forged", SupabaseTestSupport.signer(EC_KEY),
					claims().build())));
		assertThat(jwksCalls()).isEqualTo(2);
		decoder.decode(es256(claims().build()));
		assertThat(jwksCalls()).isEqualTo(2);
	}

	@Test
	void refusesTheTokenWhenTheJwksCannotBeFetched() {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":503,\"error_code\":\"unexpected_failure\",\"msg\":\"Service unavailable\"}")));
		assertThatExceptionOfType(SaasTokenException.class).isThrownBy(() -> decoder().decode(es256(claims().build())))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(TokenFailure.KEY_SET_UNAVAILABLE))
			.withMessage("An error occurred while attempting to decode the Jwt: Could not fetch the Supabase JWKS: "
					+ "supabase jwks failed with HTTP 503 [unexpected_failure]: Service unavailable");
	}

	@Test
	void refusesTheTokenWhenTheJwksIsNotAJwkSet() {
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(okJson("{\"keys\":\"none\"}")));
		assertThatExceptionOfType(SaasTokenException.class).isThrownBy(() -> decoder().decode(es256(claims().build())))
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(TokenFailure.KEY_SET_UNAVAILABLE))
			.withMessageContaining("Could not fetch the Supabase JWKS: the response is not a JWK set");
	}

	@Test
	void keepsKnownKeysWhenARefetchFails() {
		publish(jwks(EC_KEY));
		SupabaseJwtDecoder decoder = decoder();
		decoder.decode(es256(claims().build()));
		wm.stubFor(get(urlEqualTo(JWKS_PATH)).willReturn(aResponse().withStatus(500)));
		this.clock.advance(Duration.ofMinutes(11));
		Jwt jwt = decoder.decode(es256(claims().expirationTime(java.util.Date.from(NOW.plusSeconds(7200))).build()));
		assertThat(jwt.getSubject()).isEqualTo(USER_ID);
		assertThat(jwksCalls()).isEqualTo(2);
	}

	@Test
	void rejectsAnExpiredToken() {
		publish(jwks(EC_KEY));
		String token = es256(claims().expirationTime(java.util.Date.from(NOW.minusSeconds(6))).build());
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder().decode(token))
			.withMessageContaining("Jwt expired at");
	}

	@Test
	void toleratesTheClockSkewOnExp() {
		publish(jwks(EC_KEY));
		String token = es256(claims().expirationTime(java.util.Date.from(NOW.minusSeconds(4))).build());
		assertThat(decoder().decode(token).getSubject()).isEqualTo(USER_ID);
	}

	@Test
	void rejectsATokenWithoutExp() {
		publish(jwks(EC_KEY));
		String token = es256(claims().expirationTime(null).build());
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder().decode(token))
			.satisfies((ex) -> assertThat(ex.getErrors()).singleElement()
				.satisfies((error) -> assertThat(error.getDescription()).contains("exp")));
	}

	@Test
	void rejectsAWrongAudience() {
		publish(jwks(EC_KEY));
		String token = es256(claims().audience("not-authenticated").build());
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder().decode(token))
			.withMessage("An error occurred while attempting to decode the Jwt: " + "The aud claim must contain authenticated");
	}

	@Test
	void acceptsAConfiguredAudience() {
		publish(jwks(EC_KEY));
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(SupabaseTestSupport
			.verifier(wm.baseUrl(), this.clock, (builder) -> builder.audiences(List.of("authenticated", "mobile")))
			.build());
		assertThat(decoder.decode(es256(claims().audience(List.of("mobile")).build())).getAudience())
			.containsExactly("mobile");
	}

	@Test
	void rejectsAWrongIssuer() {
		publish(jwks(EC_KEY));
		String token = es256(claims().issuer("https://other.supabase.co/auth/v1").build());
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder().decode(token))
			.withMessageContaining("iss");
	}

	@Test
	void rejectsATokenWithoutAUserId() {
		publish(jwks(EC_KEY));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> decoder().decode(es256(claims().subject(null).build())))
			.withMessage("An error occurred while attempting to decode the Jwt: " + "The sub claim is missing: Supabase access tokens name the user");
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> decoder().decode(es256(claims().subject("user").build())))
			.withMessage("An error occurred while attempting to decode the Jwt: " + "The sub claim is not a user id (a UUID)");
	}

	@Test
	void rejectsATokenWithCharactersOutsideBase64UrlWithoutAnyCall() {
		String token = es256(claims().build());
		int signature = token.lastIndexOf('.') + 1;
		for (String odd : new String[] { "=", "+", " ", "%", "\u00e9", "\u0000" }) {
			String forged = token.substring(0, signature + 10) + odd + token.substring(signature + 10);
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(forged))
				.withMessageContaining("Malformed token");
		}
		assertThat(calls()).isZero();
	}

	@Test
	void rejectsATimeClaimTooLargeToBeADate() throws Exception {
		publish(jwks(RSA_KEY, EC_KEY));
		Map<String, Object> claims = new LinkedHashMap<>(claims().build().toJSONObject());
		claims.put("nbf", new BigInteger("9223372036854775808"));
		JWSObject jws = new JWSObject(
				new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(EC_KEY.getKeyID()).build(),
				new Payload(claims));
		jws.sign(new ECDSASigner(EC_KEY));
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(jws.serialize()))
			.withMessageContaining("The nbf claim is not a date");
	}

	@Test
	void rejectsAnUnsecuredTokenWithoutAnyCall() {
		String token = new PlainJWT(claims().build()).serialize();
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(token))
			.withMessageContaining("Unsupported algorithm of none");
		assertThat(calls()).isZero();
	}

	@Test
	void rejectsAnHs256TokenWithoutAConfiguredSecretWithoutAnyCall() {
		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> decoder().decode(hs256(JWT_SECRET, claims().build())))
			.withMessageContaining("HS256 token refused: no Supabase legacy JWT secret is configured");
		assertThat(calls()).isZero();
	}

	@Test
	void rejectsAnHs256TokenMacedWithAPublishedPublicKey() throws Exception {
		publish(jwks(RSA_KEY, EC_KEY));
		for (byte[] publicKey : List.of(RSA_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
				RSA_KEY.toRSAPublicKey().getEncoded(), EC_KEY.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))) {
			String token = hs256(publicKey, claims().build());
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(token))
				.withMessageContaining("HS256 token refused");
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder(JWT_SECRET).decode(token))
				.withMessageContaining("Invalid signature");
		}
		assertThat(calls()).isZero();
	}

	@Test
	void rejectsATokenSignedWithAnotherKeyUnderAKnownKid() {
		publish(jwks(EC_KEY));
		ECKey other = SupabaseTestSupport.generateEc("ec-1");
		String token = SupabaseTestSupport.sign(JWSAlgorithm.ES256, "ec-1", SupabaseTestSupport.signer(other),
				claims().build());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(token))
			.withMessageContaining("Invalid signature");
	}

	@Test
	void rejectsATokenWhoseAlgorithmDoesNotMatchItsKey() {
		publish(jwks(RSA_KEY, EC_KEY));
		String token = SupabaseTestSupport.sign(JWSAlgorithm.RS256, "ec-1", SupabaseTestSupport.signer(RSA_KEY),
				claims().build());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(token));
	}

	@Test
	void rejectsOtherAlgorithmsWithoutAnyCall() {
		String token = SupabaseTestSupport.sign(JWSAlgorithm.RS512, "rsa-1", SupabaseTestSupport.signer(RSA_KEY),
				claims().build());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(token))
			.withMessageContaining("Unsupported algorithm RS512");
		assertThat(calls()).isZero();
	}

	@Test
	void rejectsAnAsymmetricTokenWithoutKid() {
		String token = SupabaseTestSupport.sign(JWSAlgorithm.ES256, null, SupabaseTestSupport.signer(EC_KEY),
				claims().build());
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(token))
			.withMessageContaining("ES256 token without kid");
		assertThat(calls()).isZero();
	}

	@Test
	void rejectsGarbage() {
		for (String token : List.of("garbage", "a.b.c", "eyJhbGciOiJFUzI1NiJ9.e30")) {
			assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder().decode(token));
		}
		assertThat(calls()).isZero();
	}

	@Test
	void refusesAShortSecret() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> decoder("short"))
			.withMessage("the Supabase JWT secret must be at least 32 characters long");
	}

	@Test
	void neverShowsTheSecret() {
		SupabaseJwtDecoder decoder = decoder(JWT_SECRET);
		assertThat(decoder.toString()).doesNotContain(JWT_SECRET).contains(ISSUER);
		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> decoder.decode(hs256("another-secret-with-at-least-32-characters", claims().build())))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(JWT_SECRET));
	}

}
