package io.saasstack.console.autoconfigure;

import io.saasstack.console.ConsoleMvcRoutes;
import io.saasstack.console.LocalConsole;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The console of a Spring MVC application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunctions.class)
class ConsoleServletConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "saasConsoleRoutes")
	RouterFunction<ServerResponse> saasConsoleRoutes(LocalConsole console, ConsoleProperties properties) {
		return ConsoleMvcRoutes.routes(console, properties.isAllowRemote());
	}

	/**
	 * A {@link SecurityFilterChain} for the console's path only, before every other chain (ours,
	 * Boot's or the user's), so that the application's chain needs no rule for it: no token, no
	 * session, no CSRF token, and frames from the same origin allowed (the mail preview is an
	 * iframe of the console's own page).
	 * <p>
	 * What protects the console is not this chain but three rules of its own: it exists only with
	 * {@code saas.console.enabled=true} and at least one local stand-in, and it answers only
	 * browsers on the same machine, connected directly. Without a CSRF token a page of another
	 * site could still send requests to it from the developer's browser, but it cannot read the
	 * answers (no CORS), and the only request that changes anything, minting a token, must be
	 * JSON, which a cross-site page can only send after a CORS preflight the console never grants.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpSecurity.class, SecurityFilterChain.class })
	@ConditionalOnBean(HttpSecurity.class)
	static class ConsoleSecurityConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE + 11)
		@ConditionalOnMissingBean(name = "saasConsoleSecurityFilterChain")
		SecurityFilterChain saasConsoleSecurityFilterChain(HttpSecurity http, ConsoleProperties properties)
				throws Exception {
			return http.securityMatcher(properties.getPath(), properties.getPath() + "/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf(AbstractHttpConfigurer::disable)
				.requestCache(AbstractHttpConfigurer::disable)
				.headers((headers) -> headers.frameOptions((frames) -> frames.sameOrigin()))
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.build();
		}

	}

}
