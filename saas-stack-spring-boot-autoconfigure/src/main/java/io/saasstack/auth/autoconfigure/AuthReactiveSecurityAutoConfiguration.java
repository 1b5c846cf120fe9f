package io.saasstack.auth.autoconfigure;

import java.util.Arrays;

import io.saasstack.auth.security.CookieTokenPolicy;
import io.saasstack.auth.security.MachineTokenAuthenticator;
import io.saasstack.auth.security.SaasJwtAuthenticationConverter;
import io.saasstack.auth.security.SaasMachineAuthoritiesMapper;
import io.saasstack.auth.security.SaasServerBearerTokenConverter;
import io.saasstack.auth.security.SaasServerResourceServer;
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
import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of token authentication in reactive
 * applications: without a {@code SecurityWebFilterChain} of their own, every exchange needs a
 * valid token, except the health endpoint and its probes, open as in Boot's management chain
 * ({@code saas.auth.security.permit-health}); with their own, users add
 * {@code http.oauth2ResourceServer(saasServerResourceServer)}.
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
			ObjectProvider<AuthProperties> properties, ObjectProvider<MachineTokenAuthenticator> machines,
			ObjectProvider<SaasMachineAuthoritiesMapper> machineAuthorities) {
		MachineTokenAuthenticator machineTokens = machines.getIfAvailable();
		return new SaasServerResourceServer(jwtDecoder, converter,
				new SaasServerBearerTokenConverter(tokenExtractor.getIfAvailable(() -> TokenExtractor.BEARER_HEADER),
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
	@ConditionalOnMissingBean(SecurityWebFilterChain.class)
	SecurityWebFilterChain saasSecurityWebFilterChain(ServerHttpSecurity http,
			SaasServerResourceServer saasServerResourceServer, ObjectProvider<AuthProperties> properties,
			ResourceLoader resourceLoader) {
		boolean permitHealth = HealthExchanges.isPresent(resourceLoader.getClassLoader())
				&& properties.getIfAvailable(AuthProperties::new).getSecurity().isPermitHealth();
		// as the servlet chain: a stateless token API has nothing for CSRF tokens to protect (header
		// tokens are not sent by the browser on its own; a cookie only counts for unsafe methods from
		// the same origin, see CookieTokenPolicy), and without a token the answer must be 401, not 403
		return http.authorizeExchange((exchanges) -> {
			if (permitHealth) {
				exchanges.matchers(HealthExchanges.matchers()).permitAll();
			}
			exchanges.anyExchange().authenticated();
		})
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.oauth2ResourceServer(saasServerResourceServer)
			.build();
	}

	/**
	 * Boot's health endpoint, its groups ({@code /actuator/health/**}, the liveness and readiness
	 * probes among them) and their additional paths ({@code /livez}, {@code /readyz}), as Boot's
	 * own management chain opens them. Loaded only when the actuator is present.
	 */
	static final class HealthExchanges {

		private static final String[] CLASSES = { "org.springframework.boot.health.actuate.endpoint.HealthEndpoint",
				"org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest" };

		private HealthExchanges() {
		}

		static boolean isPresent(@Nullable ClassLoader classLoader) {
			return Arrays.stream(CLASSES).allMatch((name) -> ClassUtils.isPresent(name, classLoader));
		}

		static ServerWebExchangeMatcher[] matchers() {
			return new ServerWebExchangeMatcher[] { EndpointRequest.to(HealthEndpoint.class),
					EndpointRequest.toAdditionalPaths(WebServerNamespace.SERVER, HealthEndpoint.class),
					EndpointRequest.toAdditionalPaths(WebServerNamespace.MANAGEMENT, HealthEndpoint.class) };
		}

	}

}
