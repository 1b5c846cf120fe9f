package io.saasstack.console;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request to the console, the same for the servlet and the reactive routes.
 *
 * @param method the HTTP method
 * @param path the path below the console's own, {@code /} or starting with {@code /}
 * @param parameters the query parameters (the first value of each)
 * @param contentType the request's {@code Content-Type}, or null
 * @param body the body, empty for a {@code GET}
 * @since 0.1.0
 */
public record ConsoleRequest(String method, String path, Map<String, String> parameters,
		@Nullable String contentType, byte[] body) {

	/** The largest body the routes read (64 KiB): the console only receives small forms. */
	public static final int MAX_BODY_BYTES = 64 * 1024;

	/** A query parameter, or null. */
	public @Nullable String parameter(String name) {
		String value = this.parameters.get(name);
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

}
