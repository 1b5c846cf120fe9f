package io.saasstack.auth.supabase.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.saasstack.core.SaasJson;
import io.saasstack.webhooks.InMemoryWebhookReplayGuard;
import io.saasstack.webhooks.StandardWebhookVerifier;
import io.saasstack.webhooks.WebhookAnswerer;
import io.saasstack.webhooks.WebhookEndpoint;
import io.saasstack.webhooks.WebhookProcessor;
import io.saasstack.webhooks.WebhookResponse;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supabase Auth hook requests as Supabase sends them (Standard Webhooks signature with the hook
 * secret), through a {@link WebhookProcessor} that asks the given answerer: the path of a real
 * request minus HTTP.
 */
final class SupabaseHookRequests {

	static final String KEY = Base64.getEncoder()
		.encodeToString("a 32 byte key for supabase hooks".getBytes(StandardCharsets.US_ASCII));

	/** The hook secret as Supabase shows it. */
	static final String SECRET = "v1,whsec_" + KEY;

	final List<Object> published = new ArrayList<>();

	private final WebhookProcessor processor;

	private final WebhookEndpoint endpoint = new WebhookEndpoint("supabase", "/webhooks/supabase",
			StandardWebhookVerifier.supabaseHook(SECRET));

	SupabaseHookRequests(WebhookAnswerer answerer) {
		this.processor = new WebhookProcessor(this.published::add, new InMemoryWebhookReplayGuard(), false,
				List.of(answerer));
	}

	/** A payload of Supabase's documentation, {@code src/test/resources/supabase-hooks/<name>.json}. */
	static String documented(String name) {
		try (InputStream in = SupabaseHookRequests.class.getResourceAsStream("/supabase-hooks/" + name + ".json")) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Sends the body signed with the hook secret. */
	WebhookResponse send(String webhookId, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		long now = Instant.now().getEpochSecond();
		return send(webhookId, now, StandardWebhookVerifier.sign("whsec_" + KEY, webhookId, now, bytes), bytes);
	}

	WebhookResponse send(String webhookId, long timestamp, String signature, byte[] body) {
		HttpHeaders headers = new HttpHeaders();
		headers.add("webhook-id", webhookId);
		headers.add("webhook-timestamp", String.valueOf(timestamp));
		headers.add("webhook-signature", signature);
		return this.processor.process(this.endpoint, headers, body);
	}

	/** Asserts a 200 JSON answer equal to this JSON, no more, no less. */
	static void answered(WebhookResponse response, String json) {
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.contentType()).hasToString("application/json");
		assertThat(tree(response.body())).isEqualTo(tree(json));
	}

	static JsonNode tree(String json) {
		return SaasJson.mapper().readTree(json);
	}

}
