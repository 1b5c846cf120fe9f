package io.saasstack.auth.clerk;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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
 * Tests for {@link ClerkPublishableKey}, including the {@code clerk/publishable-key} vectors.
 */
class ClerkPublishableKeyTests {

	static Stream<Arguments> publishableKey() {
		List<Arguments> arguments = new ArrayList<>();
		for (JsonNode vector : Vectors.load("/vectors/clerk-publishable-key.json")) {
			arguments.add(Arguments.of(vector.get("input").get("publishableKey").asString(), vector));
		}
		return arguments.stream();
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(publishableKey()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishableKey")
	void publishableKeyVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			String publishableKey = v.require("input.publishableKey").asString();
			ClerkPublishableKey key = ClerkPublishableKey.parse(publishableKey);
			assertThat(key.value()).isEqualTo(publishableKey);
			assertThat(key.instanceType()).isEqualTo(v.require("expected.instanceType").asString());
			assertThat(key.frontendApi()).isEqualTo(v.require("expected.frontendApi").asString());
			assertThat(key.issuer()).isEqualTo(v.require("expected.expectedIssuer").asString());
			assertThat(key.frontendJwksUrl()).isEqualTo(v.require("expected.frontendJwksUrl").asString());
			assertThat(key.cookieSuffix()).isEqualTo(v.require("expected.cookieSuffix").asString());
			assertThat(key.suffixedSessionCookie()).isEqualTo(v.require("expected.suffixedSessionCookie").asString());
		});
		RUNS.ran(name);
	}

	@Test
	void rejectsOtherValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> ClerkPublishableKey.parse("sk_test_abc"));
		assertThatIllegalArgumentException().isThrownBy(() -> ClerkPublishableKey.parse("pk_test_!!!"));
		// base64 of "clerk.example.com" without the trailing $
		assertThatIllegalArgumentException().isThrownBy(() -> ClerkPublishableKey.parse("pk_test_Y2xlcmsuZXhhbXBsZS5jb20"));
	}

	@Test
	void equalityFollowsTheValue() {
		String value = "pk_live_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
		assertThat(ClerkPublishableKey.parse(value)).isEqualTo(ClerkPublishableKey.parse(value))
			.hasSameHashCodeAs(ClerkPublishableKey.parse(value));
		assertThat(ClerkPublishableKey.parse(value)).hasToString("ClerkPublishableKey[production clerk.inspired.puma-74.lcl.dev]");
	}

}
