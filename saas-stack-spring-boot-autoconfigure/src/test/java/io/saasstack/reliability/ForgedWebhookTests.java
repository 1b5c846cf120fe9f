package io.saasstack.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.saasstack.reliability.WebhookForgeries.Forgery;
import io.saasstack.webhooks.RecordingWebhookListener;
import io.saasstack.webhooks.WebhookReceived;
import io.saasstack.webhooks.autoconfigure.WebhooksAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Forged, tampered and replayed deliveries ({@link WebhookForgeries}) against every webhook
 * endpoint at once (Clerk, Resend, Supabase hooks, ImageKit in both schemes, Cloudinary): every
 * forgery gets 401 (413 for a body over the limit) and publishes nothing; a genuine delivery is
 * published once, however often it is replayed or re-signed.
 */
class ForgedWebhookTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class))
		.withBean(RecordingWebhookListener.class)
		.withPropertyValues(properties());

	@Test
	void noForgeryIsAcceptedAndReplaysArePublishedOnce() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			long now = Instant.now().getEpochSecond();
			Map<String, Map<String, Integer>> report = new LinkedHashMap<>();
			List<String> unexpected = new ArrayList<>();
			int total = 0;
			for (WebhookSchemes scheme : WebhookSchemes.values()) {
				Map<String, Integer> counts = new TreeMap<>();
				for (Forgery forgery : WebhookForgeries.corpus(scheme, now)) {
					int status = status(mvc, scheme, forgery.headers(), forgery.body());
					counts.merge(forgery.category() + " " + status, 1, Integer::sum);
					if (status != forgery.expectedStatus() && unexpected.size() < 200) {
						unexpected.add(scheme + " " + forgery.category() + ": " + status + " " + forgery.headers());
					}
					total++;
				}
				report.put(scheme.name(), counts);
			}
			report.forEach((scheme, counts) -> System.out.println("forged webhooks " + scheme + ": " + counts));
			System.out.println("forged webhooks: " + total + " deliveries, " + listener.events.size() + " published");
			assertThat(unexpected).isEmpty();
			assertThat(listener.events).isEmpty();
			assertThat(total).isGreaterThanOrEqualTo(1000);

			for (WebhookSchemes scheme : WebhookSchemes.values()) {
				byte[] body = scheme.bodyBytes();
				String id = "msg_genuine_" + scheme.name().toLowerCase();
				HttpHeaders genuine = scheme.sign(scheme.secret, id, now, body);
				int before = received(listener, scheme).size();
				for (int i = 0; i < 20; i++) {
					assertThat(status(mvc, scheme, genuine, body)).as("%s replay %d", scheme, i).isBetween(200, 299);
				}
				// signed again, later: the same message for the guard (its id, or the body's hash)
				assertThat(status(mvc, scheme, scheme.sign(scheme.secret, id, now + 1, body), body)).isBetween(200, 299);
				if (scheme.hasId()) {
					byte[] other = scheme.body.replace("}}", ",\"x\":1}}").getBytes();
					assertThat(status(mvc, scheme, scheme.sign(scheme.secret, id, now, other), other)).isBetween(200, 299);
				}
				assertThat(received(listener, scheme)).as("%s published", scheme).hasSize(before + 1);
			}
			System.out.println("genuine webhooks: " + WebhookSchemes.values().length + " messages, each delivered 22 times, "
					+ listener.of(WebhookReceived.class).size() + " published");
		});
	}

	private static List<WebhookReceived> received(RecordingWebhookListener listener, WebhookSchemes scheme) {
		return listener.of(WebhookReceived.class).stream().filter((event) -> event.provider().equals(scheme.provider)).toList();
	}

	private static int status(MockMvc mvc, WebhookSchemes scheme, HttpHeaders headers, byte[] body) {
		try {
			return mvc.perform(post(scheme.path()).contentType(MediaType.APPLICATION_JSON).headers(headers).content(body))
				.andReturn()
				.getResponse()
				.getStatus();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String[] properties() {
		List<String> properties = new ArrayList<>();
		for (WebhookSchemes scheme : WebhookSchemes.values()) {
			for (String property : scheme.properties()) {
				if (!properties.contains(property)) {
					properties.add(property);
				}
			}
		}
		return properties.toArray(String[]::new);
	}

}
