package io.saasstack.events.logsnag;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.ProviderErrorDecoder;

/**
 * Decodes LogSnag API errors (reference {@code events-logsnag.md} §5 "Responses and errors" and §6
 * "What the official Node SDKs do").
 * <p>
 * The one documented error body is the 400 validation error:
 * {@code {"message":"Validation Error","validation":{"body":[{"path","type","message"}…],"headers":[…]}}}.
 * <ul>
 * <li>message: the {@code validation.body[].message} values joined with {@code ", "}, exactly as
 * the official JS SDK builds its error message. When {@code body} has none (a request rejected
 * only for its headers, such as a malformed {@code Authorization}), the
 * {@code validation.headers[].message} values are joined the same way, where the SDK would give
 * an empty text; then the top-level {@code message}; then a snippet of a non-JSON body (a
 * proxy's HTML 502, on which the SDK itself fails).</li>
 * <li>code: LogSnag sends no error code. {@code validation_error} is given to the validation body
 * (a {@code validation} object, or the message "Validation Error"): it is that body's own
 * {@code message} in code form, and it lets callers tell a request that will never succeed from
 * other failures without matching message text. The per-item {@code type} values
 * ({@code too_small}, {@code invalid_type}, ...) describe single fields, not the error, so none
 * of them is the code. Other bodies (401, 403, 404, 429: undocumented) get no code.</li>
 * <li>request id: none documented; left to the client's request-id headers.</li>
 * </ul>
 * No retry hint or rate-limit header is documented, so the HTTP status decides.
 *
 * @since 0.1.0
 */
public final class LogSnagErrorDecoder implements ProviderErrorDecoder {

	/** A shared instance; the decoder is stateless. */
	public static final LogSnagErrorDecoder INSTANCE = new LogSnagErrorDecoder();

	/** The code given to LogSnag's validation error body. */
	public static final String VALIDATION_ERROR = "validation_error";

	public LogSnagErrorDecoder() {
	}

	@Override
	public ProviderError decode(ErrorResponse response) {
		JsonNode json = response.json();
		JsonNode validation = (json != null) ? json.get("validation") : null;
		String topMessage = response.text("message");
		String message = null;
		if (validation != null && validation.isObject()) {
			message = joined(validation.get("body"));
			if (message == null) {
				message = joined(validation.get("headers"));
			}
		}
		if (message == null) {
			message = (topMessage != null) ? topMessage : response.snippetIfNotJson();
		}
		boolean validationError = (validation != null && validation.isObject())
				|| "Validation Error".equalsIgnoreCase(topMessage);
		return ProviderError.of(validationError ? VALIDATION_ERROR : null, message, null);
	}

	private static @Nullable String joined(@Nullable JsonNode items) {
		if (items == null || !items.isArray()) {
			return null;
		}
		List<String> messages = new ArrayList<>();
		for (JsonNode item : items) {
			JsonNode message = item.isObject() ? item.get("message") : null;
			if (message != null && !message.isNull() && !message.isContainer()) {
				String text = message.asString();
				if (text != null && !text.isBlank()) {
					messages.add(text);
				}
			}
		}
		return messages.isEmpty() ? null : String.join(", ", messages);
	}

}
