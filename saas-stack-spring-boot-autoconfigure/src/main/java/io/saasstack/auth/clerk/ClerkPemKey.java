package io.saasstack.auth.clerk;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.util.Assert;

/**
 * The instance's PEM public key ("JWKS Public Key" of the dashboard, {@code CLERK_JWT_KEY}) as
 * an RSA JWK, to verify session tokens without any network call (vector {@code clerk/pem-to-jwk}).
 * Read by Spring Security's {@link RsaKeyConverters#x509()}, so any RSA key size works (the JS SDK
 * assumes RSA-2048).
 *
 * @since 0.1.0
 */
public final class ClerkPemKey {

	private static final String HEADER = "-----BEGIN PUBLIC KEY-----";

	private static final String FOOTER = "-----END PUBLIC KEY-----";

	private ClerkPemKey() {
	}

	/**
	 * Parses a {@code -----BEGIN PUBLIC KEY-----} block; line breaks, blanks and literal
	 * {@code \n} sequences (from environment variables) are ignored.
	 * @throws IllegalArgumentException if the value is not an RSA public key
	 */
	public static RSAKey parse(String pem) {
		Assert.hasText(pem, "pem must not be empty");
		try {
			RSAPublicKey key = RsaKeyConverters.x509()
				.convert(new ByteArrayInputStream(canonical(pem).getBytes(StandardCharsets.US_ASCII)));
			Assert.state(key != null, "no key");
			return new RSAKey.Builder(key).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"The Clerk JWT key is not a PEM-encoded RSA public key (-----BEGIN PUBLIC KEY-----)", ex);
		}
	}

	// the converter wants the header and footer on lines of their own and the base64 lines bare,
	// while environment variables and YAML flatten or indent the block
	private static String canonical(String pem) {
		String lines = pem.replace("\\n", "\n").replace(HEADER, "\n" + HEADER + "\n").replace(FOOTER, "\n" + FOOTER + "\n");
		return lines.lines()
			.map(String::strip)
			.filter((line) -> !line.isEmpty())
			.map((line) -> (line.equals(HEADER) || line.equals(FOOTER)) ? line : line.replaceAll("\\s", ""))
			.collect(Collectors.joining("\n"));
	}

}
