package io.saasstack.auth.clerk;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.auth.autoconfigure.AuthProperties;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link ClerkTokenVerifier}: the {@code clerk/session-jwt} vectors, then tokens
 * signed with a test key.
 */
class ClerkTokenVerifierTests {

	private static final String VECTORS = "/vectors/clerk-session-jwt.json";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static Stream<Arguments> sessionJwt() {
		return Vectors.arguments(VECTORS);
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(sessionJwt()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sessionJwt")
	void sessionJwtVector(String name, JsonNode vector) {
		VectorCase.run(vector, ClerkTokenVerifierTests::sessionJwt);
		RUNS.ran(name);
	}

	private static void sessionJwt(VectorCase v) {
		ClerkTokenVerifier.Builder builder = keyed(v);
		if (v.has("input.api")) {
			// the SDK call the case records: verifyToken with a jwtKey is our withJwtKey, networkless
			assertThat(v.text("input.api")).isEqualTo("verifyToken(token,{jwtKey})");
			assertThat(v.has("input.key.pem")).as("verifyToken(token,{jwtKey}) takes a PEM key").isTrue();
		}
		if (v.has("input.options")) {
			if (v.raw().path("input").path("options").isEmpty()) {
				v.ignore("input.options", "{}: no options, the verifier's defaults");
			}
			// each option is set; one the runner does not know fails the case naming it
			if (v.has("input.options.issuer")) {
				builder.issuer(v.text("input.options.issuer"));
			}
			if (v.has("input.options.authorizedParties")) {
				List<String> parties = new ArrayList<>();
				v.get("input.options.authorizedParties").forEach((party) -> parties.add(party.asString()));
				builder.authorizedParties(parties);
			}
			if (v.has("input.options.audience")) {
				builder.audiences(List.of(v.text("input.options.audience")));
			}
			if (v.has("input.options.clockSkewInMs")) {
				builder.clockSkew(Duration.ofMillis(v.get("input.options.clockSkewInMs").asLong()));
			}
		}
		builder.clock(Clock.fixed(Instant.ofEpochSecond(v.require("input.nowEpochSeconds").asLong()), ZoneOffset.UTC));
		ClerkTokenVerifier verifier = builder.build();
		String token = v.require("input.token").asString();
		if (v.require("expected.valid").asBoolean()) {
			// a valid case must say what the claims are: one without them fails naming expected.claims
			JsonNode claims = SaasJson.mapper().readTree(v.require("expected.claims").toString());
			Jwt jwt = verifier.verify(token);
			assertThat(json(jwt.getClaims())).isEqualTo(claims);
			Jwt reactive = verifier.verifyReactive(token).block();
			assertThat(reactive).isNotNull();
			assertThat(json(reactive.getClaims())).isEqualTo(claims);
		}
		else {
			String reason = v.require("expected.reason").asString();
			Throwable failure = catchThrowable(() -> verifier.verify(token));
			assertThat(failure).isInstanceOf(BadJwtException.class);
			assertThat(ClerkTokenException.reasonOf(failure)).isEqualTo(reason);
			if (v.has("expected.message")) {
				String message = v.text("expected.message");
				int now = message.indexOf("<now>");
				assertThat(description(failure)).startsWith((now >= 0) ? message.substring(0, now) : message);
			}
			Throwable reactive = catchThrowable(() -> verifier.verifyReactive(token).block());
			assertThat(ClerkTokenException.reasonOf(reactive)).isEqualTo(reason);
		}
	}

	private static ClerkTokenVerifier.Builder keyed(VectorCase v) {
		if (v.has("input.key.pem")) {
			String pem = v.text("input.key.pem");
			if (!pem.startsWith("-----BEGIN")) {
				// "mockPEMJwtKey from fixtures": the key of the clerk/pem-to-jwk vector
				pem = Vectors.load("/vectors/clerk-pem-to-jwk.json").get(0).get("input").get("pem").asString();
			}
			return ClerkTokenVerifier.withJwtKey(pem);
		}
		// a JWK is served, whole, as the instance's JWKS, as loadClerkJWKFromRemote gets it
		JsonNode jwk = v.require("input.key.jwk");
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(okJson("{\"keys\":[" + jwk + "]}")));
		AuthProperties.Clerk properties = new AuthProperties.Clerk();
		properties.setBaseUrl(URI.create(wm.baseUrl()));
		return ClerkTokenVerifier.withJwks(new ClerkJwks(
				ClerkJwks.httpClient(SaasHttpClientFactory.standalone(), properties, "sk_test_vectors"),
				"sk_test_vectors"));
	}

	static JsonNode json(Map<String, Object> claims) {
		Map<String, Object> plain = new LinkedHashMap<>();
		claims.forEach((name, value) -> plain.put(name,
				(value instanceof Instant instant) ? (Object) instant.getEpochSecond() : value));
		return SaasJson.mapper().readTree(SaasJson.mapper().writeValueAsString(plain));
	}

	static @Nullable String description(Throwable failure) {
		if (failure instanceof JwtValidationException validation) {
			return validation.getErrors().iterator().next().getDescription();
		}
		return failure.getMessage();
	}

	private static ClerkTokenVerifier verifier() {
		return ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY)).clock(TestTokens.CLOCK).build();
	}

	private static String reason(ClerkTokenVerifier verifier, String token) {
		Throwable failure = catchThrowable(() -> verifier.verify(token));
		assertThat(failure).isInstanceOf(BadJwtException.class);
		return String.valueOf(ClerkTokenException.reasonOf(failure));
	}

	@Test
	void acceptsAValidToken() {
		Jwt jwt = verifier().verify(TestTokens.token());
		assertThat(jwt.getSubject()).isEqualTo("user_123");
		assertThat(jwt.getExpiresAt()).isEqualTo(TestTokens.NOW.plusSeconds(50));
	}

	@Test
	void acceptsRs384AndRs512() {
		for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS384, JWSAlgorithm.RS512)) {
			String token = TestTokens.token(TestTokens.KEY, algorithm, (header) -> {
			}, TestTokens.claims().build());
			assertThat(verifier().verify(token).getSubject()).isEqualTo("user_123");
		}
	}

	@Test
	void rejectsExpiredTokens() {
		// exp*1000 <= now - skew: expired at exactly now - 5 s, valid a second later
		assertThat(reason(verifier(), TestTokens.token((c) -> c.expirationTime(Date.from(TestTokens.NOW.minusSeconds(5))))))
			.isEqualTo("token-expired");
		assertThat(verifier().verify(TestTokens.token((c) -> c.expirationTime(Date.from(TestTokens.NOW.minusSeconds(4))))))
			.isNotNull();
	}

	@Test
	void rejectsTokensNotActiveYet() {
		assertThat(reason(verifier(), TestTokens.token((c) -> c.notBeforeTime(Date.from(TestTokens.NOW.plusSeconds(6))))))
			.isEqualTo("token-not-active-yet");
		assertThat(verifier().verify(TestTokens.token((c) -> c.notBeforeTime(Date.from(TestTokens.NOW.plusSeconds(5))))))
			.isNotNull();
	}

	@Test
	void rejectsTokensIssuedInTheFuture() {
		assertThat(reason(verifier(), TestTokens.token((c) -> c.issueTime(Date.from(TestTokens.NOW.plusSeconds(6))))))
			.isEqualTo("token-iat-in-the-future");
	}

	@Test
	void honoursTheConfiguredClockSkew() {
		ClerkTokenVerifier verifier = ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY))
			.clock(TestTokens.CLOCK)
			.clockSkew(Duration.ofSeconds(30))
			.build();
		assertThat(verifier.verify(TestTokens.token((c) -> c.issueTime(Date.from(TestTokens.NOW.minusSeconds(60)))
			.expirationTime(Date.from(TestTokens.NOW.minusSeconds(29))))))
			.isNotNull();
	}

	@Test
	void rejectsAWrongIssuer() {
		ClerkTokenVerifier verifier = ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY))
			.clock(TestTokens.CLOCK)
			.issuer("https://clerk.example.com")
			.build();
		assertThat(reason(verifier, TestTokens.token())).isEqualTo("token-invalid-issuer");
	}

	@Test
	void derivesTheIssuerFromThePublishableKey() {
		ClerkTokenVerifier verifier = ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY))
			.clock(TestTokens.CLOCK)
			.publishableKey(ClerkPublishableKey.parse("pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA"))
			.build();
		assertThat(verifier.issuer()).isEqualTo(TestTokens.ISSUER);
		assertThat(verifier.verify(TestTokens.token())).isNotNull();
		assertThat(reason(verifier, TestTokens.token((c) -> c.issuer("https://clerk.evil.example"))))
			.isEqualTo("token-invalid-issuer");
	}

	@Test
	void explicitIssuerWinsOverThePublishableKey() {
		ClerkTokenVerifier verifier = ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY))
			.publishableKey(ClerkPublishableKey.parse("pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA"))
			.issuer("https://clerk.example.com")
			.build();
		assertThat(verifier.issuer()).isEqualTo("https://clerk.example.com");
	}

	@Test
	void checksNoIssuerWhenNoneIsKnown() {
		assertThat(verifier().issuer()).isNull();
		assertThat(verifier().verify(TestTokens.token((c) -> c.issuer("https://clerk.evil.example")))).isNotNull();
	}

	@Test
	void rejectsAWrongOrMissingAuthorizedParty() {
		ClerkTokenVerifier verifier = ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY))
			.clock(TestTokens.CLOCK)
			.authorizedParties(List.of(TestTokens.AZP))
			.build();
		assertThat(verifier.verify(TestTokens.token())).isNotNull();
		assertThat(reason(verifier, TestTokens.token((c) -> c.claim("azp", "https://evil.example"))))
			.isEqualTo("token-invalid-authorized-parties");
		assertThat(reason(verifier, TestTokens.token((c) -> c.claim("azp", null))))
			.isEqualTo("token-invalid-authorized-parties");
	}

	@Test
	void acceptsAMissingAuthorizedPartyWhenNoneIsConfigured() {
		assertThat(verifier().verify(TestTokens.token((c) -> c.claim("azp", null)))).isNotNull();
	}

	@Test
	void requiresAStringSubject() {
		assertThat(reason(verifier(), TestTokens.token((c) -> c.subject(null)))).isEqualTo("token-verification-failed");
		assertThat(reason(verifier(), TestTokens.token((c) -> c.subject(null).claim("sub", 42))))
			.isEqualTo("token-verification-failed");
	}

	@Test
	void rejectsAnExpiryNotAfterTheIssueTime() {
		assertThat(reason(verifier(), TestTokens.token((c) -> c.issueTime(Date.from(TestTokens.NOW.plusSeconds(3)))
			.expirationTime(Date.from(TestTokens.NOW.plusSeconds(2)))))).isEqualTo("token-invalid");
	}

	@Test
	void requiresAnExpiry() {
		assertThat(reason(verifier(), TestTokens.token((c) -> c.expirationTime(null))))
			.isEqualTo("token-verification-failed");
	}

	@Test
	void rejectsATokenWithCharactersOutsideBase64UrlThatTheDecoderWouldSkip() {
		String token = TestTokens.token();
		assertThat(verifier().verify(token).getSubject()).isNotNull();
		int signature = token.lastIndexOf('.') + 1;
		for (String odd : new String[] { "=", "+", " ", "%", "\u00e9", "\u0000" }) {
			String forged = token.substring(0, signature + 10) + odd + token.substring(signature + 10);
			assertThat(reason(verifier(), forged)).as(odd).isEqualTo("token-invalid");
		}
	}

	@Test
	void rejectsATimeClaimTooLargeToBeADate() throws Exception {
		Map<String, Object> claims = new LinkedHashMap<>(TestTokens.claims().build().toJSONObject());
		claims.put("nbf", new BigInteger("9223372036854775808"));
		JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256)
			.keyID(TestTokens.KEY.getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), new Payload(claims));
		jws.sign(new RSASSASigner(TestTokens.KEY));
		assertThat(reason(verifier(), jws.serialize())).isEqualTo("token-invalid");
	}

	@Test
	void rejectsAlgNone() {
		String token = new PlainJWT(TestTokens.claims().build()).serialize();
		assertThat(reason(verifier(), token)).isEqualTo("token-invalid-algorithm");
	}

	@Test
	void rejectsHs256SignedWithThePublicKey() throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(TestTokens.KEY.getKeyID())
			.type(JOSEObjectType.JWT)
			.build(), TestTokens.claims().build());
		jwt.sign(new MACSigner(TestTokens.KEY.toRSAPublicKey().getEncoded()));
		assertThat(reason(verifier(), jwt.serialize())).isEqualTo("token-invalid-algorithm");
		jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).build(), TestTokens.claims().build());
		jwt.sign(new MACSigner(TestTokens.pem(TestTokens.KEY).getBytes(StandardCharsets.UTF_8)));
		assertThat(reason(verifier(), jwt.serialize())).isEqualTo("token-invalid-algorithm");
	}

	@Test
	void rejectsGarbage() {
		assertThat(reason(verifier(), "garbage")).isEqualTo("token-invalid");
		assertThat(reason(verifier(), "a.b.c")).isEqualTo("token-invalid");
		assertThat(reason(verifier(), "")).isEqualTo("token-invalid");
	}

	@Test
	void rejectsATokenOfAnotherKey() {
		String token = TestTokens.token(TestTokens.OTHER_KEY, JWSAlgorithm.RS256, (header) -> {
		}, TestTokens.claims().build());
		assertThat(reason(verifier(), token)).isEqualTo("token-invalid-signature");
	}

	@Test
	void checksTheSignatureBeforeTheClaims() {
		String token = TestTokens.token(TestTokens.OTHER_KEY, JWSAlgorithm.RS256, (header) -> {
		}, TestTokens.claims().expirationTime(Date.from(TestTokens.NOW.minusSeconds(3600))).build());
		assertThat(reason(verifier(), token)).isEqualTo("token-invalid-signature");
	}

	@Test
	void rejectsPendingSessionsByDefault() {
		String token = TestTokens.token((c) -> c.claim("sts", "pending"));
		assertThat(reason(verifier(), token)).isEqualTo("session-pending");
		ClerkTokenVerifier lenient = ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY))
			.clock(TestTokens.CLOCK)
			.treatPendingAsSignedOut(false)
			.build();
		assertThat(lenient.verify(token).getClaimAsString("sts")).isEqualTo("pending");
		assertThat(verifier().verify(TestTokens.token((c) -> c.claim("sts", "active")))).isNotNull();
	}

	@Test
	void rejectsMachineCategories() {
		String m2m = TestTokens.token(TestTokens.KEY, JWSAlgorithm.RS256, (header) -> header.customParam("cat",
				"cl_B7d4PD333AAA"), TestTokens.claims().build());
		assertThat(reason(verifier(), m2m)).isEqualTo("token-invalid");
		for (String session : List.of("cl_B7d4PD111AAA", "cl_I7d4PD111III")) {
			String token = TestTokens.token(TestTokens.KEY, JWSAlgorithm.RS256,
					(header) -> header.customParam("cat", session), TestTokens.claims().build());
			assertThat(verifier().verify(token)).isNotNull();
		}
	}

	@Test
	void rejectsMachineTokens() {
		assertThat(reason(verifier(), "ak_123")).isEqualTo("token-type-mismatch");
		assertThat(reason(verifier(), "mt_123")).isEqualTo("token-type-mismatch");
		assertThat(reason(verifier(), "oat_123")).isEqualTo("token-type-mismatch");
		assertThat(reason(verifier(), TestTokens.token((c) -> c.subject("mch_123")))).isEqualTo("token-type-mismatch");
	}

	@Test
	void rejectsOtherTypes() {
		String token = TestTokens.token(TestTokens.KEY, JWSAlgorithm.RS256,
				(header) -> header.type(new JOSEObjectType("at+jwt")), TestTokens.claims().build());
		assertThat(reason(verifier(), token)).isEqualTo("token-invalid");
	}

	@Test
	void validationFailuresAreJwtValidationExceptions() {
		Throwable failure = catchThrowable(
				() -> verifier().verify(TestTokens.token((c) -> c.issueTime(Date.from(TestTokens.NOW.minusSeconds(120)))
					.expirationTime(Date.from(TestTokens.NOW.minusSeconds(60))))));
		assertThat(failure).isInstanceOf(JwtValidationException.class);
		assertThat(((JwtValidationException) failure).getErrors()).singleElement()
			.satisfies((error) -> assertThat(error.getErrorCode()).isEqualTo("token-expired"));
	}

	@Test
	void reactiveVerificationReportsErrorsAsSignals() {
		Throwable failure = catchThrowable(() -> verifier().verifyReactive("garbage").block());
		assertThat(failure).isInstanceOf(ClerkTokenException.class);
		assertThat(ClerkTokenException.reasonOf(new JwtException("other"))).isNull();
	}

}
