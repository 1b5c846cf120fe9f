package io.saasstack.webhooks.autoconfigure;

import io.saasstack.webhooks.WebhookEndpoints;
import io.saasstack.webhooks.WebhookMvcRoutes;
import io.saasstack.webhooks.WebhookProcessor;

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
 * The webhook endpoints of a Spring MVC application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunctions.class)
class WebhooksServletConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "saasWebhookRoutes")
	RouterFunction<ServerResponse> saasWebhookRoutes(WebhookEndpoints endpoints, WebhookProcessor processor) {
		return WebhookMvcRoutes.routes(endpoints.endpoints(), processor);
	}

	/**
	 * A {@link SecurityFilterChain} for the webhook paths only, before every other chain: no token
	 * required ({@code permitAll}), no CSRF token, no session.
	 * <p>
	 * This is safe because the signature <em>is</em> the authentication: the endpoint itself
	 * rejects (401) any request whose HMAC (or Cloudinary hash) over the raw body, computed with a
	 * secret only the provider and the application know, does not match, and whose timestamp is
	 * stale; replays within the window are not published again. A bearer token or a session cookie
	 * would add nothing (providers send neither), and CSRF protection guards browser sessions, which
	 * these paths neither use nor create. The chain matches nothing but the configured webhook
	 * paths, so the rest of the application keeps its own chain (ours, Boot's default or the
	 * user's), which is why this configuration runs after the security auto-configurations: its
	 * bean must not make the default chains back off.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ HttpSecurity.class, SecurityFilterChain.class })
	@ConditionalOnBean(HttpSecurity.class)
	static class WebhookSecurityConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE + 10)
		@ConditionalOnMissingBean(name = "saasWebhookSecurityFilterChain")
		SecurityFilterChain saasWebhookSecurityFilterChain(HttpSecurity http, WebhookEndpoints endpoints)
				throws Exception {
			return http.securityMatcher(endpoints.paths())
				.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
				.csrf(AbstractHttpConfigurer::disable)
				.requestCache(AbstractHttpConfigurer::disable)
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.build();
		}

	}

}
