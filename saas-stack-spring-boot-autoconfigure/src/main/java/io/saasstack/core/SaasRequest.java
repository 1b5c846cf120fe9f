package io.saasstack.core;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * One call to a provider's API: operation name, method, path, query, headers and body.
 * Immutable; built with {@link #get}, {@link #post} and the other factory methods.
 * <p>
 * Path variables and query values are always fully percent-encoded. GET, HEAD, PUT, DELETE and
 * OPTIONS are retried when they fail in a retryable way; POST and PATCH only when they carry an
 * idempotency key or are declared {@link Builder#idempotent(boolean) idempotent}.
 *
 * @since 0.1.0
 */
public final class SaasRequest {

	private final String operation;

	private final HttpMethod method;

	private final String path;

	private final Object[] pathVariables;

	private final MultiValueMap<String, String> query;

	private final HttpHeaders headers;

	private final @Nullable Object body;

	private final byte @Nullable [] jsonBody;

	private final Body bodyType;

	private final boolean idempotent;

	private SaasRequest(Builder builder) {
		this.operation = builder.operation;
		this.method = builder.method;
		this.path = builder.path;
		this.pathVariables = builder.pathVariables;
		this.query = CollectionUtils.unmodifiableMultiValueMap(builder.query.deepCopy());
		this.headers = HttpHeaders.readOnlyHttpHeaders(HttpHeaders.copyOf(builder.headers));
		this.body = builder.body;
		this.jsonBody = builder.jsonBody;
		this.bodyType = builder.bodyType;
		this.idempotent = (builder.idempotent != null) ? builder.idempotent : isIdempotentMethod(builder.method);
	}

	private static boolean isIdempotentMethod(HttpMethod method) {
		return method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD) || method.equals(HttpMethod.PUT)
				|| method.equals(HttpMethod.DELETE) || method.equals(HttpMethod.OPTIONS);
	}

	public static Builder get(String operation, String path, Object... pathVariables) {
		return new Builder(operation, HttpMethod.GET, path, pathVariables);
	}

	public static Builder post(String operation, String path, Object... pathVariables) {
		return new Builder(operation, HttpMethod.POST, path, pathVariables);
	}

	public static Builder put(String operation, String path, Object... pathVariables) {
		return new Builder(operation, HttpMethod.PUT, path, pathVariables);
	}

	public static Builder patch(String operation, String path, Object... pathVariables) {
		return new Builder(operation, HttpMethod.PATCH, path, pathVariables);
	}

	public static Builder delete(String operation, String path, Object... pathVariables) {
		return new Builder(operation, HttpMethod.DELETE, path, pathVariables);
	}

	/** Low-cardinality name of the operation, used in observations and exceptions. */
	public String operation() {
		return this.operation;
	}

	public HttpMethod method() {
		return this.method;
	}

	/** Path template relative to the provider's base URL, with {@code {name}} placeholders. */
	public String path() {
		return this.path;
	}

	Object[] pathVariables() {
		return this.pathVariables;
	}

	/** The path template followed by the query template, with every value a variable. */
	String uriTemplate(List<Object> variables) {
		for (Object variable : this.pathVariables) {
			variables.add(variable);
		}
		if (this.query.isEmpty()) {
			return this.path;
		}
		StringBuilder template = new StringBuilder(this.path);
		char separator = this.path.contains("?") ? '&' : '?';
		for (Map.Entry<String, List<String>> entry : this.query.entrySet()) {
			for (String value : entry.getValue()) {
				template.append(separator).append("{_qn").append(variables.size()).append('}');
				variables.add(entry.getKey());
				template.append("={_qv").append(variables.size()).append('}');
				variables.add(value);
				separator = '&';
			}
		}
		return template.toString();
	}

	public MultiValueMap<String, String> query() {
		return this.query;
	}

	public HttpHeaders headers() {
		return this.headers;
	}

	public @Nullable Object body() {
		return this.body;
	}

	/** The JSON body as written by {@link SaasJson#mapper()}, or null when the body is not JSON. */
	byte @Nullable [] jsonBody() {
		return this.jsonBody;
	}

	Body bodyType() {
		return this.bodyType;
	}

	/** Whether repeating the request cannot apply its effect twice. */
	public boolean isIdempotent() {
		return this.idempotent;
	}

	@Override
	public String toString() {
		return this.method + " " + this.path + " (" + this.operation + ")";
	}

	enum Body {

		NONE, JSON, FORM, MULTIPART

	}

	/**
	 * Builder of a {@link SaasRequest}.
	 */
	public static final class Builder {

		private final String operation;

		private final HttpMethod method;

		private final String path;

		private final Object[] pathVariables;

		private final LinkedMultiValueMap<String, String> query = new LinkedMultiValueMap<>();

		private final HttpHeaders headers = new HttpHeaders();

		private @Nullable Object body;

		private Body bodyType = Body.NONE;

		private byte @Nullable [] jsonBody;

		private @Nullable Boolean idempotent;

		private Builder(String operation, HttpMethod method, String path, Object[] pathVariables) {
			Assert.hasText(operation, "operation must not be empty");
			Assert.hasText(path, "path must not be empty");
			for (Object variable : pathVariables) {
				Assert.notNull(variable, () -> "path variable of " + operation + " must not be null");
				checkSegments(operation, variable.toString());
			}
			this.operation = operation;
			this.method = method;
			this.path = path;
			this.pathVariables = pathVariables.clone();
		}

		// "/" is percent-encoded, but "." and ".." are unreserved: an id ".." would address the
		// parent resource, and servers that decode %2F before normalising see "a/../b" as one
		private static void checkSegments(String operation, String variable) {
			for (String segment : variable.split("[/\\\\]", -1)) {
				if (segment.equals(".") || segment.equals("..")) {
					throw new IllegalArgumentException("Invalid path variable of " + operation
							+ ": it contains a '.' or '..' segment, which would address another resource");
				}
			}
		}

		/** Adds a query parameter; a null value is skipped. */
		public Builder query(String name, @Nullable Object value) {
			if (value != null) {
				this.query.add(name, String.valueOf(value));
			}
			return this;
		}

		/** Adds a query parameter once per value. */
		public Builder query(String name, Iterable<?> values) {
			for (Object value : values) {
				query(name, value);
			}
			return this;
		}

		/** Sets a header; a null value is skipped. */
		public Builder header(String name, @Nullable String value) {
			if (value != null) {
				this.headers.set(name, value);
			}
			return this;
		}

		/** Sends an idempotency key, which makes the request safe to retry whatever its method. */
		public Builder idempotencyKey(String headerName, String key) {
			Assert.hasText(key, "idempotency key must not be empty");
			this.headers.set(headerName, key);
			this.idempotent = true;
			return this;
		}

		/** Overrides whether the request may be repeated, for APIs whose semantics the method does not tell. */
		public Builder idempotent(boolean idempotent) {
			this.idempotent = idempotent;
			return this;
		}

		/** A JSON body, written with {@link SaasJson#mapper()}. */
		public Builder json(Object body) {
			return body(body, Body.JSON);
		}

		/** An {@code application/x-www-form-urlencoded} body. */
		public Builder form(MultiValueMap<String, String> form) {
			return body(new LinkedMultiValueMap<>(form), Body.FORM);
		}

		/** A {@code multipart/form-data} body; values may be strings, byte arrays, resources or {@code HttpEntity}s. */
		public Builder multipart(MultiValueMap<String, ?> parts) {
			return body(new LinkedMultiValueMap<>(parts), Body.MULTIPART);
		}

		private Builder body(Object body, Body type) {
			Assert.notNull(body, "body must not be null");
			this.body = body;
			this.bodyType = type;
			return this;
		}

		/**
		 * Builds the request. A JSON body is written here, so a body that cannot be written fails
		 * before any network call.
		 * @throws IllegalArgumentException if the JSON body cannot be written
		 */
		public SaasRequest build() {
			if (this.bodyType == Body.JSON) {
				this.jsonBody = writeJson(this.body);
				if (this.headers.getContentType() == null) {
					this.headers.setContentType(MediaType.APPLICATION_JSON);
				}
			}
			if (!this.headers.containsHeader(HttpHeaders.ACCEPT)) {
				this.headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			}
			return new SaasRequest(this);
		}

		private byte[] writeJson(@Nullable Object body) {
			try {
				return SaasJson.mapper().writeValueAsBytes(body);
			}
			catch (JacksonException ex) {
				throw new IllegalArgumentException(
						"The body of " + this.operation + " cannot be written as JSON: " + ex.getOriginalMessage(), ex);
			}
		}

	}

}
