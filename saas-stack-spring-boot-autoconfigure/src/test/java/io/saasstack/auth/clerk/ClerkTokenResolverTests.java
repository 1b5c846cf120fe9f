package io.saasstack.auth.clerk;

import java.util.Map;
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

/**
 * Tests for {@link ClerkTokenResolver}, including the {@code clerk/request-token-extraction} vector.
 */
class ClerkTokenResolverTests {

	static final ClerkPublishableKey PK_TEST = ClerkPublishableKey
		.parse("pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA");

	/** Signed for the pk_test instance (iss https://clerk.inspired.puma-74.lcl.dev). */
	static final String INSTANCE_TOKEN = TestTokens.token();

	private final ClerkTokenResolver resolver = new ClerkTokenResolver(PK_TEST, TestTokens.CLOCK);

	static final VectorRuns RUNS = new VectorRuns();

	static Stream<Arguments> requestTokenExtraction() {
		return Vectors.arguments("/vectors/clerk-request-token-extraction.json");
	}

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(requestTokenExtraction()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("requestTokenExtraction")
	void requestTokenExtractionVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			// the expectation is each case's expectedToken
			assertThat(v.require("expected").asString()).isEqualTo("see expectedToken per case");
			int cases = v.size("input.cases");
			assertThat(cases).as("cases of %s", name).isPositive();
			for (int i = 0; i < cases; i++) {
				String base = "input.cases." + i;
				JsonNode authorizationNode = v.get(base + ".authorization");
				String authorization = authorizationNode.isString() ? authorizationNode.asString() : null;
				Map<String, String> cookies = ClerkTokenResolver.parseCookieHeader(v.text(base + ".cookie"));
				JsonNode expectedToken = v.get(base + ".expectedToken");
				assertThat(expectedToken.isMissingNode()).as("%s has an expectedToken", base).isFalse();
				String carrier = v.text(base + ".expectedCarrier");
				v.ignore(base + ".note", "prose explaining the case; its outcome is expectedToken");
				for (ClerkTokenResolver resolver : new ClerkTokenResolver[] { new ClerkTokenResolver(), this.resolver }) {
					ClerkTokenResolver.Token token = resolver.resolve(authorization, cookies);
					if (expectedToken.isNull()) {
						assertThat(token).as(base).isNull();
					}
					else {
						assertThat(token).as(base).isNotNull();
						assertThat(token.value()).isEqualTo(expectedToken.asString());
						if (carrier != null) {
							assertThat(token.carrier().name()).isEqualToIgnoringCase(carrier);
						}
					}
				}
			}
		});
		RUNS.ran(name);
	}

	@Test
	void followsTheSplitOfTheJsSdk() {
		assertThat(ClerkTokenResolver.fromHeader("Bearer a b")).isEqualTo("a");
		assertThat(ClerkTokenResolver.fromHeader("Bearer ")).isEqualTo("Bearer");
		assertThat(ClerkTokenResolver.fromHeader(" x")).isNull();
		assertThat(ClerkTokenResolver.fromHeader("")).isNull();
		assertThat(ClerkTokenResolver.fromHeader(null)).isNull();
	}

	@Test
	void prefersTheSuffixedCookieWhenTheUnsuffixedOneBelongsToAnotherInstance() {
		String foreign = TestTokens.token((c) -> c.issuer("https://clerk.other.example"));
		Map<String, String> cookies = Map.of("__session", foreign, "__session_vWCgMp3A", INSTANCE_TOKEN);
		assertThat(this.resolver.resolveToken(null, cookies)).isEqualTo(INSTANCE_TOKEN);
		assertThat(new ClerkTokenResolver().resolveToken(null, cookies)).isEqualTo(foreign);
	}

	@Test
	void keepsTheNewerUnsuffixedSession() {
		// JS: both signed in, un-suffixed newer -> un-suffixed (the divergence vector's cookie case)
		Map<String, String> cookies = ClerkTokenResolver
			.parseCookieHeader("__session_vWCgMp3A=garbage; __session=" + INSTANCE_TOKEN);
		assertThat(this.resolver.resolveToken(null, cookies)).isEqualTo(INSTANCE_TOKEN);
	}

	@Test
	void usesTheSuffixedSessionWhenItIsTheOnlyOne() {
		Map<String, String> cookies = Map.of("__session_vWCgMp3A", INSTANCE_TOKEN, "__client_uat_vWCgMp3A", "1");
		assertThat(this.resolver.resolve(null, cookies)).isEqualTo(new ClerkTokenResolver.Token(INSTANCE_TOKEN,
				ClerkTokenResolver.Carrier.COOKIE));
	}

	@Test
	void trustsTheUnsuffixedSessionWhenTheSuffixedClientIsSignedOut() {
		String older = TestTokens.token((c) -> c.issueTime(java.util.Date.from(TestTokens.NOW.minusSeconds(30))));
		Map<String, String> cookies = Map.of("__session", older, "__client_uat", "1", "__session_vWCgMp3A",
				INSTANCE_TOKEN, "__client_uat_vWCgMp3A", "0");
		assertThat(this.resolver.resolveToken(null, cookies)).isEqualTo(older);
	}

	@Test
	void ignoresAnUnsuffixedSessionWithoutIssuer() {
		String noIssuer = TestTokens.token((c) -> c.issuer(null));
		Map<String, String> cookies = Map.of("__session", noIssuer, "__session_vWCgMp3A", INSTANCE_TOKEN);
		assertThat(this.resolver.resolveToken(null, cookies)).isEqualTo(noIssuer);
	}

	@Test
	void parsesCookieHeaders() {
		assertThat(ClerkTokenResolver.parseCookieHeader("a=1; b=\"2\"; a=3; broken; =x"))
			.containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
		assertThat(ClerkTokenResolver.parseCookieHeader(null)).isEmpty();
	}

	@Test
	void noTokenAtAll() {
		assertThat(this.resolver.resolve(null, Map.of())).isNull();
		assertThat(this.resolver.resolve("Basic abc", Map.of("__session", ""))).isNull();
	}

	@Test
	void tokenToStringHidesTheValue() {
		assertThat(new ClerkTokenResolver.Token("secret.token.value", ClerkTokenResolver.Carrier.HEADER).toString())
			.doesNotContain("secret");
	}

}
