package io.saasstack.auth.autoconfigure;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * Clerk-style session tokens signed with a test key, valid or broken in one way each.
 */
final class AuthTokens {

	static final String ISSUER = "https://clerk.example.test";

	static final String AZP = "https://app.example.test";

	static final RSAKey KEY = generate();

	private AuthTokens() {
	}

	static String pem() {
		try {
			return "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.toRSAPublicKey().getEncoded())
					+ "\n-----END PUBLIC KEY-----";
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject("user_2abc")
			.claim("sid", "sess_1")
			.claim("azp", AZP)
			.claim("v", 2)
			.claim("o", Map.of("id", "org_1", "slg", "acme", "rol", "admin", "per", "read", "fpm", "1"))
			.claim("fea", "o:invoices")
			.issueTime(Date.from(now.minusSeconds(5)))
			.notBeforeTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plusSeconds(55)));
	}

	static String sign(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID())
				.type(JOSEObjectType.JWT)
				.build(), claims);
			jwt.sign(new RSASSASigner(KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String valid() {
		return sign(claims().build());
	}

	static String expired() {
		Instant now = Instant.now();
		return sign(claims().issueTime(Date.from(now.minusSeconds(120)))
			.notBeforeTime(Date.from(now.minusSeconds(120)))
			.expirationTime(Date.from(now.minusSeconds(60)))
			.build());
	}

	static String notYetValid() {
		Instant now = Instant.now();
		return sign(claims().issueTime(Date.from(now))
			.notBeforeTime(Date.from(now.plusSeconds(60)))
			.expirationTime(Date.from(now.plusSeconds(120)))
			.build());
	}

	static String wrongIssuer() {
		return sign(claims().issuer("https://evil.example.test").build());
	}

	static String wrongAzp() {
		return sign(claims().claim("azp", "https://evil.example.test").build());
	}

	static String algNone() {
		return new PlainJWT(claims().build()).serialize();
	}

	/** HS256 with the public key's bytes as the secret: the classic key-confusion attack. */
	static String hs256WithPublicKey() {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KEY.getKeyID()).build(),
					claims().build());
			jwt.sign(new MACSigner(pem().getBytes()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey generate() {
		try {
			return new RSAKeyGenerator(2048).keyID("ins_test").keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
