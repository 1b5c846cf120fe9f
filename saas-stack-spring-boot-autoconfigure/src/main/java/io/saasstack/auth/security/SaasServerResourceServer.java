package io.saasstack.auth.security;

import reactor.core.publisher.Mono;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

/**
 * saas-stack token authentication for a reactive application's own filter chain, in one line:
 * {@code http.oauth2ResourceServer(saasServerResourceServer)}. Refusals carry the fixed
 * description of a {@link TokenFailure} (see {@link PublicTokenFailures}) in {@code WWW-Authenticate}
 * and an RFC 9457 problem body. CSRF protection stays the chain's: see the README, "Security rules".
 *
 * @since 0.1.0
 */
public final class SaasServerResourceServer implements Customizer<ServerHttpSecurity.OAuth2ResourceServerSpec> {

	private final ReactiveJwtDecoder decoder;

	private final SaasJwtAuthenticationConverter converter;

	private final ServerAuthenticationConverter tokenConverter;

	public SaasServerResourceServer(ReactiveJwtDecoder decoder, SaasJwtAuthenticationConverter converter,
			ServerAuthenticationConverter tokenConverter) {
		this.decoder = decoder;
		this.converter = converter;
		this.tokenConverter = tokenConverter;
	}

	@Override
	public void customize(ServerHttpSecurity.OAuth2ResourceServerSpec resourceServer) {
		resourceServer.bearerTokenConverter(this.tokenConverter)
			.authenticationEntryPoint(new ServerBearerTokenProblemEntryPoint())
			.jwt((jwt) -> jwt.jwtDecoder(PublicTokenFailures.of(this.decoder))
				.jwtAuthenticationConverter((token) -> Mono.just(this.converter.convert(token))));
	}

}
