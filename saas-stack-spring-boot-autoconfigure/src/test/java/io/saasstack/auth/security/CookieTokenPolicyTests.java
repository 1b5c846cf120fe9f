package io.saasstack.auth.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CookieTokenPolicy}.
 */
class CookieTokenPolicyTests {

	private final CookieTokenPolicy policy = CookieTokenPolicy
		.trusting(List.of("https://App.Example.com:443/", "not an origin", "https://app.example.com/path"));

	@Test
	void safeMethodsAlwaysUseCookies() {
		for (String method : List.of("GET", "head", "OPTIONS", "TRACE")) {
			assertThat(this.policy.cookiesAllowed(method, "https://evil.example", "cross-site", "https://api.test"))
				.isTrue();
		}
	}

	@Test
	void unsafeMethodsNeedTheBrowserToSayTheRequestIsSameOrigin() {
		for (String method : List.of("POST", "PUT", "PATCH", "DELETE", "PROPFIND")) {
			assertThat(this.policy.cookiesAllowed(method, "https://evil.example", "cross-site", "https://api.test"))
				.isFalse();
			assertThat(this.policy.cookiesAllowed(method, null, null, "https://api.test")).isFalse();
			assertThat(this.policy.cookiesAllowed(method, null, "same-site", "https://api.test")).isFalse();
			assertThat(this.policy.cookiesAllowed(method, null, "Same-Origin", "https://api.test")).isTrue();
			assertThat(this.policy.cookiesAllowed(method, null, "none", "https://api.test")).isTrue();
		}
	}

	@Test
	void originMustBeTheRequestsOwnOrATrustedOne() {
		assertThat(this.policy.cookiesAllowed("POST", "https://api.test", null, "https://api.test:443")).isTrue();
		assertThat(this.policy.cookiesAllowed("POST", "http://api.test", null, "https://api.test:443")).isFalse();
		assertThat(this.policy.cookiesAllowed("POST", "https://api.test:8443", null, "https://api.test")).isFalse();
		assertThat(this.policy.cookiesAllowed("POST", "https://app.example.com", "same-site", "https://api.test"))
			.isTrue();
		assertThat(this.policy.cookiesAllowed("POST", "https://app.example.com.evil.example", null, "https://api.test"))
			.isFalse();
		assertThat(this.policy.cookiesAllowed("POST", "null", null, "https://api.test")).isFalse();
		assertThat(CookieTokenPolicy.SAME_ORIGIN.cookiesAllowed("POST", "https://app.example.com", null,
				"https://api.test")).isFalse();
	}

	@Test
	void toStringListsTheTrustedOrigins() {
		assertThat(this.policy).hasToString("CookieTokenPolicy[same origin, [https://app.example.com]]");
		assertThat(CookieTokenPolicy.SAME_ORIGIN).hasToString("CookieTokenPolicy[same origin]");
	}

}
