package io.saasstack.reliability;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.saasstack.auth.autoconfigure.AuthProperties;
import io.saasstack.auth.clerk.ClerkJwks;
import io.saasstack.auth.clerk.ClerkJwtDecoder;
import io.saasstack.auth.clerk.ClerkJwtValidators;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.security.JwtForm;
import io.saasstack.auth.supabase.ReactiveSupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseHttpClients;
import io.saasstack.auth.supabase.SupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.reliability.HostileTokens.HostileToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guard on the Nimbus steps that {@code ParsedSignedJwt} and {@code ParsedJwtDecoder} copy:
 * generated tokens (fixed seed: valid, tampered, expired, not yet valid, other algorithms, and the
 * hostile corpus of {@link HostileTokens}) go through the Clerk and Supabase decoders and through a
 * bare {@link NimbusJwtDecoder} with the same keys, algorithms, claim conversion and validators.
 * Every token gets the same verdict and, when accepted, the same headers and claims, except the
 * tokens that the providers' own checks refuse before those steps (see {@link #deliberate}); those
 * may only be refused by ours, never accepted.
 */
class NimbusDifferentialTests {

	private static final long SEED = 20260613L;

	private static final int SIGNED = 300;

	private static final int TAMPERED_PER_SIGNED = 25;

	/** Both sides validate at the same fixed instant, so that no token expires between the two decodes. */
	private static final Clock CLOCK = TestIssuers.CLOCK;

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Test
	void clerkDecoderAgreesWithNimbus() {
		wireMock.stubFor(WireMock.get(urlPathEqualTo("/v1/jwks")).willReturn(okJson(TestIssuers.clerkJwks())));
		HostileTokens.Issuer issuer = TestIssuers.clerk(wireMock.baseUrl() + "/attacker", true);
		Clock clock = CLOCK;
		OAuth2TokenValidator<Jwt> validator = ClerkJwtValidators.create(TestIssuers.CLERK_ISSUER,
				List.of(TestIssuers.CLERK_AZP), List.of(), Duration.ofSeconds(5), clock, true);
		AuthProperties.Clerk properties = new AuthProperties.Clerk();
		properties.setBaseUrl(URI.create(wireMock.baseUrl()));
		properties.getRetry().setMaxAttempts(1);
		String secret = "sk_test_differential000000000000";
		ClerkJwks jwks = new ClerkJwks(ClerkJwks.httpClient(SaasHttpClientFactory.standalone(), properties, secret),
				secret);
		JwtDecoder ours = new ClerkJwtDecoder(ClerkTokenVerifier.withJwks(jwks)
			.issuer(TestIssuers.CLERK_ISSUER)
			.authorizedParties(List.of(TestIssuers.CLERK_AZP))
			.clock(clock)
			.build());
		Converter<Object, ?> asIs = (value) -> value;
		NimbusJwtDecoder nimbus = NimbusJwtDecoder
			.withJwkSource(new ImmutableJWKSet<>(new JWKSet(TestIssuers.CLERK_KEY.toPublicJWK())))
			.jwsAlgorithms((algorithms) -> {
				algorithms.add(SignatureAlgorithm.RS256);
				algorithms.add(SignatureAlgorithm.RS384);
				algorithms.add(SignatureAlgorithm.RS512);
			})
			.build();
		nimbus.setClaimSetConverter(MappedJwtClaimSetConverter.withDefaults(Map.of("sub", asIs, "aud", asIs, "iss", asIs)));
		nimbus.setJwtValidator(validator);
		List<HostileToken> tokens = tokens(issuer, List.of("RS256", "RS384", "RS512"));
		Outcomes outcomes = compare("clerk", tokens, ours, nimbus, NimbusDifferentialTests::clerkDeliberate);
		assertThat(outcomes.acceptedByBoth).isGreaterThan(SIGNED / 10);
	}

