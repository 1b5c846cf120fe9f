package io.saasstack.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON answer as the README documents it, compared with the real one. The two must be equal as
 * JSON (the order of an object's members aside, numbers by value) except where the README marks an
 * elision with {@code …}, which stands for the elided remainder of a value:
 * <ul>
 * <li>{@code {…}}, {@code {"a":1,…}}: an object with the listed members (each matching) and any
 * others;</li>
 * <li>{@code […]}, {@code [1,2,…]}: an array that starts with the listed elements (each matching),
 * followed by any number of others, none included;</li>
 * <li>{@code "eyJ…"}, {@code "…"}: a string that starts with the text before the {@code …}.</li>
 * </ul>
 * A {@code …} anywhere else (in place of a value, before a member or an element, in the middle of a
 * string) is refused, so that every elision is visible and means one thing.
 */
final class ElidedJson {

	static final char ELLIPSIS = '…';

	private static final JsonMapper json = JsonMapper.builder().build();

	private final String text;

	private final Value value;

	private int position;

	private ElidedJson(String text) {
		this.text = text;
		this.value = value();
		skipWhitespace();
		if (this.position != text.length()) {
			throw error("unexpected text after the value");
		}
	}

	/**
	 * Reads the documented form.
	 * @param text JSON with optional {@code …} elisions
	 * @return the pattern
	 * @throws IllegalArgumentException if the text is not JSON or misplaces a {@code …}
	 */
	static ElidedJson parse(String text) {
		return new ElidedJson(text);
	}

	/** Whether the answer matches. */
	boolean matches(JsonNode actual) {
		return mismatch(actual) == null;
	}

	/** The first difference, as {@code $.path: what}, or null when the answer matches. */
	@Nullable String mismatch(JsonNode actual) {
		return this.value.mismatch(actual, "$");
	}

	@Override
	public String toString() {
		return this.text;
	}

	private Value value() {
		skipWhitespace();
		char c = peek();
		return switch (c) {
			case '{' -> object();
			case '[' -> array();
			case '"' -> string();
			case ELLIPSIS -> throw error("'…' may only end an object, an array or a string");
			default -> literal();
		};
	}

	private Value object() {
		this.position++;
		Map<String, Value> members = new LinkedHashMap<>();
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
			return new ObjectValue(members, false);
		}
		while (true) {
			skipWhitespace();
			if (peek() == ELLIPSIS) {
				this.position++;
				expectClosing('}');
				return new ObjectValue(members, true);
			}
			if (peek() != '"') {
				throw error("a member name expected");
			}
			Value name = string();
			if (!(name instanceof StringValue key) || key.open()) {
				throw error("a member name cannot be elided");
			}
			skipWhitespace();
			expect(':');
			if (members.put(key.text(), value()) != null) {
				throw error("member \"" + key.text() + "\" twice");
			}
			skipWhitespace();
			char next = next();
			if (next == '}') {
				return new ObjectValue(members, false);
			}
			if (next != ',') {
				throw error("',' or '}' expected");
			}
		}
	}

	private Value array() {
		this.position++;
		List<Value> elements = new ArrayList<>();
		skipWhitespace();
		if (peek() == ']') {
			this.position++;
			return new ArrayValue(elements, false);
		}
		while (true) {
			skipWhitespace();
			if (peek() == ELLIPSIS) {
				this.position++;
				expectClosing(']');
				return new ArrayValue(elements, true);
			}
			elements.add(value());
			skipWhitespace();
			char next = next();
			if (next == ']') {
				return new ArrayValue(elements, false);
			}
			if (next != ',') {
				throw error("',' or ']' expected");
			}
		}
	}

	private Value string() {
		int start = this.position;
		this.position++;
		while (peek() != '"') {
			if (next() == '\\') {
				next();
			}
		}
		this.position++;
		String quoted = this.text.substring(start, this.position);
		boolean open = quoted.endsWith(ELLIPSIS + "\"");
		if (open) {
			quoted = quoted.substring(0, quoted.length() - 2) + "\"";
		}
		String text = json.readValue(quoted, String.class);
		if (text.indexOf(ELLIPSIS) >= 0) {
			throw error("'…' may only end a string");
		}
		return new StringValue(text, open);
	}

	private Value literal() {
		int start = this.position;
		while (this.position < this.text.length() && ",]} \t\r\n".indexOf(this.text.charAt(this.position)) < 0) {
			this.position++;
		}
		String token = this.text.substring(start, this.position);
		JsonNode node;
		try {
			node = json.readTree(token);
		}
		catch (RuntimeException ex) {
			node = null;
		}
		if (node == null || !(node.isNumber() || node.isBoolean() || node.isNull())) {
			throw error("a JSON value expected, found '" + token + "'");
		}
		return new LiteralValue(node);
	}

	private void expectClosing(char closing) {
		skipWhitespace();
		if (next() != closing) {
			throw error("'…' must be the last entry, before '" + closing + "'");
		}
	}

	private void expect(char c) {
		if (next() != c) {
			throw error("'" + c + "' expected");
		}
	}

	private char peek() {
		if (this.position >= this.text.length()) {
			throw error("unexpected end");
		}
		return this.text.charAt(this.position);
	}

	private char next() {
		char c = peek();
		this.position++;
		return c;
	}

	private void skipWhitespace() {
		while (this.position < this.text.length() && Character.isWhitespace(this.text.charAt(this.position))) {
			this.position++;
		}
	}

	private IllegalArgumentException error(String message) {
		return new IllegalArgumentException(message + " at character " + this.position + " of " + this.text);
	}

	private sealed interface Value permits ObjectValue, ArrayValue, StringValue, LiteralValue {

		@Nullable String mismatch(JsonNode actual, String path);

	}

	private record ObjectValue(Map<String, Value> members, boolean open) implements Value {

		@Override
		public @Nullable String mismatch(JsonNode actual, String path) {
			if (!actual.isObject()) {
				return path + ": an object expected, was " + actual;
			}
			for (Map.Entry<String, Value> member : this.members.entrySet()) {
				JsonNode value = actual.get(member.getKey());
				if (value == null) {
					return path + ": no member \"" + member.getKey() + "\"";
				}
				String mismatch = member.getValue().mismatch(value, path + "." + member.getKey());
				if (mismatch != null) {
					return mismatch;
				}
			}
			if (!this.open) {
				for (String name : actual.propertyNames()) {
					if (!this.members.containsKey(name)) {
						return path + ": member \"" + name + "\" is not documented (or elided with …)";
					}
				}
			}
			return null;
		}

	}

	private record ArrayValue(List<Value> elements, boolean open) implements Value {

		@Override
		public @Nullable String mismatch(JsonNode actual, String path) {
			if (!actual.isArray()) {
				return path + ": an array expected, was " + actual;
			}
			if (actual.size() < this.elements.size() || (!this.open && actual.size() != this.elements.size())) {
				return path + ": " + this.elements.size() + (this.open ? " or more" : "") + " elements expected, was "
						+ actual.size();
			}
			for (int i = 0; i < this.elements.size(); i++) {
				String mismatch = this.elements.get(i).mismatch(actual.get(i), path + "[" + i + "]");
				if (mismatch != null) {
					return mismatch;
				}
			}
			return null;
		}

	}

	private record StringValue(String text, boolean open) implements Value {

		@Override
		public @Nullable String mismatch(JsonNode actual, String path) {
			if (!actual.isString()) {
				return path + ": a string expected, was " + actual;
			}
			String value = actual.stringValue();
			boolean matches = this.open ? value.startsWith(this.text) : value.equals(this.text);
			return matches ? null : path + ": \"" + this.text + (this.open ? "…" : "") + "\" expected, was " + actual;
		}

	}

	private record LiteralValue(JsonNode node) implements Value {

		@Override
		public @Nullable String mismatch(JsonNode actual, String path) {
			boolean matches = (this.node.isNumber() && actual.isNumber())
					? this.node.decimalValue().compareTo(actual.decimalValue()) == 0 : this.node.equals(actual);
			return matches ? null : path + ": " + this.node + " expected, was " + actual;
		}

	}

}
