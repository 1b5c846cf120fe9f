package io.saasstack.auth.autoconfigure;

import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.webhooks.ClerkUserEvent;
import io.saasstack.webhooks.RecordingWebhookListener;
import io.saasstack.webhooks.TestWebhookVerifiers;
import io.saasstack.webhooks.WebhookPayloads;
import io.saasstack.webhooks.WebhookVerifiers;
import io.saasstack.webhooks.autoconfigure.WebhooksAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The webhook paths next to our token-protected default chains, with the user declaring no chain.
 */
class WebhooksBesideAuthSecurityTests {

	private static final String[] PROPERTIES = { "saas.auth.clerk.jwt-key=" + AuthTokens.pem(),
			"saas.auth.clerk.issuer=" + AuthTokens.ISSUER, "saas.auth.clerk.authorized-parties=" + AuthTokens.AZP,
			"saas.auth.clerk.webhook-secret=whsec_clerk" };

	@Test
	void servletWebhookNeedsNoTokenNorCsrfWhileTheRestNeedsAToken() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
					AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
					WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
					OAuth2ResourceServerAutoConfiguration.class, WebhooksAutoConfiguration.class))
			.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
			.withBean(RecordingWebhookListener.class)
			.withPropertyValues(PROPERTIES)
			.run((context) -> {
				assertThat(context).getBeans(SecurityFilterChain.class)
					.containsOnlyKeys("saasSecurityFilterChain", "saasWebhookSecurityFilterChain");
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
					.apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
					.build();
				mvc.perform(post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
					.header("X-Test-Signature", "ok")
					.header("svix-id", "msg_1")
					.content(WebhookPayloads.CLERK_USER_CREATED)).andExpect(status().isNoContent());
				mvc.perform(post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
					.header("X-Test-Signature", "forged")
					.header("svix-id", "msg_2")
					.content(WebhookPayloads.CLERK_USER_CREATED)).andExpect(status().isUnauthorized());
				mvc.perform(get("/me")).andExpect(status().isUnauthorized());
				// the rest of the application needs a token, for writes too: 401, never a CSRF 403
				mvc.perform(post("/me").contentType(MediaType.APPLICATION_JSON).content("{}"))
					.andExpect(status().isUnauthorized());
				assertThat(context.getBean(RecordingWebhookListener.class).of(ClerkUserEvent.class)).hasSize(1);
			});
	}

	@Test
	void reactiveWebhookNeedsNoTokenNorCsrfWhileTheRestNeedsAToken() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
					AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
					HttpHandlerAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
					ReactiveOAuth2ResourceServerAutoConfiguration.class, WebhooksAutoConfiguration.class))
			.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
			.withBean(RecordingWebhookListener.class)
			.withPropertyValues(PROPERTIES)
			.run((context) -> {
				assertThat(context).getBeans(SecurityWebFilterChain.class)
					.containsOnlyKeys("saasSecurityWebFilterChain", "saasWebhookSecurityWebFilterChain");
				WebTestClient client = WebTestClient.bindToApplicationContext(context)
					.apply(springSecurity())
					.configureClient()
					.build();
				client.post()
					.uri("/webhooks/clerk")
					.contentType(MediaType.APPLICATION_JSON)
					.header("X-Test-Signature", "ok")
					.header("svix-id", "msg_1")
					.bodyValue(WebhookPayloads.CLERK_USER_CREATED)
					.exchange()
					.expectStatus()
					.isNoContent();
				client.get().uri("/me").exchange().expectStatus().isUnauthorized();
				assertThat(context.getBean(RecordingWebhookListener.class).of(ClerkUserEvent.class)).hasSize(1);
			});
	}

}
