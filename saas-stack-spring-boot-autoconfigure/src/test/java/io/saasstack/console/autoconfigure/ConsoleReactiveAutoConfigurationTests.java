package io.saasstack.console.autoconfigure;

import java.net.InetSocketAddress;
import java.util.Map;

import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthReactiveSecurityAutoConfiguration;
import io.saasstack.console.LocalConsole;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

class ConsoleReactiveAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, MailAutoConfiguration.class, EventsAutoConfiguration.class,
				MediaAutoConfiguration.class, ConsoleAutoConfiguration.class, WebFluxAutoConfiguration.class,
				HttpHandlerAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class,
				ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withPropertyValues("saas.auth.local-tokens.enabled=true");

	private final ReactiveWebApplicationContextRunner enabled = this.contextRunner
		.withPropertyValues("saas.console.enabled=true");

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LocalConsole.class);
			client(context, "127.0.0.1").get().uri("/saas/console/api/status").exchange().expectStatus().isUnauthorized();
		});
	}

	@Test
	void servesThePageAndTheDataToThisMachine() {
		this.enabled.run((context) -> {
			WebTestClient client = client(context, "127.0.0.1");
			client.get().uri("/saas/console/").exchange()
				.expectStatus().isOk()
				.expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
				.expectHeader().valueEquals("X-Frame-Options", "SAMEORIGIN");
			context.getBean(ReactiveMailClient.class).send(ConsoleTestData.email("Reactive")).block();
			client.get().uri("/saas/console/api/mails").exchange()
				.expectStatus().isOk()
				.expectBody().jsonPath("$[0].subject").isEqualTo("Reactive");
			client.get().uri("/anything").exchange().expectStatus().isUnauthorized();
		});
	}

	@Test
	void anotherMachineOrNoKnownAddressGets404() {
		this.enabled.run((context) -> {
			client(context, "10.1.2.3").get().uri("/saas/console/api/status").exchange().expectStatus().isNotFound();
			client(context, null).get().uri("/saas/console/api/status").exchange().expectStatus().isNotFound();
			client(context, "127.0.0.1").get().uri("/saas/console/api/status").header("Forwarded", "for=203.0.113.9")
				.exchange().expectStatus().isNotFound();
		});
	}

	@Test
	void pathProperty() {
		this.enabled.withPropertyValues("saas.console.path=/internal/console").run((context) -> {
			client(context, "127.0.0.1").get().uri("/internal/console/api/status").exchange()
				.expectStatus().isOk()
				.expectBody().jsonPath("$.path").isEqualTo("/internal/console");
			client(context, "127.0.0.1").get().uri("/saas/console/api/status").exchange().expectStatus().isUnauthorized();
		});
	}

	@Test
	void theTokenFormMintsATokenTheApplicationAccepts() {
		this.enabled.run((context) -> {
			Map<?, ?> minted = client(context, "127.0.0.1").post().uri("/saas/console/api/tokens")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"user\":\"user_ada\",\"lifetimeMinutes\":5}")
				.exchange()
				.expectStatus().isOk()
				.expectBody(Map.class).returnResult().getResponseBody();
			String token = (String) minted.get("token");
			assertThat(context.getBean(ReactiveJwtDecoder.class).decode(token).block().getSubject()).isEqualTo("user_ada");
		});
	}

	@Test
	void refusedWhenEveryAreaRunsOnARealProvider() {
		this.contextRunner
			.withPropertyValues("saas.console.enabled=true", "saas.auth.local-tokens.enabled=false",
					"saas.mail.resend.api-key=re_test", "saas.events.logsnag.token=ls_test",
					"saas.events.logsnag.project=test", "saas.media.cloudinary.cloud-name=demo",
					"saas.media.cloudinary.api-key=123", "saas.media.cloudinary.api-secret=secret")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class,
						(ex) -> assertThat(ex.getProperty()).isEqualTo("saas.console.enabled")));
	}

	/** A client whose requests come from the given address (none when null). */
	private static WebTestClient client(ApplicationContext context, String address) {
		return WebTestClient.bindToApplicationContext(context)
			.webFilter((exchange, chain) -> (address == null) ? chain.filter(exchange)
					: chain.filter(exchange.mutate()
						.request((request) -> request.remoteAddress(new InetSocketAddress(address, 50000)))
						.build()))
			.apply(springSecurity())
			.configureClient()
			.build();
	}

}
