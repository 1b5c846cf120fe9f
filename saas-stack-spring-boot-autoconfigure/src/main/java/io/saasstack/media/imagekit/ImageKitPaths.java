package io.saasstack.media.imagekit;

/**
 * Percent-encoding of URL paths as ImageKit's Java v3 SDK does it, which passes the path to
 * {@code new java.net.URI(scheme, null, host, port, path, null, null).toASCIIString()}: every
 * character but the unreserved ones ({@code A-Z a-z 0-9 - _ . ! ~ * ' ( )}), {@code : @ & = + $ ,},
 * {@code ;} and {@code /} is written as UTF-8 bytes in upper-case {@code %XX} form, {@code %}
 * included.
 */
final class ImageKitPaths {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private static final boolean[] PATH_CHARS = new boolean[128];

	static {
		for (char c = 'a'; c <= 'z'; c++) {
			PATH_CHARS[c] = true;
		}
		for (char c = 'A'; c <= 'Z'; c++) {
			PATH_CHARS[c] = true;
		}
		for (char c = '0'; c <= '9'; c++) {
			PATH_CHARS[c] = true;
		}
		for (char c : "-_.!~*'():@&=+$,;/".toCharArray()) {
			PATH_CHARS[c] = true;
		}
	}

	private ImageKitPaths() {
	}

	/**
	 * Appends a relative file path: leading and trailing slashes dropped, runs of slashes
	 * collapsed, encoded ({@code %} too).
	 */
	static void appendFilePath(StringBuilder sb, String path) {
		int start = 0;
		int end = path.length();
		while (start < end && path.charAt(start) == '/') {
			start++;
		}
		while (end > start && path.charAt(end - 1) == '/') {
			end--;
		}
		boolean slash = false;
		for (int i = start; i < end; i++) {
			char c = path.charAt(i);
			if (c == '/') {
				if (!slash) {
					sb.append('/');
				}
				slash = true;
			}
			else {
				slash = false;
				i = appendChar(sb, path, i, end, false);
			}
		}
	}

	/**
	 * Appends characters encoded for a path.
	 * @param keepEscapes whether a {@code %} followed by two hex digits is kept as an escape
	 */
	static void appendEncoded(StringBuilder sb, CharSequence text, int from, int to, boolean keepEscapes) {
		for (int i = from; i < to; i++) {
			i = appendChar(sb, text, i, to, keepEscapes);
		}
	}

	/** Appends the character at {@code i}, encoded; returns the index of its last char. */
	private static int appendChar(StringBuilder sb, CharSequence text, int i, int to, boolean keepEscapes) {
		char c = text.charAt(i);
		if (c < 0x80) {
			if (PATH_CHARS[c] || (keepEscapes && c == '%' && isEscape(text, i, to))) {
				sb.append(c);
			}
			else {
				appendEscape(sb, c);
			}
			return i;
		}
		int codePoint = c;
		int last = i;
		if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
			codePoint = Character.toCodePoint(c, text.charAt(i + 1));
			last = i + 1;
		}
		else if (Character.isSurrogate(c)) {
			// what the JDK's UTF-8 encoder substitutes for a lone surrogate
			codePoint = '?';
		}
		appendUtf8(sb, codePoint);
		return last;
	}

	private static boolean isEscape(CharSequence text, int i, int to) {
		return i + 2 < to && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2));
	}

	private static boolean isHex(char c) {
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
	}

	private static void appendUtf8(StringBuilder sb, int codePoint) {
		if (codePoint < 0x80) {
			appendEscape(sb, codePoint);
		}
		else if (codePoint < 0x800) {
			appendEscape(sb, 0xC0 | (codePoint >> 6));
			appendEscape(sb, 0x80 | (codePoint & 0x3F));
		}
		else if (codePoint < 0x10000) {
			appendEscape(sb, 0xE0 | (codePoint >> 12));
			appendEscape(sb, 0x80 | ((codePoint >> 6) & 0x3F));
			appendEscape(sb, 0x80 | (codePoint & 0x3F));
		}
		else {
			appendEscape(sb, 0xF0 | (codePoint >> 18));
			appendEscape(sb, 0x80 | ((codePoint >> 12) & 0x3F));
			appendEscape(sb, 0x80 | ((codePoint >> 6) & 0x3F));
			appendEscape(sb, 0x80 | (codePoint & 0x3F));
		}
	}

	private static void appendEscape(StringBuilder sb, int b) {
		sb.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
	}

}
