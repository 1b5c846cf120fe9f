package io.saasstack.auth.security;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * {@link BearerTokenResolver} of servlet applications over a {@link TokenExtractor}.
 *
 * @since 0.1.0
 */
public final class SaasBearerTokenResolver implements BearerTokenResolver {

	private final TokenExtractor extractor;

	public SaasBearerTokenResolver(TokenExtractor extractor) {
		this.extractor = extractor;
	}

	@Override
	public @Nullable String resolve(HttpServletRequest request) {
		Map<String, String> cookies = new LinkedHashMap<>();
		Cookie[] requestCookies = request.getCookies();
		if (requestCookies != null) {
			for (Cookie cookie : requestCookies) {
				cookies.putIfAbsent(cookie.getName(), cookie.getValue());
			}
		}
		return this.extractor.extract(request.getHeader(HttpHeaders.AUTHORIZATION), cookies);
	}

}
