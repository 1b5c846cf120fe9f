package io.saasstack.auth.security;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.server.BearerTokenServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security's {@link BearerTokenServerAuthenticationEntryPoint} (status and
 * {@code WWW-Authenticate}) with an RFC 9457 problem body that says the same thing; the reactive
 * twin of {@link BearerTokenProblemEntryPoint}.
 *
 * @since 0.1.0
 */
public final class ServerBearerTokenProblemEntryPoint implements ServerAuthenticationEntryPoint {

	private final BearerTokenServerAuthenticationEntryPoint delegate = new BearerTokenServerAuthenticationEntryPoint();

	@Override
	public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
		ServerHttpResponse response = exchange.getResponse();
		// the delegate sets the status and header, then completes the response: keep it open for the body
		ServerHttpResponse open = new ServerHttpResponseDecorator(response) {

			@Override
			public Mono<Void> setComplete() {
				return Mono.empty();
			}

		};
		return this.delegate.commence(exchange.mutate().response(open).build(), failure).then(Mono.defer(() -> {
			if (response.isCommitted()) {
				return Mono.empty();
			}
			int status = (response.getStatusCode() != null) ? response.getStatusCode().value() : 401;
			byte[] body = TokenProblem.body(status, failure, exchange.getRequest().getPath().value());
			response.getHeaders().set(HttpHeaders.CONTENT_TYPE, TokenProblem.CONTENT_TYPE);
			response.getHeaders().setContentLength(body.length);
			DataBuffer buffer = response.bufferFactory().wrap(body);
			return response.writeWith(Mono.just(buffer));
		}));
	}

}
