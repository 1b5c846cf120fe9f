package io.saasstack.auth.autoconfigure;

import io.saasstack.auth.security.SaasServerResourceServer;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * The reactive twin of {@link SessionCookieCsrfServletTests}: our default chain keeps Spring
 * Security's CSRF protection, which a cross-site request authenticated by the cookie alone
 * must not skip.
 */
class SessionCookieCsrfReactiveTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withBean(ActionController.class)
		.withPropertyValues("saas.auth.clerk.jwt-key=" + AuthTokens.pem(), "saas.auth.clerk.issuer=" + AuthTokens.ISSUER,
				"saas.auth.clerk.authorized-parties=" + AuthTokens.AZP);

	@Test
	void defaultChainRefusesACrossSiteCookiePostAndAcceptsASameOriginOne() {
		this.contextRunner.run(this::refusesCrossSiteAndAcceptsSameOrigin);
	}

	@Test
	void userChainRefusesACrossSiteCookiePostAndAcceptsASameOriginOne() {
		this.contextRunner.withUserConfiguration(UserChain.class).run(this::refusesCrossSiteAndAcceptsSameOrigin);
	}

	private void refusesCrossSiteAndAcceptsSameOrigin(ApplicationContext context) {
		WebTestClient client = client(context);
		client.post().uri("/action").cookie("__session", AuthTokens.valid())
			.header("Origin", "https://evil.example")
			.header("Sec-Fetch-Site", "cross-site")
			.exchange()
			.expectStatus().isForbidden();
		client.post().uri("/action").cookie("__session", AuthTokens.valid()).exchange().expectStatus().isForbidden();
		client.post().uri("/action").cookie("__session", AuthTokens.valid())
			.header("Sec-Fetch-Site", "same-origin")
			.exchange()
			.expectStatus().isOk();
		client.post().uri("/action").cookie("__session", AuthTokens.valid())
			.header("Origin", "http://localhost")
			.exchange()
			.expectStatus().isOk();
		client.post().uri("/action").cookie("__session", AuthTokens.valid())
			.header("Origin", AuthTokens.AZP)
			.header("Sec-Fetch-Site", "same-site")
			.exchange()
			.expectStatus().isOk();
		client.post().uri("/action").header("Authorization", "Bearer " + AuthTokens.valid())
			.header("Origin", "https://evil.example")
			.header("Sec-Fetch-Site", "cross-site")
			.exchange()
			.expectStatus().isOk();
	}

	private static WebTestClient client(ApplicationContext context) {
		return WebTestClient.bindToApplicationContext(context)
			.apply(springSecurity())
			.configureClient()
			.baseUrl("http://localhost")
			.build();
	}

	@RestController
	static class ActionController {

		@PostMapping("/action")
		String post() {
			return "done";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserChain {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http, SaasServerResourceServer saasServerResourceServer) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.oauth2ResourceServer(saasServerResourceServer)
				.build();
		}

	}

}
