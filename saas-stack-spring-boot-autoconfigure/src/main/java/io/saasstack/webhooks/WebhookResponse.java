package io.saasstack.webhooks;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;

/**
 * What a webhook endpoint answers: a status and a short body, never the request's content.
 *
 * @param status the HTTP status
 * @param contentType the body's type, null without a body
 * @param body the body, null for none
 * @since 0.1.0
 */
public record WebhookResponse(int status, @Nullable MediaType contentType, @Nullable String body) {

	static WebhookResponse noContent() {
		return new WebhookResponse(204, null, null);
	}

	/**
	 * A JSON answer.
	 * @param status the HTTP status
	 * @param json the body, already JSON
	 * @return the response
	 */
	public static WebhookResponse json(int status, String json) {
		return new WebhookResponse(status, MediaType.APPLICATION_JSON, json);
	}

	static WebhookResponse text(int status, String text) {
		return new WebhookResponse(status, MediaType.TEXT_PLAIN, text);
	}

}
