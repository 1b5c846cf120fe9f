package io.saasstack.auth.autoconfigure;

import io.saasstack.auth.SaasUser;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

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
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The application is protected as usual with local development tokens, servlet and reactive.
 */
class LocalTokensSecurityTests {

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(MeController.class)
		.withPropertyValues("saas.auth.local-tokens.enabled=true");

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withBean(ReactiveMeController.class)
		.withPropertyValues("saas.auth.local-tokens.enabled=true");

	@Test
	void servletMintedTokenReachesTheEndpointWithThePrincipal() {
		this.servlet.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
				.apply(org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity())
				.build();
			String token = context.getBean(LocalTokenIssuer.class)
				.issue(LocalToken.user("user_1").email("ada@example.com").organization("org_1", "acme", "admin").build());
			mvc.perform(get("/me").header("Authorization", "Bearer " + token))
				.andExpect(status().isOk())
				.andExpect(content().string("local user_1 ada@example.com org:admin"));
			mvc.perform(get("/me"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")));
			String foreign = LocalTokenIssuer.clerk(null, null).issue("user_1");
			mvc.perform(get("/me").header("Authorization", "Bearer " + foreign)).andExpect(status().isUnauthorized());
		});
	}

	@Test
	void reactiveMintedTokenReachesTheEndpointWithThePrincipal() {
		this.reactive.run((context) -> {
			WebTestClient client = WebTestClient.bindToApplicationContext(context)
				.apply(springSecurity())
				.configureClient()
				.build();
			String token = context.getBean(LocalTokenIssuer.class).issue("user_1");
			client.get()
				.uri("/me")
				.header("Authorization", "Bearer " + token)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("local user_1");
			client.get().uri("/me").exchange().expectStatus().isUnauthorized();
		});
	}

	@RestController
	static class MeController {

		@GetMapping("/me")
		String me(@AuthenticationPrincipal SaasUser user) {
			return user.provider() + " " + user.id() + " " + user.email() + " " + user.organization().role();
		}

	}

	@RestController
	static class ReactiveMeController {

		@GetMapping("/me")
		Mono<String> me(@AuthenticationPrincipal SaasUser user) {
			return Mono.just(user.provider() + " " + user.id());
		}

	}

}
