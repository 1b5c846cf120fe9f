package io.saasstack.auth.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@link ServerAuthenticationConverter} of reactive applications over a {@link TokenExtractor}.
 * The cookies of an unsafe request are only looked at when the {@link CookieTokenPolicy} allows
 * it: Spring Security exempts every exchange this converter converts from CSRF protection.
 *
 * @since 0.1.0
 */
public final class SaasServerBearerTokenConverter implements ServerAuthenticationConverter {

	private final TokenExtractor extractor;

	private final CookieTokenPolicy cookiePolicy;

	/** A converter using cookies of unsafe requests from the same origin only. */
	public SaasServerBearerTokenConverter(TokenExtractor extractor) {
		this(extractor, CookieTokenPolicy.SAME_ORIGIN);
	}

	/**
	 * @param extractor finds the token in the header and cookies
	 * @param cookiePolicy when the cookies of a request may carry its token
	 */
	public SaasServerBearerTokenConverter(TokenExtractor extractor, CookieTokenPolicy cookiePolicy) {
		Assert.notNull(extractor, "extractor must not be null");
		Assert.notNull(cookiePolicy, "cookiePolicy must not be null");
		this.extractor = extractor;
		this.cookiePolicy = cookiePolicy;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return Mono.fromSupplier(() -> {
			ServerHttpRequest request = exchange.getRequest();
			HttpHeaders headers = request.getHeaders();
			Map<String, String> cookies = new LinkedHashMap<>();
			if (this.cookiePolicy.cookiesAllowed(request.getMethod().name(), headers.getOrigin(),
					headers.getFirst("Sec-Fetch-Site"), origin(request.getURI()))) {
				request.getCookies().forEach((name, values) -> {
					if (!values.isEmpty()) {
						HttpCookie first = values.get(0);
						cookies.put(name, first.getValue());
					}
				});
			}
			String token = this.extractor.extract(headers.getFirst(HttpHeaders.AUTHORIZATION), cookies);
			return (token != null) ? new BearerTokenAuthenticationToken(token) : null;
		});
	}

	private static String origin(URI uri) {
		return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
	}

}
