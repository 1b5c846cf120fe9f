package io.saasstack.auth.security;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.web.server.ServerWebExchange;

/**
 * {@link ServerAuthenticationConverter} of reactive applications over a {@link TokenExtractor}.
 *
 * @since 0.1.0
 */
public final class SaasServerBearerTokenConverter implements ServerAuthenticationConverter {

	private final TokenExtractor extractor;

	public SaasServerBearerTokenConverter(TokenExtractor extractor) {
		this.extractor = extractor;
	}

	@Override
	public Mono<Authentication> convert(ServerWebExchange exchange) {
		return Mono.fromSupplier(() -> {
			Map<String, String> cookies = new LinkedHashMap<>();
			exchange.getRequest().getCookies().forEach((name, values) -> {
				if (!values.isEmpty()) {
					HttpCookie first = values.get(0);
					cookies.put(name, first.getValue());
				}
			});
			String token = this.extractor.extract(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION),
					cookies);
			return (token != null) ? new BearerTokenAuthenticationToken(token) : null;
		});
	}

}
