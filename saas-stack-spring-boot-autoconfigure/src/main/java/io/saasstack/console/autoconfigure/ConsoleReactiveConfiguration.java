package io.saasstack.console.autoconfigure;

import io.saasstack.console.ConsoleFluxRoutes;
import io.saasstack.core.autoconfigure.OpenPathWebFilterChains;
import io.saasstack.console.LocalConsole;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The console of a Spring WebFlux application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunctions.class)
class ConsoleReactiveConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "saasConsoleRoutes")
	RouterFunction<ServerResponse> saasConsoleRoutes(LocalConsole console, ConsoleProperties properties) {
		return ConsoleFluxRoutes.routes(console, properties.isAllowRemote());
	}

	/**
	 * A {@link SecurityWebFilterChain} for the console's path only, before every other chain; see
	 * {@link ConsoleServletConfiguration.ConsoleSecurityConfiguration} for why it is safe.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ServerHttpSecurity.class, SecurityWebFilterChain.class })
	@ConditionalOnBean(ServerHttpSecurity.class)
	static class ConsoleSecurityConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE + 11)
		@ConditionalOnMissingBean(name = "saasConsoleSecurityWebFilterChain")
		SecurityWebFilterChain saasConsoleSecurityWebFilterChain(ServerHttpSecurity http,
				ConsoleProperties properties) {
			return OpenPathWebFilterChains
				.openPaths(http,
						ServerWebExchangeMatchers.pathMatchers(properties.getPath(), properties.getPath() + "/**"))
				.headers((headers) -> headers
					.frameOptions((frames) -> frames.mode(XFrameOptionsServerHttpHeadersWriter.Mode.SAMEORIGIN)))
				.build();
		}

		/**
		 * Spring Security's default chain only exists when the application has no
		 * {@code SecurityWebFilterChain}: the console's chain would remove it and leave every other
		 * path open. When no other chain is declared, this declares the same default (as the
		 * webhook configuration does).
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingBean(SecurityWebFilterChain.class)
		static class DefaultChainConfiguration {

			@Bean
			@Order(Ordered.LOWEST_PRECEDENCE)
			SecurityWebFilterChain saasConsoleDefaultSecurityWebFilterChain(ServerHttpSecurity http) {
				return OpenPathWebFilterChains.springSecurityDefault(http);
			}

		}

	}

}
