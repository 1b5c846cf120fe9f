package io.saasstack.auth.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;

/**
 * saas-stack token authentication for a servlet application's own filter chain, in one line:
 * {@code http.oauth2ResourceServer(saasResourceServer)}. Requests without a valid token get 401
 * with {@code WWW-Authenticate}, never a redirect; its {@code error_description} is the fixed
 * description of a {@link TokenFailure} (see {@link PublicTokenFailures}), repeated in an RFC 9457
 * problem body. CSRF protection stays the chain's: see the README, "Security rules".
 *
 * @since 0.1.0
 */
public final class SaasResourceServer implements Customizer<OAuth2ResourceServerConfigurer<HttpSecurity>> {

	private final JwtDecoder decoder;

	private final SaasJwtAuthenticationConverter converter;

	private final BearerTokenResolver tokenResolver;

	public SaasResourceServer(JwtDecoder decoder, SaasJwtAuthenticationConverter converter,
			BearerTokenResolver tokenResolver) {
		this.decoder = decoder;
		this.converter = converter;
		this.tokenResolver = tokenResolver;
	}

	@Override
	public void customize(OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer) {
		resourceServer.bearerTokenResolver(this.tokenResolver)
			.authenticationEntryPoint(new BearerTokenProblemEntryPoint())
			.jwt((jwt) -> jwt.decoder(PublicTokenFailures.of(this.decoder)).jwtAuthenticationConverter(this.converter));
	}

}
