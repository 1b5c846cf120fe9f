package io.saasstack.auth.clerk;

import com.nimbusds.jose.jwk.RSAKey;
import io.saasstack.Vectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClerkPemKey}, including the {@code clerk/pem-to-jwk} vector.
 */
class ClerkPemKeyTests {

	@Test
	void pemToJwkVector() {
		JsonNode vector = Vectors.load("/vectors/clerk-pem-to-jwk.json").get(0);
		JsonNode expected = vector.get("expected");
		RSAKey key = ClerkPemKey.parse(vector.get("input").get("pem").asString());
		assertThat(key.getKeyType().getValue()).isEqualTo(expected.get("kty").asString());
		assertThat(key.getAlgorithm().getName()).isEqualTo(expected.get("alg").asString());
		assertThat(key.getPublicExponent().toString()).isEqualTo(expected.get("e").asString());
		assertThat(key.getModulus().toString()).isEqualTo(expected.get("n").asString());
	}

	@Test
	void acceptsEscapedLineBreaks() {
		String pem = Vectors.load("/vectors/clerk-pem-to-jwk.json").get(0).get("input").get("pem").asString();
		assertThat(ClerkPemKey.parse(pem.replace("\n", "\\n"))).isEqualTo(ClerkPemKey.parse(pem));
	}

	@Test
	void acceptsAnyRsaKeySize() {
		RSAKey key = TestTokens.KEY;
		assertThat(ClerkPemKey.parse(TestTokens.pem(key)).getModulus()).isEqualTo(key.getModulus());
	}

	@Test
	void rejectsOtherValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClerkPemKey.parse("not a key"))
			.withMessageContaining("PEM-encoded RSA public key");
	}

}