	@Test
	void supabaseDecodersAgreeWithNimbus() {
		HostileTokens.Issuer issuer = TestIssuers.supabase(wireMock.baseUrl(), wireMock.baseUrl() + "/attacker");
		JWKSet keys = new JWKSet(List.of(TestIssuers.SUPABASE_EC_KEY.toPublicJWK(),
				TestIssuers.SUPABASE_RSA_KEY.toPublicJWK()));
		SupabaseJwtVerifier verifier = SupabaseJwtVerifier
			.builder(SupabaseHttpClients.httpClient(SaasHttpClientFactory.standalone(), properties(), null),
					URI.create(wireMock.baseUrl()))
			.publicKeys(keys)
			.clock(CLOCK)
			.build();
		NimbusJwtDecoder nimbus = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys))
			.jwsAlgorithms((algorithms) -> {
				algorithms.add(SignatureAlgorithm.ES256);
				algorithms.add(SignatureAlgorithm.RS256);
			})
			.build();
		nimbus.setJwtValidator(verifier.validator());
		List<HostileToken> tokens = tokens(issuer, List.of("ES256"));
		SupabaseJwtDecoder servlet = new SupabaseJwtDecoder(verifier);
		Outcomes outcomes = compare("supabase servlet", tokens, servlet, nimbus, NimbusDifferentialTests::supabaseDeliberate);
		assertThat(outcomes.acceptedByBoth).isGreaterThan(SIGNED / 10);
		ReactiveSupabaseJwtDecoder reactive = new ReactiveSupabaseJwtDecoder(verifier);
		compare("supabase reactive", tokens, (token) -> reactive.decode(token).block(), nimbus,
				NimbusDifferentialTests::supabaseDeliberate);
	}

	private static io.saasstack.core.SaasClientProperties properties() {
		AuthProperties.Supabase properties = new AuthProperties.Supabase();
		properties.setBaseUrl(URI.create(wireMock.baseUrl()));
		return properties;
	}

	/**
	 * The hostile corpus (its random edits thinned out, see
	 * {@link HostileTokenServletTests#sample}), then signed tokens with random times and other
	 * algorithms, each followed by copies with one character of the payload or signature changed
	 * (a few signatures, many verifications: signing is the slow part).
	 */
	private static List<HostileToken> tokens(HostileTokens.Issuer issuer, List<String> otherAlgorithms) {
		List<HostileToken> tokens = new ArrayList<>(HostileTokenServletTests.sample(HostileTokens.corpus(issuer)));
		Random random = new Random(SEED);
		long now = CLOCK.instant().getEpochSecond();
		for (int i = 0; i < SIGNED; i++) {
			Map<String, String> claims = new LinkedHashMap<>();
			claims.put("exp", Long.toString(now + random.nextInt(1200) - 600));
			if (random.nextBoolean()) {
				claims.put("nbf", Long.toString(now + random.nextInt(60) - 30));
			}
			claims.put("iat", Long.toString(now - random.nextInt(600) - 700));
			String algorithm = (random.nextInt(4) == 0) ? otherAlgorithms.get(random.nextInt(otherAlgorithms.size()))
					: issuer.algorithm();
			String signed = issuer.sign(HostileTokens.header(algorithm, issuer.kid()), issuer.claims(claims));
			tokens.add(new HostileToken("generated", signed));
			tokens.add(new HostileToken("generated-claims-swapped",
					swapPayload(signed, issuer.claims(Map.of("sub", TestIssuers.quote("someone-else"))))));
			for (int j = 0; j < TAMPERED_PER_SIGNED; j++) {
				tokens.add(new HostileToken("generated-tampered", tamper(signed, random)));
			}
		}
		return tokens;
	}

	/** One base64url character of the payload or signature changed. */
	private static String tamper(String token, Random random) {
		int start = token.indexOf('.') + 1;
		int at = start + random.nextInt(token.length() - start);
		if (token.charAt(at) == '.') {
			at++;
		}
		char replacement = (token.charAt(at) == 'A') ? 'B' : 'A';
		return token.substring(0, at) + replacement + token.substring(at + 1);
	}

	private static String swapPayload(String token, String payload) {
		String[] parts = token.split("\\.");
		return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
				+ "." + parts[2];
	}

	private static Outcomes compare(String name, List<HostileToken> tokens, JwtDecoder ours, JwtDecoder nimbus,
			Predicate<String> deliberate) {
		long start = System.nanoTime();
		Outcomes outcomes = new Outcomes();
		List<String> disagreements = new ArrayList<>();
		for (HostileToken token : tokens) {
			Jwt mine = decode(ours, token.token());
			Jwt theirs = decode(nimbus, token.token());
			if (mine != null && theirs != null) {
				outcomes.acceptedByBoth++;
				if (!mine.getClaims().equals(theirs.getClaims()) || !mine.getHeaders().equals(theirs.getHeaders())) {
					disagreements.add(token + ": other claims or headers");
				}
			}
			else if (mine == null && theirs == null) {
				outcomes.refusedByBoth++;
			}
			else if (mine != null) {
				disagreements.add(token + ": accepted by ours only");
			}
			else if (deliberate.test(token.token())) {
				outcomes.refusedByOursOnly++;
			}
			else {
				disagreements.add(token + ": refused by ours only");
			}
		}
		System.out.println(name + ": " + tokens.size() + " tokens in " + Duration.ofNanos(System.nanoTime() - start).toMillis()
				+ " ms, " + outcomes);
		assertThat(tokens).hasSizeGreaterThanOrEqualTo(10_000);
		assertThat(disagreements).as(name).isEmpty();
		return outcomes;
	}

	private static Jwt decode(JwtDecoder decoder, String token) {
		try {
			return decoder.decode(token);
		}
		catch (JwtException ex) {
			return null;
		}
	}

	/**
	 * Refused on purpose before the Nimbus steps by every provider: not the canonical compact
	 * form (Nimbus decodes base64url leniently), a time claim too large to be a date (Nimbus wraps
	 * it around), no {@code kid} (both providers name their keys), a {@code typ} other than
	 * {@code JWT} (Nimbus's own default, which Spring's decoder builders switch off).
	 */
	private static boolean deliberate(String token) {
		if (!JwtForm.isCompactJws(token)) {
			return true;
		}
		try {
			String[] parts = token.split("\\.");
			JWSHeader header = JWSHeader.parse(new Base64URL(parts[0]));
			if (header.getKeyID() == null) {
				return true;
			}
			if (header.getType() != null && !"JWT".equals(header.getType().getType())) {
				return true;
			}
			Map<String, Object> payload = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
			return JwtForm.timeClaimOutOfRange(payload) != null;
		}
		catch (java.text.ParseException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Also Clerk's header and token-type rules of {@code @clerk/backend}: no foreign {@code cat},
	 * machine subjects routed away from session tokens.
	 */
	private static boolean clerkDeliberate(String token) {
		if (deliberate(token)) {
			return true;
		}
		try {
			String[] parts = token.split("\\.");
			Map<String, Object> header = JSONObjectUtils.parse(new Base64URL(parts[0]).decodeToString());
			Object cat = header.get("cat");
			Map<String, Object> payload = JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString());
			return cat != null
					|| String.valueOf(payload.get("sub")).startsWith("mch_");
		}
		catch (java.text.ParseException | RuntimeException ex) {
			return false;
		}
	}

	private static boolean supabaseDeliberate(String token) {
		return deliberate(token);
	}

	private static final class Outcomes {

		int acceptedByBoth;

		int refusedByBoth;

		int refusedByOursOnly;

		@Override
		public String toString() {
			return this.acceptedByBoth + " accepted by both, " + this.refusedByBoth + " refused by both, "
					+ this.refusedByOursOnly + " refused by ours only on purpose";
		}

	}

}
