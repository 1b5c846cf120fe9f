package io.saasstack.reliability;

import java.nio.charset.StandardCharsets;
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
import static org.assertj.core.api.Assertions.entry;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Forged, tampered and replayed deliveries ({@link WebhookForgeries}) against every webhook
 * endpoint at once (Clerk, Resend, Supabase hooks, ImageKit in both schemes, Cloudinary): every
 * forgery gets 401 (413 for a body over the limit) and publishes nothing; a genuine delivery is
 * published once, however often it is replayed or re-signed. The figures are those of
 * {@code docs/reliability.md}: 1,426 forgeries (1,414 × 401, 12 × 413), 22 deliveries of each
 * genuine message.
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
			Map<Integer, Integer> byStatus = new TreeMap<>();
			report.values().forEach((counts) -> counts.forEach((key, count) -> byStatus
				.merge(Integer.parseInt(key.substring(key.lastIndexOf(' ') + 1)), count, Integer::sum)));
			assertThat(unexpected).isEmpty();
			assertThat(listener.events).isEmpty();
			assertThat(total).as("forged deliveries").isEqualTo(1_426);
			assertThat(byStatus).as("forged deliveries by status").containsExactly(entry(401, 1_414), entry(413, 12));

			for (WebhookSchemes scheme : WebhookSchemes.values()) {
				int before = received(listener, scheme).size();
				List<Integer> statuses = new ArrayList<>();
				for (Delivery delivery : genuineDeliveries(scheme, now)) {
					statuses.add(status(mvc, scheme, delivery.headers(), delivery.body()));
				}
				assertThat(statuses).as("%s genuine deliveries", scheme).hasSize(22).allSatisfy((status) -> assertThat(status)
					.isBetween(200, 299));
				assertThat(received(listener, scheme)).as("%s published", scheme).hasSize(before + 1);
			}
			assertThat(listener.of(WebhookReceived.class)).hasSize(WebhookSchemes.values().length);
		});
	}

	/**
	 * 22 deliveries of one genuine message: 20 replays, the message signed again a second later,
	 * and one more that is the same message for the replay guard: under the same id with another
	 * body when the scheme names its messages, else (the guard keys on the body's hash) the
	 * signature header with blanks around its value, which leaves the signed message as it is.
	 */
	static List<Delivery> genuineDeliveries(WebhookSchemes scheme, long now) {
		byte[] body = scheme.bodyBytes();
		String id = "msg_genuine_" + scheme.name().toLowerCase();
		HttpHeaders genuine = scheme.sign(scheme.secret, id, now, body);
		List<Delivery> deliveries = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			deliveries.add(new Delivery(genuine, body));
		}
		deliveries.add(new Delivery(scheme.sign(scheme.secret, id, now + 1, body), body));
		if (scheme.hasId()) {
			byte[] other = scheme.body.replace("}}", ",\"x\":1}}").getBytes(StandardCharsets.UTF_8);
			deliveries.add(new Delivery(scheme.sign(scheme.secret, id, now, other), other));
		}
		else {
			HttpHeaders padded = new HttpHeaders();
			padded.putAll(genuine);
			padded.set(scheme.signatureHeader, " " + genuine.getFirst(scheme.signatureHeader) + " ");
			deliveries.add(new Delivery(padded, body));
		}
		return deliveries;
	}

	record Delivery(HttpHeaders headers, byte[] body) {
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
