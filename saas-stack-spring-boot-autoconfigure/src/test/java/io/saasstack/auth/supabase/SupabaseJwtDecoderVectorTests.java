package io.saasstack.auth.supabase;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.core.SaasJson;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code supabase/getClaims}, {@code supabase/jwks} and {@code supabase/legacy-hs256-key}
 * vectors through {@link SupabaseJwtDecoder} and {@link ReactiveSupabaseJwtDecoder}.
 * <p>
 * The getClaims vectors record what auth-js 2.119.1 does; where we deliberately differ, the
 * test asserts our documented behaviour and its display name says how we diverge:
 * <ul>
 * <li><b>wrong iss / aud</b>: auth-js accepts, we refuse ({@code iss} and {@code aud} are
 * checked, {@link SupabaseJwtVerifier});</li>
 * <li><b>kid not in JWKS</b>: auth-js falls back to {@code GET /auth/v1/user} and returns the
 * unverified payload; we refuse, with no call besides the JWKS fetch (a refetch is floored);</li>
 * <li><b>HS256 without the legacy secret</b>: auth-js asks {@code GET /auth/v1/user}; we refuse
 * without any call;</li>
 * <li><b>unsupported algorithms</b> ({@code none}, RS512, EdDSA): both refuse, but we do so
 * before fetching the JWKS;</li>
 * <li><b>missing exp</b>: both refuse, but Spring Security verifies the signature before the
 * claims, so a cold cache fetches the JWKS first (auth-js makes no call).</li>
 * </ul>
 * Where auth-js's outcome is the same, the recorded HTTP calls must match ours exactly.
 */
class SupabaseJwtDecoderVectorTests {

	private static final String GET_CLAIMS = "/vectors/supabase-get-claims.json";

	private static final String JWKS = "/vectors/supabase-jwks.json";

	private static final String LEGACY = "/vectors/supabase-legacy-hs256-key.json";

	/** The placeholder of the project URL in the vectors; WireMock stands in for it. */
	private static final String SUPABASE_URL = "{SUPABASE_URL}";

	private static final String JWKS_CALL = "GET /auth/v1/.well-known/jwks.json";

	/** Our outcome where it differs from auth-js's. */
	private static final Map<String, Divergence> DIVERGENCES = Map.of(
			"missing exp", new Divergence("signature verified first, so the cold JWKS is fetched",
					JwtValidationException.class, "exp", List.of(JWKS_CALL)),
			"kid not in JWKS", new Divergence("refused, no GET /user fallback", BadJwtException.class,
					"No key with kid 'unknown-kid' in the Supabase JWKS", List.of(JWKS_CALL)),
			"wrong iss / aud are NOT checked by getClaims", new Divergence("iss and aud are checked: refused",
					JwtValidationException.class, "The iss claim is not valid", List.of(JWKS_CALL)),
			"HS256 token, GET /user rejects -> error", new Divergence("refused locally without any call",
					BadJwtException.class, "HS256 token refused: no Supabase legacy JWT secret is configured",
					List.of()),
			"unsupported alg none with kid present in JWKS", new Divergence("refused before fetching the JWKS",
					BadJwtException.class, "An error occurred while attempting to decode the Jwt", List.of()),
			"unsupported alg RS512 with kid present in JWKS", new Divergence("refused before fetching the JWKS",
					BadJwtException.class, "Unsupported algorithm RS512", List.of()),
			"unsupported alg EdDSA with kid present in JWKS", new Divergence("refused before fetching the JWKS",
					BadJwtException.class, "Unsupported algorithm EdDSA", List.of()));

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static Stream<Arguments> getClaims() {
		return Vectors.arguments(GET_CLAIMS).map((arguments) -> {
			String name = (String) arguments.get()[0];
			Divergence divergence = DIVERGENCES.get(name);
			return Arguments.of((divergence != null) ? name + " [DIVERGES from auth-js: " + divergence.what() + "]"
					: name + " [as auth-js]", arguments.get()[1]);
		});
	}

	static Stream<Arguments> jwks() {
		return Vectors.arguments(JWKS);
	}

	static Stream<Arguments> legacy() {
		return Vectors.arguments(LEGACY);
	}

	static final VectorRuns SERVLET_RUNS = new VectorRuns();

	static final VectorRuns REACTIVE_RUNS = new VectorRuns();

	static final VectorRuns JWKS_RUNS = new VectorRuns();

	static final VectorRuns LEGACY_RUNS = new VectorRuns();

