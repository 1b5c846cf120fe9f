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
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * The reactive twin of {@link SessionCookieCsrfServletTests}: the {@code __session} cookie
 * authenticates unsafe requests only from the same origin (or an authorized party). Our default
 * chain, like the servlet one, has no CSRF tokens (a cross-site cookie request is 401); a chain of
 * the application's own that keeps CSRF protection must not let the cookie skip it (403).
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
		this.contextRunner.run((context) -> refusesCrossSiteAndAcceptsSameOrigin(context, HttpStatus.UNAUTHORIZED));
	}

	@Test
	void defaultChainAnswersATokenlessPostWith401AndNoCsrf403() {
		this.contextRunner.run((context) -> client(context).post()
			.uri("/action")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer"));
	}

	@Test
	void userChainWithCsrfRefusesACrossSiteCookiePostAndAcceptsASameOriginOne() {
		this.contextRunner.withUserConfiguration(UserChain.class)
			.run((context) -> refusesCrossSiteAndAcceptsSameOrigin(context, HttpStatus.FORBIDDEN));
	}

	@Test
	void statelessUserChainAsDocumented() {
		this.contextRunner.withUserConfiguration(StatelessChain.class).run((context) -> {
			refusesCrossSiteAndAcceptsSameOrigin(context, HttpStatus.UNAUTHORIZED);
			client(context).post().uri("/public/action").exchange().expectStatus().isOk();
		});
		this.contextRunner.withUserConfiguration(UserChain.class)
			.run((context) -> client(context).post().uri("/public/action").exchange().expectStatus().isForbidden());
	}

	private void refusesCrossSiteAndAcceptsSameOrigin(ApplicationContext context, HttpStatus refused) {
		WebTestClient client = client(context);
		client.post().uri("/action").cookie("__session", AuthTokens.valid())
			.header("Origin", "https://evil.example")
			.header("Sec-Fetch-Site", "cross-site")
			.exchange()
			.expectStatus().isEqualTo(refused);
		client.post().uri("/action").cookie("__session", AuthTokens.valid()).exchange().expectStatus().isEqualTo(refused);
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

		@PostMapping({ "/action", "/public/action" })
		String post() {
			return "done";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserChain {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http, SaasServerResourceServer saasServerResourceServer) {
			return http
				.authorizeExchange((exchanges) -> exchanges.pathMatchers("/public/**").permitAll().anyExchange().authenticated())
				.oauth2ResourceServer(saasServerResourceServer)
				.build();
		}

	}

	/** The README's stateless API chain. */
	@Configuration(proxyBeanMethods = false)
	static class StatelessChain {

		@Bean
		SecurityWebFilterChain userChain(ServerHttpSecurity http, SaasServerResourceServer saasServerResourceServer) {
			return http
				.authorizeExchange((exchanges) -> exchanges.pathMatchers("/public/**").permitAll().anyExchange().authenticated())
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.oauth2ResourceServer(saasServerResourceServer)
				.build();
		}

	}

}
