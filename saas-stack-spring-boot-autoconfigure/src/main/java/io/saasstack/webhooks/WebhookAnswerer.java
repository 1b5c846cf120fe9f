package io.saasstack.webhooks;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Answers a verified, first-time webhook with a body of its own, for providers that read the
 * answer (Supabase Auth hooks). The {@link WebhookProcessor} asks every answerer bean in order and
 * sends the first answer; without one, the usual acknowledgement.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WebhookAnswerer {

	/**
	 * The answer to a webhook, or null to leave it to the next answerer.
	 * @param provider the provider, for example {@code supabase}
	 * @param type the event type the processor found (see {@link WebhookProcessor})
	 * @param webhook the verified message, with its id
	 * @param payload the parsed body
	 * @return the answer, or null
	 */
	@Nullable Answer answer(String provider, String type, VerifiedWebhook webhook, Map<String, Object> payload);

	/**
	 * An answer.
	 *
	 * @param response what to send
	 * @param failed whether the answer reports a failure, so that the message id is released from the
	 * replay guard and a redelivery is processed again
	 */
	record Answer(WebhookResponse response, boolean failed) {

	}

}