	@AfterAll
	static void everyVectorRan() {
		SERVLET_RUNS.assertEveryCaseRan(Vectors.names(getClaims()));
		REACTIVE_RUNS.assertEveryCaseRan(Vectors.names(getClaims()));
		JWKS_RUNS.assertEveryCaseRan(Vectors.names(jwks()));
		LEGACY_RUNS.assertEveryCaseRan(Vectors.names(legacy()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("getClaims")
	void servletDecoder(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> run(name, v, (verifier) -> new SupabaseJwtDecoder(verifier)::decode));
		SERVLET_RUNS.ran(name);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("getClaims")
	void reactiveDecoder(String name, JsonNode vector) {
		VectorCase.run(vector,
				(v) -> run(name, v, (verifier) -> (token) -> new ReactiveSupabaseJwtDecoder(verifier).decode(token).block()));
		REACTIVE_RUNS.ran(name);
	}

	private void run(String name, VectorCase v, Function<SupabaseJwtVerifier, Function<String, Jwt>> decoders) {
		// the project's auth URL; WireMock stands in for {SUPABASE_URL}, and the calls are compared without it
		assertThat(v.require("input.authUrl").asString()).isEqualTo(SUPABASE_URL + "/auth/v1");
		JsonNode keys;
		if (v.raw().path("input").path("jwks").isObject()) {
			keys = v.require("input.jwks");
		}
		else {
			// a reference to the supabase/jwks vector, whose expected value is the key set served
			assertThat(v.require("input.jwks").asString()).startsWith("JWKS_RS256_ES256 (see jwks vector)");
			keys = Vectors.load(JWKS).get(0).get("expected");
		}
		wm.stubFor(get(urlEqualTo("/auth/v1/.well-known/jwks.json")).willReturn(okJson(keys.toString())));
		Clock clock = Clock.fixed(Instant.ofEpochSecond(v.require("input.nowEpochSeconds").asLong()), ZoneOffset.UTC);
		SupabaseJwtVerifier verifier = SupabaseTestSupport.verifier(wm.baseUrl(), clock, (builder) -> {
		}).build();
		Function<String, Jwt> decoder = decoders.apply(verifier);
		String token = v.require("input.token").asString();
		Divergence divergence = DIVERGENCES.get(baseName(name));
		boolean valid = v.require("expected.valid").asBoolean();
		if (divergence == null) {
			assertThat(valid).as("a case where we behave as auth-js is a valid token").isTrue();
			// a valid case must give its claims and header: one without them fails naming the field
			JsonNode claims = v.require("expected.claims");
			JsonNode header = v.require("expected.header");
			List<String> recorded = recordedCalls(v);
			Jwt jwt = decoder.apply(token);
			assertThat(json(wire(jwt.getClaims()))).isEqualTo(claims);
			assertThat(json(jwt.getHeaders())).isEqualTo(header);
			assertThat(calls()).isEqualTo(recorded);
		}
		else {
			assertThat(valid).as("auth-js accepts the token")
				.isEqualTo(divergence == DIVERGENCES.get("wrong iss / aud are NOT checked by getClaims")
						|| divergence == DIVERGENCES.get("kid not in JWKS"));
			String why = "auth-js's own outcome, where we diverge: " + divergence.what();
			for (String field : List.of("claims", "header", "httpCalls", "message", "errorName", "errorCode", "thrown")) {
				v.ignore("expected." + field, why);
			}
			assertThatExceptionOfType(divergence.exception()).isThrownBy(() -> decoder.apply(token))
				.withMessageContaining(divergence.message());
			assertThat(calls()).isEqualTo(divergence.calls());
		}
		for (LoggedRequest request : wm.findAll(anyRequestedFor(anyUrl()))) {
			assertThat(request.getHeader("apikey")).isEqualTo(SupabaseTestSupport.PUBLISHABLE_KEY);
			assertThat(request.containsHeader("Authorization")).isFalse();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("jwks")
	void jwksKeysAreAllKept(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			v.ignore("input", "{}: the case is the key set the JWKS endpoint answers, no call argument");
			JsonNode keys = v.raw().get("expected");
			wm.stubFor(get(urlEqualTo("/auth/v1/.well-known/jwks.json")).willReturn(okJson(keys.toString())));
			SupabaseJwtVerifier verifier = SupabaseTestSupport.verifier(wm.baseUrl(), Clock.systemUTC(), (builder) -> {
			}).build();
			List<String> kids = new java.util.ArrayList<>();
			assertThat(v.size("expected.keys")).isPositive();
			for (int i = 0; i < v.size("expected.keys"); i++) {
				// every member of the key is kept as served: kty, kid, alg, key_ops and the public parameters
				JsonNode key = v.get("expected.keys." + i);
				JWK found = verifier.jwks().key(key.get("kid").asString()).block();
				assertThat(found).isNotNull();
				assertThat(found.isPrivate()).isFalse();
				assertThat(json(found.toJSONObject())).isEqualTo(key);
				kids.add(key.get("kid").asString());
			}
			assertThat(verifier.jwks().keyIds()).containsExactlyElementsOf(kids);
			wm.verify(1, getRequestedFor(urlEqualTo("/auth/v1/.well-known/jwks.json"))
				.withHeader("apikey", equalTo(SupabaseTestSupport.PUBLISHABLE_KEY))
				.withHeader("Authorization", absent()));
		});
		JWKS_RUNS.ran(name);
	}

	/**
	 * The HMAC key is the UTF-8 bytes of the secret: the signature verifies through the decoder's
	 * HS256 path with exactly the recorded header and claims. The decoder itself refuses these
	 * tokens, which are the CLI's anon/service_role API keys, not user access tokens: no
	 * {@code sub}, no {@code aud}, {@code iss} "supabase-demo" (a documented choice of
	 * {@link SupabaseJwtVerifier}); a {@link JwtValidationException}, not a
	 * {@link BadJwtException}, proves that only the claims failed.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("legacy")
	void legacyHs256Key(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
			SupabaseJwtVerifier verifier = SupabaseTestSupport
				.verifier(wm.baseUrl(), clock, (builder) -> builder.jwtSecret(v.require("input.jwtSecret").asString()))
				.build();
			String token = v.require("input.token").asString();
			SignedJWT jwt = parse(token);
			List<JWK> keys = verifier.keys(jwt).block();
			assertThat(keys).isNotNull();
			JWTClaimsSet claims = verify(verifier, jwt, keys);
			assertThat(v.require("expected.signatureValid").asBoolean()).isTrue();
			assertThat(json(jwt.getHeader().toJSONObject())).isEqualTo(v.require("expected.header"));
			assertThat(json(wire(claims.toJSONObject()))).isEqualTo(v.require("expected.claims"));
			v.ignore("expected.note", "prose; its facts are asserted: the key is the secret's UTF-8 bytes (the "
					+ "signature verifies), iss supabase-demo (the claims)");
			assertThatExceptionOfType(JwtValidationException.class)
				.isThrownBy(() -> new SupabaseJwtDecoder(verifier).decode(token))
				.satisfies((ex) -> assertThat(ex.getErrors()).extracting((error) -> error.getDescription())
					.anySatisfy((description) -> assertThat(description).contains("iss"))
					.anySatisfy((description) -> assertThat(description).contains("aud"))
					.anySatisfy((description) -> assertThat(description).contains("sub")));
			assertThat(calls()).isEmpty();
		});
		LEGACY_RUNS.ran(name);
	}

	private static SignedJWT parse(String token) {
		try {
			return SignedJWT.parse(token);
		}
		catch (java.text.ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWTClaimsSet verify(SupabaseJwtVerifier verifier, SignedJWT jwt, List<JWK> keys) {
		try {
			return verifier.verify(jwt, keys);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The value as JSON read back, so that numbers compare as the vector's do. */
	private static JsonNode json(Object value) {
		return SaasJson.mapper().readTree(SaasJson.mapper().writeValueAsString(value));
	}

	private static String baseName(String displayName) {
		int bracket = displayName.lastIndexOf(" [");
		return (bracket > 0) ? displayName.substring(0, bracket) : displayName;
	}

	/** Claims as on the wire: epoch seconds, a single audience as a string. */
	private static Map<String, @Nullable Object> wire(Map<String, Object> claims) {
		Map<String, @Nullable Object> wire = new LinkedHashMap<>();
		claims.forEach((key, value) -> {
			Object converted = value;
			if (value instanceof Instant instant) {
				converted = instant.getEpochSecond();
			}
			else if (value instanceof java.util.Date date) {
				converted = date.toInstant().getEpochSecond();
			}
			else if (value instanceof java.net.URL url) {
				converted = url.toString();
			}
			else if ("aud".equals(key) && value instanceof List<?> list && list.size() == 1) {
				converted = list.get(0);
			}
			wire.put(key, converted);
		});
		return wire;
	}

	private static List<String> recordedCalls(VectorCase v) {
		return v.require("expected.httpCalls").valueStream().map((call) -> call.asString().replace(SUPABASE_URL, "")).toList();
	}

	private static List<String> calls() {
		return wm.findAll(anyRequestedFor(anyUrl())).stream().map((request) -> request.getMethod() + " " + request.getUrl()).toList();
	}

	private record Divergence(String what, Class<? extends Exception> exception, String message, List<String> calls) {
	}

}
