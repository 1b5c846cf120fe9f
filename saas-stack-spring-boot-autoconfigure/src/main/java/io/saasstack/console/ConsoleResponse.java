package io.saasstack.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.core.SaasJson;
import org.jspecify.annotations.Nullable;

/**
 * What the console answers, the same for the servlet and the reactive routes.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type}, or null without a body
 * @param headers further headers
 * @param body the body, possibly empty
 * @since 0.1.0
 */
public record ConsoleResponse(int status, @Nullable String contentType, Map<String, String> headers, byte[] body) {

	/** Nothing may load from anywhere but the console itself, no inline script. */
	static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			+ "connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";

	/** A captured mail's HTML: no script, nothing remote, inline styles and data: images only. */
	static final String MAIL_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

	static ConsoleResponse json(Object value) {
		return bytes(200, "application/json", SaasJson.mapper().writeValueAsBytes(value));
	}

	static ConsoleResponse rawJson(String json) {
		return bytes(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
	}

	static ConsoleResponse bytes(int status, String contentType, byte[] body) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Cache-Control", "no-store");
		headers.put("X-Content-Type-Options", "nosniff");
		return new ConsoleResponse(status, contentType, headers, body);
	}

	static ConsoleResponse error(int status, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("error", message);
		return bytes(status, "application/json", SaasJson.mapper().writeValueAsBytes(body));
	}

	static ConsoleResponse notFound() {
		return error(404, "Not found");
	}

	static ConsoleResponse redirect(String location) {
		return new ConsoleResponse(302, null, Map.of("Location", location), new byte[0]);
	}

	/** This response with one more header. */
	ConsoleResponse header(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new ConsoleResponse(this.status, this.contentType, headers, this.body);
	}

}
