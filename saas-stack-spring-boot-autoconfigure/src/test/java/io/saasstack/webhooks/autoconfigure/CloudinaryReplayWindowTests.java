package io.saasstack.webhooks.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.saasstack.webhooks.CloudinaryWebhookVerifier;
import io.saasstack.webhooks.MediaUploadEvent;
import io.saasstack.webhooks.RecordingWebhookListener;
import io.saasstack.webhooks.WebhookPayloads;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A captured Cloudinary notification (no id: the replay guard keys it by its body's hash) cannot
 * be published again once the guard has forgotten it: notifications are accepted for the replay
 * window only, not the two hours of Cloudinary's SDKs.
 */
class CloudinaryReplayWindowTests {

	private static final String SECRET = "cld_replay_secret";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withBean(RecordingWebhookListener.class)
		.withPropertyValues("saas.webhooks.cloudinary.enabled=true", "saas.media.cloudinary.api-secret=" + SECRET);

	@Test
	void notificationOlderThanTheDefaultWindowIsRefused() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			send(mvc, Duration.ofMinutes(11), status().isUnauthorized());
			send(mvc, Duration.ofMinutes(111), status().isUnauthorized());
			send(mvc, Duration.ofMinutes(9), status().is2xxSuccessful());
			send(mvc, Duration.ofMinutes(9), status().is2xxSuccessful());
			assertThat(context.getBean(RecordingWebhookListener.class).of(MediaUploadEvent.class)).hasSize(1);
		});
	}

	@Test
	void longerWindowAcceptsOlderNotificationsUpToCloudinarysTwoHours() {
		this.contextRunner.withPropertyValues("saas.webhooks.replay-window=3h").run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			send(mvc, Duration.ofMinutes(111), status().is2xxSuccessful());
			send(mvc, Duration.ofMinutes(121), status().isUnauthorized());
			assertThat(context.getBean(RecordingWebhookListener.class).of(MediaUploadEvent.class)).hasSize(1);
		});
	}

	private static void send(MockMvc mvc, Duration age, ResultMatcher expected) throws Exception {
		String timestamp = String.valueOf(Instant.now().minus(age).getEpochSecond());
		byte[] body = WebhookPayloads.CLOUDINARY_UPLOAD.getBytes(StandardCharsets.UTF_8);
		mvc.perform(post("/webhooks/cloudinary").contentType(MediaType.APPLICATION_JSON)
			.header("X-Cld-Timestamp", timestamp)
			.header("X-Cld-Signature",
					CloudinaryWebhookVerifier.sign(SECRET, CloudinaryWebhookVerifier.Algorithm.SHA1, timestamp, body))
			.content(body)).andExpect(expected);
	}

}
