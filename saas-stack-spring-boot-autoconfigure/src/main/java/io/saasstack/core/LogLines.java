package io.saasstack.core;

/**
 * Text written into log lines by the local stand-ins.
 *
 * @since 0.1.0
 */
public final class LogLines {

	private LogLines() {
	}

	/**
	 * The value as text on one line: control characters are escaped ({@code \n}, {@code \r},
	 * {@code \t}, {@code \\uXXXX}), so that user data cannot forge log lines.
	 */
	public static String oneLine(Object value) {
		String text = String.valueOf(value);
		StringBuilder cleaned = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				if (cleaned == null) {
					cleaned = new StringBuilder(text.length() + 8).append(text, 0, i);
				}
				switch (c) {
					case '\n' -> cleaned.append("\\n");
					case '\r' -> cleaned.append("\\r");
					case '\t' -> cleaned.append("\\t");
					default -> cleaned.append(String.format("\\u%04x", (int) c));
				}
			}
			else if (cleaned != null) {
				cleaned.append(c);
			}
		}
		return (cleaned != null) ? cleaned.toString() : text;
	}

}
