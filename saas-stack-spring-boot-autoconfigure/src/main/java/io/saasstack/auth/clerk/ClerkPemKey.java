package io.saasstack.auth.clerk;

import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.util.Assert;

/**
 * The instance's PEM public key ("JWKS Public Key" of the dashboard, {@code CLERK_JWT_KEY}) as
 * an RSA JWK, to verify session tokens without any network call (vector {@code clerk/pem-to-jwk}).
 * The X.509 SubjectPublicKeyInfo is parsed with the JDK, so any RSA key size works (the JS SDK
 * assumes RSA-2048).
 *
 * @since 0.1.0
 */
public final class ClerkPemKey {

	private ClerkPemKey() {
	}

	/**
	 * Parses a {@code -----BEGIN PUBLIC KEY-----} block; line breaks, blanks and literal
	 * {@code \n} sequences (from environment variables) are ignored.
	 * @throws IllegalArgumentException if the value is not an RSA public key
	 */
	public static RSAKey parse(String pem) {
		Assert.hasText(pem, "pem must not be empty");
		String base64 = pem.replace("\\n", "")
			.replace("-----BEGIN PUBLIC KEY-----", "")
			.replace("-----END PUBLIC KEY-----", "")
			.replaceAll("\\s", "");
		try {
			RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
			return new RSAKey.Builder(key).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
		}
		catch (Exception ex) {
			throw new IllegalArgumentException(
					"The Clerk JWT key is not a PEM-encoded RSA public key (-----BEGIN PUBLIC KEY-----)", ex);
		}
	}

}
