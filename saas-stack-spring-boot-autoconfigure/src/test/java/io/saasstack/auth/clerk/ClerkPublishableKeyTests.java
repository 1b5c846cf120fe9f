package io.saasstack.auth.clerk;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.saasstack.Vectors;
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

	@ParameterizedTest(name = "{0}")
	@MethodSource("publishableKey")
	void publishableKeyVector(String publishableKey, JsonNode vector) {
		JsonNode expected = vector.get("expected");
		ClerkPublishableKey key = ClerkPublishableKey.parse(publishableKey);
		assertThat(key.value()).isEqualTo(publishableKey);
		assertThat(key.instanceType()).isEqualTo(expected.get("instanceType").asString());
		assertThat(key.frontendApi()).isEqualTo(expected.get("frontendApi").asString());
		assertThat(key.issuer()).isEqualTo(expected.get("expectedIssuer").asString());
		assertThat(key.frontendJwksUrl()).isEqualTo(expected.get("frontendJwksUrl").asString());
		assertThat(key.cookieSuffix()).isEqualTo(expected.get("cookieSuffix").asString());
		assertThat(key.suffixedSessionCookie()).isEqualTo(expected.get("suffixedSessionCookie").asString());
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
