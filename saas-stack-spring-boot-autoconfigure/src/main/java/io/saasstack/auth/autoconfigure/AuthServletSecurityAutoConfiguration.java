package io.saasstack.auth.autoconfigure;

import io.saasstack.auth.security.CookieTokenPolicy;
import io.saasstack.auth.security.SaasBearerTokenResolver;
import io.saasstack.auth.security.SaasJwtAuthenticationConverter;
import io.saasstack.auth.security.SaasResourceServer;
import io.saasstack.auth.security.TokenExtractor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of token authentication in servlet
 * applications: without a security configuration of their own, every request needs a valid token
 * (401 with {@code WWW-Authenticate} otherwise, never a redirect), as Boot's resource-server chain
 * does, with the {@code SaasUser} principal; with their own chain, users add
 * {@code http.oauth2ResourceServer(saasResourceServer)}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AuthAutoConfiguration.class,
		beforeName = { "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ HttpSecurity.class, BearerTokenResolver.class, ConditionalOnDefaultWebSecurity.class })
@ConditionalOnBean({ JwtDecoder.class, SaasJwtAuthenticationConverter.class })
public final class AuthServletSecurityAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SaasResourceServer saasResourceServer(JwtDecoder jwtDecoder, SaasJwtAuthenticationConverter converter,
			ObjectProvider<TokenExtractor> tokenExtractor, ObjectProvider<AuthProperties> properties) {
		return new SaasResourceServer(jwtDecoder, converter,
				new SaasBearerTokenResolver(tokenExtractor.getIfAvailable(() -> TokenExtractor.BEARER_HEADER),
						cookiePolicy(properties)));
	}

	private static CookieTokenPolicy cookiePolicy(ObjectProvider<AuthProperties> properties) {
		AuthProperties auth = properties.getIfAvailable();
		return (auth != null) ? CookieTokenPolicy.trusting(auth.getClerk().getAuthorizedParties())
				: CookieTokenPolicy.SAME_ORIGIN;
	}

	@Bean
	@ConditionalOnDefaultWebSecurity
	SecurityFilterChain saasSecurityFilterChain(HttpSecurity http, SaasResourceServer saasResourceServer)
			throws Exception {
		// a stateless token API: without a token the answer must be 401, not a CSRF 403 (requests
		// carrying a token are exempt from CSRF anyway; a cookie only counts for unsafe methods
		// from the same origin, see CookieTokenPolicy)
		http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.oauth2ResourceServer(saasResourceServer);
		return http.build();
	}

}
