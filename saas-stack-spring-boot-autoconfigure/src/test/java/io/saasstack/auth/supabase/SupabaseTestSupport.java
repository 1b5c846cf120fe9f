package io.saasstack.auth.supabase;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import org.jspecify.annotations.Nullable;

/**
 * Keys, tokens and clients of the Supabase tests.
 */
final class SupabaseTestSupport {

	static final URI PROJECT_URL = URI.create("https://abcdefghijklmnopqrst.supabase.co");

	static final String ISSUER = "https://abcdefghijklmnopqrst.supabase.co/auth/v1";

	static final String PUBLISHABLE_KEY = "sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH";

	static final String JWT_SECRET = "test-jwt-secret-with-at-least-32-characters";

	static final String USER_ID = "123e4567-e89b-12d3-a456-426614174000";

	static final String SESSION_ID = "0f6a3c1e-5b2d-4e8f-9a7c-1d2e3f4a5b6c";

	static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	static final ECKey EC_KEY = generateEc("ec-1");

	static final RSAKey RSA_KEY = generateRsa("rsa-1");

	private SupabaseTestSupport() {
	}

	static ECKey generateEc(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static RSAKey generateRsa(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The JWKS body publishing the public halves of the keys. */
	static String jwks(JWK... keys) {
		return new JWKSet(List.of(keys)).toPublicJWKSet().toString();
	}

	static SaasHttpClient http(String baseUrl, @Nullable String apiKey) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(baseUrl)) {
		};
		properties.getRetry().setMaxAttempts(1);
		return SupabaseHttpClients.httpClient(SaasHttpClientFactory.standalone(), properties, apiKey);
	}

	/** The claims of a valid access token at {@link #NOW}. */
	static JWTClaimsSet.Builder claims() {
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(USER_ID)
			.audience("authenticated")
			.issueTime(Date.from(NOW.minusSeconds(60)))
			.expirationTime(Date.from(NOW.plusSeconds(3540)))
			.claim("email", "user@example.com")
			.claim("phone", "")
			.claim("role", "authenticated")
			.claim("aal", "aal1")
			.claim("session_id", SESSION_ID)
			.claim("is_anonymous", false)
			.claim("app_metadata", Map.of("provider", "email", "providers", List.of("email")))
			.claim("user_metadata", Map.of("name", "John Doe"));
	}

	static String es256(JWTClaimsSet claims) {
		return sign(JWSAlgorithm.ES256, EC_KEY.getKeyID(), signer(EC_KEY), claims);
	}

	static String rs256(JWTClaimsSet claims) {
		return sign(JWSAlgorithm.RS256, RSA_KEY.getKeyID(), signer(RSA_KEY), claims);
	}

	static String hs256(byte[] secret, JWTClaimsSet claims) {
		try {
			return sign(JWSAlgorithm.HS256, null, new MACSigner(secret), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String hs256(String secret, JWTClaimsSet claims) {
		return hs256(secret.getBytes(StandardCharsets.UTF_8), claims);
	}

	static JWSSigner signer(JWK key) {
		try {
			return (key instanceof ECKey ec) ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sign(JWSAlgorithm algorithm, @Nullable String kid, JWSSigner signer, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(signer);
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static SupabaseJwtVerifier.Builder verifier(String baseUrl, Clock clock, Consumer<SupabaseJwtVerifier.Builder> customizer) {
		SupabaseJwtVerifier.Builder builder = SupabaseJwtVerifier.builder(http(baseUrl, PUBLISHABLE_KEY), PROJECT_URL)
			.clock(clock);
		customizer.accept(builder);
		return builder;
	}

	/** A clock the test moves. */

}
