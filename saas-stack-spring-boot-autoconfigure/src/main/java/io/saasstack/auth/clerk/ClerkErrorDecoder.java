package io.saasstack.auth.clerk;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.ProviderErrorDecoder;

/**
 * Decodes Clerk Backend API errors (reference {@code auth-clerk.md} §7 "Backend API", "Errors"
 * and "Rate limits"; schema {@code ClerkErrors} of the BAPI OpenAPI 2026-05-12; vectors
 * {@code clerk/bapi-error}).
 * <p>
 * The body is {@code {"errors":[{"code","message","long_message","meta"}],"meta","clerk_trace_id"}}.
 * <ul>
 * <li>code: the {@code code} of the first error;</li>
 * <li>message: each error's {@code long_message}, else its {@code message}. The long message is
 * preferred because it is the self-contained one: the spec's own example pairs
 * {@code "message": "Bad Request"} with {@code "long_message": "Invalid 'url_parameter.example':
 * Failed regex check"}, and field errors carry the field name only in the long message. Both
 * are required by the schema, so nothing is lost. With several errors every one is kept, as
 * {@code "<message> (<code>)"} joined with {@code "; "}, so that the codes of all of them show;</li>
 * <li>request id: {@code clerk_trace_id}, else the {@code cf-ray} header, as {@code @clerk/backend}
 * does (vector "trace id falls back to cf-ray header").</li>
 * </ul>
 * Clerk gives no retry hint in the body: the HTTP status decides (the spec retries 5XX). Clerk's
 * 429 carries {@code Retry-After} in seconds, which
 * {@link io.saasstack.core.RateLimitParser#STANDARD} reads (a non-numeric value is ignored, as
 * in the vector "non-numeric Retry-After ignored"), so no Clerk parser is needed.
 *
 * @since 0.1.0
 */
public final class ClerkErrorDecoder implements ProviderErrorDecoder {

	/** A shared instance; the decoder is stateless. */
	public static final ClerkErrorDecoder INSTANCE = new ClerkErrorDecoder();

	public ClerkErrorDecoder() {
	}

	@Override
	public ProviderError decode(ErrorResponse response) {
		List<@Nullable String> codes = new ArrayList<>();
		List<@Nullable String> messages = new ArrayList<>();
		JsonNode json = response.json();
		JsonNode errors = (json != null) ? json.get("errors") : null;
		if (errors != null && errors.isArray()) {
			for (JsonNode error : errors) {
				if (error.isObject()) {
					String code = ErrorResponse.text(error, "code");
					String message = ErrorResponse.text(error, "long_message");
					if (message == null) {
						message = ErrorResponse.text(error, "message");
					}
					if (code != null || message != null) {
						codes.add(code);
						messages.add(message);
					}
				}
			}
		}
		String code = codes.isEmpty() ? null : codes.get(0);
		String message = message(codes, messages);
		if (message == null) {
			message = response.text("message");
		}
		if (message == null) {
			message = response.snippetIfNotJson();
		}
		return ProviderError.of(code, message, requestId(response));
	}

	private static @Nullable String message(List<@Nullable String> codes, List<@Nullable String> messages) {
		if (messages.size() == 1) {
			return messages.get(0);
		}
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < messages.size(); i++) {
			String message = messages.get(i);
			String code = codes.get(i);
			if (message != null && code != null) {
				parts.add(message + " (" + code + ")");
			}
			else {
				parts.add((message != null) ? message : code);
			}
		}
		return parts.isEmpty() ? null : String.join("; ", parts);
	}

	private static @Nullable String requestId(ErrorResponse response) {
		String traceId = response.text("clerk_trace_id");
		if (traceId != null) {
			return traceId;
		}
		return response.header("cf-ray");
	}


}
