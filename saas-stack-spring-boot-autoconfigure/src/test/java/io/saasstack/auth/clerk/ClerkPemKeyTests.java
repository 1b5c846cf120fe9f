package io.saasstack.auth.clerk;

import java.util.stream.Stream;

import com.nimbusds.jose.jwk.RSAKey;
import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClerkPemKey}, including the {@code clerk/pem-to-jwk} vector.
 */
class ClerkPemKeyTests {

	static final String VECTORS = "/vectors/clerk-pem-to-jwk.json";

	static final VectorRuns RUNS = new VectorRuns();

	static Stream<Arguments> pemToJwk() {
		return Vectors.arguments(VECTORS);
	}

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(pemToJwk()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pemToJwk")
	void pemToJwkVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			RSAKey key = ClerkPemKey.parse(v.require("input.pem").asString());
			assertThat(key.getKeyType().getValue()).isEqualTo(v.require("expected.kty").asString());
			assertThat(key.getAlgorithm().getName()).isEqualTo(v.require("expected.alg").asString());
			assertThat(key.getPublicExponent().toString()).isEqualTo(v.require("expected.e").asString());
			assertThat(key.getModulus().toString()).isEqualTo(v.require("expected.n").asString());
		});
		RUNS.ran(name);
	}

	@Test
	void acceptsEscapedLineBreaks() {
		String pem = Vectors.load(VECTORS).get(0).get("input").get("pem").asString();
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
