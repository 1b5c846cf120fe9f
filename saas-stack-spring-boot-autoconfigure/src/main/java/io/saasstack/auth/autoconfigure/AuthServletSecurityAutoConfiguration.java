package io.saasstack.auth.autoconfigure;

import java.util.Arrays;

import io.saasstack.auth.security.CookieTokenPolicy;
import io.saasstack.auth.security.MachineTokenAuthenticator;
import io.saasstack.auth.security.SaasBearerTokenResolver;
import io.saasstack.auth.security.SaasJwtAuthenticationConverter;
import io.saasstack.auth.security.SaasMachineAuthoritiesMapper;
import io.saasstack.auth.security.SaasResourceServer;
import io.saasstack.auth.security.TokenExtractor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.boot.security.autoconfigure.web.servlet.ConditionalOnDefaultWebSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of token authentication in servlet
 * applications: without a security configuration of their own, every request needs a valid token
 * (401 with {@code WWW-Authenticate} otherwise, never a redirect), as Boot's resource-server chain
 * does, with the {@code SaasUser} principal, except the health endpoint and its probes, open as in
 * Boot's management chain ({@code saas.auth.security.permit-health}); with their own chain, users
 * add {@code http.oauth2ResourceServer(saasResourceServer)}.
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
			ObjectProvider<TokenExtractor> tokenExtractor, ObjectProvider<AuthProperties> properties,
			ObjectProvider<MachineTokenAuthenticator> machines,
			ObjectProvider<SaasMachineAuthoritiesMapper> machineAuthorities) {
		MachineTokenAuthenticator machineTokens = machines.getIfAvailable();
		return new SaasResourceServer(jwtDecoder, converter,
				new SaasBearerTokenResolver(tokenExtractor.getIfAvailable(() -> TokenExtractor.BEARER_HEADER),
						cookiePolicy(properties)),
				machineTokens, machineAuthorities.getIfAvailable(() -> SaasMachineAuthoritiesMapper.DEFAULT),
				AcceptedTokenTypes.of(properties.getIfAvailable(), machineTokens));
	}

	private static CookieTokenPolicy cookiePolicy(ObjectProvider<AuthProperties> properties) {
		AuthProperties auth = properties.getIfAvailable();
		return (auth != null) ? CookieTokenPolicy.trusting(auth.getClerk().getAuthorizedParties())
				: CookieTokenPolicy.SAME_ORIGIN;
	}

	@Bean
	@ConditionalOnDefaultWebSecurity
	SecurityFilterChain saasSecurityFilterChain(HttpSecurity http, SaasResourceServer saasResourceServer,
			ObjectProvider<AuthProperties> properties, ResourceLoader resourceLoader) throws Exception {
		boolean permitHealth = HealthRequests.isPresent(resourceLoader.getClassLoader())
				&& properties.getIfAvailable(AuthProperties::new).getSecurity().isPermitHealth();
		// a stateless token API: without a token the answer must be 401, not a CSRF 403 (requests
		// carrying a token are exempt from CSRF anyway; a cookie only counts for unsafe methods
		// from the same origin, see CookieTokenPolicy)
		http.authorizeHttpRequests((requests) -> {
			if (permitHealth) {
				requests.requestMatchers(HealthRequests.matchers()).permitAll();
			}
			requests.anyRequest().authenticated();
		})
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.oauth2ResourceServer(saasResourceServer);
		return http.build();
	}

	/**
	 * Boot's health endpoint, its groups ({@code /actuator/health/**}, the liveness and readiness
	 * probes among them) and their additional paths ({@code /livez}, {@code /readyz}), as Boot's
	 * own management chain opens them. Loaded only when the actuator is present.
	 */
	static final class HealthRequests {

		private static final String[] CLASSES = { "org.springframework.boot.health.actuate.endpoint.HealthEndpoint",
				"org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest" };

		private HealthRequests() {
		}

		static boolean isPresent(@Nullable ClassLoader classLoader) {
			return Arrays.stream(CLASSES).allMatch((name) -> ClassUtils.isPresent(name, classLoader));
		}

		static RequestMatcher[] matchers() {
			return new RequestMatcher[] { EndpointRequest.to(HealthEndpoint.class),
					EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, HealthEndpoint.class),
					EndpointRequest.toAdditionalPaths(WebServerNamespace.MANAGEMENT, HealthEndpoint.class) };
		}

	}

}
