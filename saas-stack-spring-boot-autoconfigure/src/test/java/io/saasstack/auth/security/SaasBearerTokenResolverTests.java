package io.saasstack.auth.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What the servlet resolver hands its {@link TokenExtractor}: the {@code Authorization} header
 * always, the cookies only when the {@link CookieTokenPolicy} allows them for the request.
 */
class SaasBearerTokenResolverTests {

	private final List<Object> seen = new ArrayList<>();

	/** Returns what it was given, so that the tests see the header and cookies passed on. */
	private final TokenExtractor recording = (authorization, cookies) -> {
		this.seen.add(authorization);
		this.seen.add(cookies);
		return (authorization != null) ? "from-header" : cookies.get("__session");
	};

	@Test
	void theHeaderIsPassedOnForEveryMethod() {
		SaasBearerTokenResolver resolver = new SaasBearerTokenResolver(this.recording);
		MockHttpServletRequest request = request("POST");
		request.addHeader("Authorization", "Bearer abc");
		assertThat(resolver.resolve(request)).isEqualTo("from-header");
		assertThat(this.seen).containsExactly("Bearer abc", Map.of());
	}

	@Test
	void cookiesOfASafeRequestArePassedOnTheFirstOfEachNameKept() {
		MockHttpServletRequest request = request("GET");
		request.setCookies(new Cookie("__session", "first"), new Cookie("__session", "second"), new Cookie("theme", "dark"));
		assertThat(new SaasBearerTokenResolver(this.recording).resolve(request)).isEqualTo("first");
		assertThat(this.seen).containsExactly(null, Map.of("__session", "first", "theme", "dark"));
	}

	@Test
	void cookiesOfACrossSiteUnsafeRequestAreNotPassedOn() {
		MockHttpServletRequest request = request("POST");
		request.addHeader("Origin", "https://evil.example");
		request.addHeader("Sec-Fetch-Site", "cross-site");
		request.setCookies(new Cookie("__session", "victim"));
		assertThat(new SaasBearerTokenResolver(this.recording).resolve(request)).isNull();
		assertThat(this.seen).containsExactly(null, Map.of());
	}

	@Test
	void cookiesOfAnUnsafeRequestWithoutOriginOrFetchSiteAreNotPassedOn() {
		MockHttpServletRequest request = request("DELETE");
		request.setCookies(new Cookie("__session", "victim"));
		assertThat(new SaasBearerTokenResolver(this.recording).resolve(request)).isNull();
	}

	@Test
	void cookiesOfAnUnsafeRequestFromTheRequestsOwnOriginArePassedOn() {
		MockHttpServletRequest request = request("POST");
		request.addHeader("Origin", "https://api.example.com");
		request.setCookies(new Cookie("__session", "mine"));
		assertThat(new SaasBearerTokenResolver(this.recording).resolve(request)).isEqualTo("mine");
	}

	@Test
	void cookiesOfAnUnsafeSameOriginFetchArePassedOn() {
		MockHttpServletRequest request = request("PUT");
		request.addHeader("Sec-Fetch-Site", "same-origin");
		request.setCookies(new Cookie("__session", "mine"));
		assertThat(new SaasBearerTokenResolver(this.recording).resolve(request)).isEqualTo("mine");
	}

	@Test
	void cookiesOfAnUnsafeRequestFromATrustedOriginArePassedOnWithThatPolicyOnly() {
		MockHttpServletRequest request = request("POST");
		request.addHeader("Origin", "https://app.example.com");
		request.setCookies(new Cookie("__session", "front-end"));
		assertThat(new SaasBearerTokenResolver(this.recording).resolve(request)).isNull();
		assertThat(new SaasBearerTokenResolver(this.recording,
				CookieTokenPolicy.trusting(Set.of("https://app.example.com"))).resolve(request)).isEqualTo("front-end");
	}

	@Test
	void aRequestWithoutCookiesPassesNone() {
		assertThat(new SaasBearerTokenResolver(this.recording).resolve(request("GET"))).isNull();
		assertThat(this.seen).containsExactly(null, Map.of());
	}

	@Test
	void theExtractorAndPolicyAreRequired() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SaasBearerTokenResolver((TokenExtractor) null))
			.withMessage("extractor must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SaasBearerTokenResolver(this.recording, (CookieTokenPolicy) null))
			.withMessage("cookiePolicy must not be null");
	}

	/** A request to {@code https://api.example.com} (default port). */
	private static MockHttpServletRequest request(String method) {
		MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/photos");
		request.setScheme("https");
		request.setServerName("api.example.com");
		request.setServerPort(443);
		request.setSecure(true);
		return request;
	}

}
