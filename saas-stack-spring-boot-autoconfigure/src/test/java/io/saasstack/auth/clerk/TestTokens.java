package io.saasstack.auth.clerk;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Session tokens signed with a test RSA key, the fixed "now" of the tests and their verifiers.
 */
final class TestTokens {

	static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static final String ISSUER = "https://clerk.inspired.puma-74.lcl.dev";

	static final String AZP = "https://app.example.com";

	static final RSAKey KEY = generate("ins_test_1");

	static final RSAKey OTHER_KEY = generate("ins_test_2");

	private TestTokens() {
	}

	static RSAKey generate(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String pem(RSAKey key) {
		try {
			return "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.toRSAPublicKey().getEncoded())
					+ "\n-----END PUBLIC KEY-----";
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Standard session claims: sub, sid, iss, azp, iat = nbf = now - 10 s, exp = now + 50 s. */
	static JWTClaimsSet.Builder claims() {
		return new JWTClaimsSet.Builder().subject("user_123")
			.claim("sid", "sess_123")
			.issuer(ISSUER)
			.claim("azp", AZP)
			.issueTime(Date.from(NOW.minusSeconds(10)))
			.notBeforeTime(Date.from(NOW.minusSeconds(10)))
			.expirationTime(Date.from(NOW.plusSeconds(50)));
	}

	static String token() {
		return token(KEY, JWSAlgorithm.RS256, (header) -> {
		}, claims().build());
	}

	static String token(Consumer<JWTClaimsSet.Builder> claims) {
		JWTClaimsSet.Builder builder = claims();
		claims.accept(builder);
		return token(KEY, JWSAlgorithm.RS256, (header) -> {
		}, builder.build());
	}

	static String token(RSAKey key, JWSAlgorithm algorithm, Consumer<JWSHeader.Builder> header,
			JWTClaimsSet claims) {
		JWSHeader.Builder headerBuilder = new JWSHeader.Builder(algorithm).keyID(key.getKeyID())
			.type(JOSEObjectType.JWT);
		header.accept(headerBuilder);
		SignedJWT jwt = new SignedJWT(headerBuilder.build(), claims);
		try {
			jwt.sign(new RSASSASigner(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	static String jwks(RSAKey... keys) {
		StringBuilder json = new StringBuilder("{\"keys\":[");
		for (int i = 0; i < keys.length; i++) {
			json.append((i > 0) ? "," : "").append(keys[i].toPublicJWK().toJSONString());
		}
		return json.append("]}").toString();
	}

	static Map<String, Object> sessionClaims() {
		return claims().build().toJSONObject();
	}

}
