package io.saasstack.auth.autoconfigure;

import io.saasstack.auth.security.CookieTokenPolicy;
import io.saasstack.auth.security.SaasJwtAuthenticationConverter;
import io.saasstack.auth.security.SaasServerBearerTokenConverter;
import io.saasstack.auth.security.SaasServerResourceServer;
import io.saasstack.auth.security.TokenExtractor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of token authentication in reactive
 * applications: without a {@code SecurityWebFilterChain} of their own, every exchange needs a
 * valid token; with their own, users add {@code http.oauth2ResourceServer(saasServerResourceServer)}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AuthAutoConfiguration.class,
		beforeName = { "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ ServerHttpSecurity.class, SaasServerBearerTokenConverter.class })
@ConditionalOnBean({ ReactiveJwtDecoder.class, SaasJwtAuthenticationConverter.class })
public final class AuthReactiveSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SaasServerResourceServer saasServerResourceServer(ReactiveJwtDecoder jwtDecoder,
			SaasJwtAuthenticationConverter converter, ObjectProvider<TokenExtractor> tokenExtractor,
			ObjectProvider<AuthProperties> properties) {
		return new SaasServerResourceServer(jwtDecoder, converter,
				new SaasServerBearerTokenConverter(tokenExtractor.getIfAvailable(() -> TokenExtractor.BEARER_HEADER),
						cookiePolicy(properties)));
	}

	private static CookieTokenPolicy cookiePolicy(ObjectProvider<AuthProperties> properties) {
		AuthProperties auth = properties.getIfAvailable();
		return (auth != null) ? CookieTokenPolicy.trusting(auth.getClerk().getAuthorizedParties())
				: CookieTokenPolicy.SAME_ORIGIN;
	}

	@Bean
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain saasSecurityWebFilterChain(ServerHttpSecurity http,
			SaasServerResourceServer saasServerResourceServer) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.oauth2ResourceServer(saasServerResourceServer)
			.build();
	}

}
