package io.saasstack.webhooks.autoconfigure;

import java.nio.charset.StandardCharsets;

import io.saasstack.webhooks.ClerkUserEvent;
import io.saasstack.webhooks.RecordingWebhookListener;
import io.saasstack.webhooks.ResendEmailEvent;
import io.saasstack.webhooks.TestWebhookVerifiers;
import io.saasstack.webhooks.WebhookPayloads;
import io.saasstack.webhooks.WebhookReceived;
import io.saasstack.webhooks.WebhookVerifiers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

class WebhooksReactiveAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class, WebFluxAutoConfiguration.class,
				HttpHandlerAutoConfiguration.class))
		.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
		.withBean(RecordingWebhookListener.class)
		.withPropertyValues("saas.auth.clerk.webhook-secret=whsec_clerk", "saas.mail.resend.webhook-secret=whsec_resend");

	@Test
	void clerkUserCreatedPublishesTheGenericAndTheTypedEvent() {
		this.contextRunner.run((context) -> {
			post(client(context), "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_1", "ok").expectStatus()
				.isNoContent();
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			assertThat(listener.events).hasSize(2);
			assertThat(listener.events.get(0)).isInstanceOfSatisfying(WebhookReceived.class,
					(received) -> assertThat(received.type()).isEqualTo("user.created"));
			assertThat(listener.of(ClerkUserEvent.class).get(0).primaryEmail()).isEqualTo("example@example.org");
		});
	}

	@Test
	void resendBounce() {
		this.contextRunner.run((context) -> {
			post(client(context), "/webhooks/resend", WebhookPayloads.RESEND_EMAIL_BOUNCED, "msg_r", "ok").expectStatus()
				.isNoContent();
			ResendEmailEvent email = context.getBean(RecordingWebhookListener.class).of(ResendEmailEvent.class).get(0);
			assertThat(email.bounce().subType()).isEqualTo("General");
		});
	}

	@Test
	void theVerifierGetsTheExactRawBytes() {
		this.contextRunner.run((context) -> {
			byte[] body = ("\n " + WebhookPayloads.CLERK_USER_CREATED + " \t").getBytes(StandardCharsets.UTF_8);
			client(context).post()
				.uri("/webhooks/clerk")
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Test-Signature", "ok")
				.header("svix-id", "msg_raw")
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isNoContent();
			assertThat(context.getBean(TestWebhookVerifiers.class).received).singleElement().isEqualTo(body);
		});
	}

	@Test
	void badSignatureGets401AndPublishesNothing() {
		this.contextRunner.run((context) -> {
			post(client(context), "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_1", "forged")
				.expectStatus()
				.isUnauthorized();
			assertThat(context.getBean(RecordingWebhookListener.class).events).isEmpty();
		});
	}

	@Test
	void replayedIdIsAcknowledgedAndPublishedOnce() {
		this.contextRunner.run((context) -> {
			WebTestClient client = client(context);
			post(client, "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_1", "ok").expectStatus().isNoContent();
			post(client, "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_1", "ok").expectStatus().isNoContent();
			assertThat(context.getBean(RecordingWebhookListener.class).of(WebhookReceived.class)).hasSize(1);
		});
	}

	@Test
	void listenerException() {
		this.contextRunner.run((context) -> {
			context.getBean(RecordingWebhookListener.class).failing = true;
			post(client(context), "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_1", "ok").expectStatus()
				.isNoContent();
		});
		this.contextRunner.withPropertyValues("saas.webhooks.fail-on-listener-error=true").run((context) -> {
			context.getBean(RecordingWebhookListener.class).failing = true;
			post(client(context), "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_1", "ok").expectStatus()
				.isEqualTo(500);
		});
	}

	@Test
	void noSecretNoEndpoint() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class, WebFluxAutoConfiguration.class,
					HttpHandlerAutoConfiguration.class))
			.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
			.run((context) -> post(client(context), "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_1", "ok")
				.expectStatus()
				.isNotFound());
	}

	@Test
	void webhooksPassTheDefaultSecurityWithoutTokenOrCsrfWhileTheRestStaysProtected() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
					ReactiveWebSecurityAutoConfiguration.class, ReactiveUserDetailsServiceAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).getBeans(SecurityWebFilterChain.class).hasSize(2);
				WebTestClient client = client(context);
				post(client, "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_1", "ok").expectStatus()
					.isNoContent();
				post(client, "/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED, "msg_2", "forged").expectStatus()
					.isUnauthorized();
				client.get().uri("/anything-else").exchange().expectStatus().isUnauthorized();
				client.post()
					.uri("/anything-else")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{}")
					.exchange()
					.expectStatus()
					.isForbidden();
				assertThat(context.getBean(RecordingWebhookListener.class).of(ClerkUserEvent.class)).hasSize(1);
			});
	}

	private static WebTestClient.ResponseSpec post(WebTestClient client, String path, String body, String id,
			String signature) {
		return client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Test-Signature", signature)
			.header("svix-id", id)
			.bodyValue(body)
			.exchange();
	}

	private static WebTestClient client(ApplicationContext context) {
		if (context.getBeanNamesForType(SecurityWebFilterChain.class).length > 0) {
			return WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().build();
		}
		return WebTestClient.bindToApplicationContext(context).build();
	}

}
