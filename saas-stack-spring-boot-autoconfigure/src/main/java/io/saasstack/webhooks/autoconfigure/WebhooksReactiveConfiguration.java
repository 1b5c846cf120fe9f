package io.saasstack.webhooks.autoconfigure;

import io.saasstack.core.autoconfigure.OpenPathWebFilterChains;
import io.saasstack.webhooks.WebhookEndpoints;
import io.saasstack.webhooks.WebhookFluxRoutes;
import io.saasstack.webhooks.WebhookProcessor;

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
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The webhook endpoints of a WebFlux application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunctions.class)
class WebhooksReactiveConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "saasWebhookRoutes")
	RouterFunction<ServerResponse> saasWebhookRoutes(WebhookEndpoints endpoints, WebhookProcessor processor) {
		return WebhookFluxRoutes.routes(endpoints.endpoints(), processor);
	}

	/**
	 * A {@link SecurityWebFilterChain} for the webhook paths only, before every other chain: no
	 * token required, no CSRF token, no security context saved. Safe because the signature is the
	 * authentication, see {@link WebhooksServletConfiguration.WebhookSecurityConfiguration}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ServerHttpSecurity.class, SecurityWebFilterChain.class })
	@ConditionalOnBean(ServerHttpSecurity.class)
	static class WebhookSecurityConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE + 10)
		@ConditionalOnMissingBean(name = "saasWebhookSecurityWebFilterChain")
		SecurityWebFilterChain saasWebhookSecurityWebFilterChain(ServerHttpSecurity http,
				WebhookEndpoints endpoints) {
			return OpenPathWebFilterChains.openPaths(http, ServerWebExchangeMatchers.pathMatchers(endpoints.paths()))
				.build();
		}

		/**
		 * Spring Security's default chain ({@code WebFluxSecurityConfiguration}) only exists when the
		 * application has no {@code SecurityWebFilterChain} bean: the webhook chain would remove it
		 * and leave every other path open. When no other chain is declared (the user's, ours of
		 * {@code AuthReactiveSecurityAutoConfiguration}, Boot's), this declares the same default:
		 * every exchange authenticated, HTTP Basic and form login. A member class, so that its
		 * condition is evaluated before the webhook chain is registered.
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingBean(SecurityWebFilterChain.class)
		static class DefaultChainConfiguration {

			@Bean
			@Order(Ordered.LOWEST_PRECEDENCE)
			SecurityWebFilterChain saasWebhookDefaultSecurityWebFilterChain(ServerHttpSecurity http) {
				return OpenPathWebFilterChains.springSecurityDefault(http);
			}

		}

	}

}
