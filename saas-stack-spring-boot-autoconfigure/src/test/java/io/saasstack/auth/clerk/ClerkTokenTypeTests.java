package io.saasstack.auth.clerk;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import io.saasstack.Vectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClerkTokenType}, including the {@code clerk/token-type-routing} vector.
 */
class ClerkTokenTypeTests {

	@Test
	void tokenTypeRoutingVector() {
		JsonNode vector = Vectors.load("/vectors/clerk-token-type-routing.json").get(0);
		JsonNode cases = vector.get("input").get("cases");
		assertThat(cases.size()).isEqualTo(6);
		for (JsonNode example : cases) {
			String description = example.get("token").asString();
			String token = switch (description) {
				case "JWT with sub starting \"mch_\"" -> TestTokens.token((c) -> c.subject("mch_123"));
				case "JWT with header typ \"at+jwt\" or \"application/at+jwt\"" -> TestTokens.token(TestTokens.KEY,
						JWSAlgorithm.RS256, (header) -> header.type(new JOSEObjectType("at+jwt")),
						TestTokens.claims().build());
				case "any other JWT" -> TestTokens.token();
				default -> description;
			};
			assertThat(ClerkTokenType.of(token).name()).as(description)
				.isEqualToIgnoringCase(example.get("type").asString());
		}
		assertThat(vector.get("input").get("defaultAcceptsToken").get("@clerk/backend").asString())
			.isEqualTo("session_token");
	}

	@Test
	void applicationAtJwtIsAnOAuthToken() {
		String token = TestTokens.token(TestTokens.KEY, JWSAlgorithm.RS256,
				(header) -> header.type(new JOSEObjectType("application/at+jwt")), TestTokens.claims().build());
		assertThat(ClerkTokenType.of(token)).isEqualTo(ClerkTokenType.OAUTH_TOKEN);
	}

	@Test
	void anythingElseIsASessionToken() {
		assertThat(ClerkTokenType.of("garbage")).isEqualTo(ClerkTokenType.SESSION_TOKEN);
		assertThat(ClerkTokenType.of("")).isEqualTo(ClerkTokenType.SESSION_TOKEN);
	}

}
