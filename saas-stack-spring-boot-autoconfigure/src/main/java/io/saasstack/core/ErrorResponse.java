package io.saasstack.core;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * A provider's error response as received: status, headers and raw body, with a lenient JSON
 * view. Bodies are often not JSON (an HTML page from a CDN, an empty 502), so nothing here throws.
 *
 * @since 0.1.0
 */
public final class ErrorResponse {

	private static final int SNIPPET_LENGTH = 200;

	/** A JSON string field whose name says it holds a credential: the name, then the value. */
	private static final Pattern CREDENTIAL_FIELD = Pattern.compile(
			"(?i)(\"[^\"]*(?:key|secret|token|password|passwd|authorization|credential|signature|cookie)[^\"]*\"\\s*:\\s*)"
					+ "\"(?:[^\"\\\\]|\\\\.)*\"");

	private final int status;

	private final HttpHeaders headers;

	private final byte[] body;

	private @Nullable JsonNode json;

	private boolean parsed;

	public ErrorResponse(int status, HttpHeaders headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	/** HTTP status code. */
	public int status() {
		return this.status;
	}

	/** Response headers. */
	public HttpHeaders headers() {
		return this.headers;
	}

	/** First value of a header, stripped, or null when absent or blank. */
	public @Nullable String header(String name) {
		String value = this.headers.getFirst(name);
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

	/** The first candidate that is not null, or null. */
	public static @Nullable String firstOf(@Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null) {
				return candidate;
			}
		}
		return null;
	}

	/** Raw body bytes, empty when the response had no body. */
	public byte[] body() {
		return this.body;
	}

	/** The body parsed as a JSON object, or null when it is empty, not JSON or not an object. */
	public @Nullable JsonNode json() {
		if (!this.parsed) {
			this.parsed = true;
			this.json = parseObject(this.body);
		}
		return this.json;
	}

	/**
	 * A short single-line excerpt of the body, for messages; null when the body is empty. HTML
	 * tags are removed so that a CDN error page reads as its text, and the values of JSON fields
	 * named like credentials ({@code api_key}, {@code token}, {@code secret}, {@code password},
	 * {@code authorization}, {@code signature}, ...) are replaced by {@code …}. The client also
	 * masks its own secrets in every message.
	 */
	public @Nullable String snippet() {
		if (this.body.length == 0) {
			return null;
		}
		String text = new String(this.body, 0, Math.min(this.body.length, 4096), StandardCharsets.UTF_8);
		if (isHtml()) {
			text = text.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ");
		}
		text = CREDENTIAL_FIELD.matcher(text).replaceAll("$1\"…\"");
		text = text.replaceAll("\\s+", " ").strip();
		if (text.isEmpty()) {
			return null;
		}
		return (text.length() > SNIPPET_LENGTH) ? text.substring(0, SNIPPET_LENGTH) + "…" : text;
	}

	/** The {@link #snippet()} when the body is not a JSON object, else null. */
	public @Nullable String snippetIfNotJson() {
		return (json() == null) ? snippet() : null;
	}

	private boolean isHtml() {
		MediaType contentType = this.headers.getContentType();
		return contentType != null && contentType.isCompatibleWith(MediaType.TEXT_HTML);
	}

	/** Text of a JSON field, following a path of object keys; null when missing, blank or not a value. */
	public @Nullable String text(String... path) {
		return text(json(), false, path);
	}

	/** Like {@link #text(String...)}, but only for JSON strings: a number gives null. */
	public @Nullable String string(String... path) {
		return text(json(), true, path);
	}

	/** Text of a field below a node, following a path of object keys; null when missing, blank or not a value. */
	public static @Nullable String text(@Nullable JsonNode node, String... path) {
		return text(node, false, path);
	}

	private static @Nullable String text(@Nullable JsonNode start, boolean stringsOnly, String... path) {
		JsonNode node = start;
		for (String key : path) {
			if (node == null || !node.isObject()) {
				return null;
			}
			node = node.get(key);
		}
		if (node == null || node.isNull() || node.isContainer() || (stringsOnly && !node.isString())) {
			return null;
		}
		String text = node.asString();
		return (text == null || text.isBlank()) ? null : text;
	}

	private static @Nullable JsonNode parseObject(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode node = SaasJson.mapper().readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
