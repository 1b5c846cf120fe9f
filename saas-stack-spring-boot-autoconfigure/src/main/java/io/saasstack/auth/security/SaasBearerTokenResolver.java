package io.saasstack.auth.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.util.Assert;

/**
 * {@link BearerTokenResolver} of servlet applications over a {@link TokenExtractor}. The cookies
 * of an unsafe request are only looked at when the {@link CookieTokenPolicy} allows it: Spring
 * Security exempts every request this resolver resolves from CSRF protection.
 *
 * @since 0.1.0
 */
public final class SaasBearerTokenResolver implements BearerTokenResolver {

	private final TokenExtractor extractor;

	private final CookieTokenPolicy cookiePolicy;

	/** A resolver using cookies of unsafe requests from the same origin only. */
	public SaasBearerTokenResolver(TokenExtractor extractor) {
		this(extractor, CookieTokenPolicy.SAME_ORIGIN);
	}

	/**
	 * @param extractor finds the token in the header and cookies
	 * @param cookiePolicy when the cookies of a request may carry its token
	 */
	public SaasBearerTokenResolver(TokenExtractor extractor, CookieTokenPolicy cookiePolicy) {
		Assert.notNull(extractor, "extractor must not be null");
		Assert.notNull(cookiePolicy, "cookiePolicy must not be null");
		this.extractor = extractor;
		this.cookiePolicy = cookiePolicy;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		Map<String, String> cookies = new LinkedHashMap<>();
		Cookie[] requestCookies = request.getCookies();
		if (requestCookies != null && this.cookiePolicy.cookiesAllowed(request.getMethod(),
				request.getHeader(HttpHeaders.ORIGIN), request.getHeader("Sec-Fetch-Site"), origin(request))) {
			for (Cookie cookie : requestCookies) {
				cookies.putIfAbsent(cookie.getName(), cookie.getValue());
			}
		}
		return this.extractor.extract(request.getHeader(HttpHeaders.AUTHORIZATION), cookies);
	}

	private static String origin(HttpServletRequest request) {
		return request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
	}

}
