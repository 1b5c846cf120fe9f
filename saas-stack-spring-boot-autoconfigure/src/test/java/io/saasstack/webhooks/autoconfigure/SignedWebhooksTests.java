package io.saasstack.webhooks.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.saasstack.webhooks.ClerkUserEvent;
import io.saasstack.webhooks.RecordingWebhookListener;
import io.saasstack.webhooks.StandardWebhookVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The endpoint with saas-stack's own verifiers: a request signed as Svix signs it is published,
 * a forged or stale one is not.
 */
class SignedWebhooksTests {

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String BODY = "{\"type\":\"user.created\",\"object\":\"event\",\"data\":{\"id\":\"user_29w83sxmDNGwOuEthce5gg56FcC\","
			+ "\"primary_email_address_id\":\"idn_1\",\"email_addresses\":[{\"id\":\"idn_1\",\"email_address\":\"ada@example.com\"}]}}";

	@Test
	void svixSignedClerkWebhookIsPublishedOnceAndForgeriesAreRefused() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
			.withBean(RecordingWebhookListener.class)
			.withPropertyValues("saas.auth.clerk.webhook-secret=" + SECRET)
			.run((context) -> {
				MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
				long now = Instant.now().getEpochSecond();
				byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
				String signature = StandardWebhookVerifier.sign(SECRET, "msg_1", now, body);
				for (int i = 0; i < 2; i++) {
					mvc.perform(post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
						.header("svix-id", "msg_1")
						.header("svix-timestamp", String.valueOf(now))
						.header("svix-signature", signature)
						.content(body)).andExpect(status().is2xxSuccessful());
				}
				mvc.perform(post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
					.header("svix-id", "msg_2")
					.header("svix-timestamp", String.valueOf(now))
					.header("svix-signature", signature)
					.content(body)).andExpect(status().isUnauthorized());
				long stale = now - 301;
				mvc.perform(post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
					.header("svix-id", "msg_3")
					.header("svix-timestamp", String.valueOf(stale))
					.header("svix-signature", StandardWebhookVerifier.sign(SECRET, "msg_3", stale, body))
					.content(body)).andExpect(status().isUnauthorized());
				assertThat(context.getBean(RecordingWebhookListener.class).of(ClerkUserEvent.class)).singleElement()
					.satisfies((event) -> assertThat(event.userId()).isEqualTo("user_29w83sxmDNGwOuEthce5gg56FcC"));
			});
	}

}
