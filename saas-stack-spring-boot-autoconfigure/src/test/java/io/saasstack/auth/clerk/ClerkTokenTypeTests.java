package io.saasstack.auth.clerk;

import java.util.stream.Stream;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
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

/**
 * Tests for {@link ClerkTokenType}, including the {@code clerk/token-type-routing} vector.
 */
class ClerkTokenTypeTests {

	static final VectorRuns RUNS = new VectorRuns();

	static Stream<Arguments> tokenTypeRouting() {
		return Vectors.arguments("/vectors/clerk-token-type-routing.json");
	}

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(tokenTypeRouting()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokenTypeRouting")
	void tokenTypeRoutingVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			// the expectation is each case's type
			assertThat(v.require("expected").asString()).isEqualTo("see cases");
			int cases = v.size("input.cases");
			assertThat(cases).as("cases of %s", name).isPositive();
			for (int i = 0; i < cases; i++) {
				String base = "input.cases." + i;
				String description = v.require(base + ".token").asString();
				String token = switch (description) {
					case "JWT with sub starting \"mch_\"" -> TestTokens.token((c) -> c.subject("mch_123"));
					case "JWT with header typ \"at+jwt\" or \"application/at+jwt\"" -> TestTokens.token(TestTokens.KEY,
							JWSAlgorithm.RS256, (header) -> header.type(new JOSEObjectType("at+jwt")),
							TestTokens.claims().build());
					case "any other JWT" -> TestTokens.token();
					default -> description;
				};
				assertThat(ClerkTokenType.of(token).name()).as(description)
					.isEqualToIgnoringCase(v.require(base + ".type").asString());
				v.ignore(base + ".verify", "how @clerk/backend verifies that type; we route by type only, and verify "
						+ "session tokens (ClerkTokenVerifierTests), refusing the others by type");
			}
			// our default is @clerk/backend's: session tokens only
			String accepted = v.require("input.defaultAcceptsToken.@clerk/backend").asString();
			assertThat(accepted).isEqualTo("session_token");
			assertThat(ClerkTokenType.SESSION_TOKEN.name()).isEqualToIgnoringCase(accepted);
			v.ignore("input.defaultAcceptsToken.clerk-sdk-java",
					"the Java SDK accepts every type by default; we follow @clerk/backend");
		});
		RUNS.ran(name);
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
