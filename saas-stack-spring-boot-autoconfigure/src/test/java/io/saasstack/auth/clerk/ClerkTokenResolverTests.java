package io.saasstack.auth.clerk;

import java.util.Map;

import io.saasstack.Vectors;
import org.junit.jupiter.api.Test;
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

	@Test
	void requestTokenExtractionVector() {
		JsonNode cases = Vectors.load("/vectors/clerk-request-token-extraction.json").get(0).get("input").get("cases");
		assertThat(cases.size()).isEqualTo(6);
		for (JsonNode example : cases) {
			String authorization = example.path("authorization").isString() ? example.get("authorization").asString()
					: null;
			Map<String, String> cookies = ClerkTokenResolver
				.parseCookieHeader(example.has("cookie") ? example.get("cookie").asString() : null);
			for (ClerkTokenResolver resolver : new ClerkTokenResolver[] { new ClerkTokenResolver(), this.resolver }) {
				ClerkTokenResolver.Token token = resolver.resolve(authorization, cookies);
				if (example.get("expectedToken").isNull()) {
					assertThat(token).as(example.toString()).isNull();
				}
				else {
					assertThat(token).as(example.toString()).isNotNull();
					assertThat(token.value()).isEqualTo(example.get("expectedToken").asString());
					if (example.has("expectedCarrier")) {
						assertThat(token.carrier().name())
							.isEqualToIgnoringCase(example.get("expectedCarrier").asString());
					}
				}
			}
		}
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
