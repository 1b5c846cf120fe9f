package io.saasstack.auth.security;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Checks of a token's form that come before, and do not depend on, any key: the token decoders of
 * every provider apply them, so that a token is read only in its one canonical encoding.
 * <p>
 * The JOSE library decodes base64url leniently (padding, whitespace and foreign characters are
 * skipped) and reads time claims through a {@code long} of milliseconds, which wraps around for
 * huge values: a far-future {@code nbf} would read as a past one.
 *
 * @since 0.1.0
 */
public final class JwtForm {

	private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");

	/** The largest number of epoch seconds whose milliseconds fit in a {@code long}. */
	private static final long MAX_SECONDS = Long.MAX_VALUE / 1000;

	private JwtForm() {
	}

	/**
	 * Whether the token is a compact JWS (RFC 7515 §7.1): three base64url segments, with no
	 * padding, whitespace or other character. The signature may be empty, so that an unsecured
	 * token is refused for its algorithm, with that reason.
	 */
	public static boolean isCompactJws(String token) {
		// one pass without allocation: this runs on every request
		int dots = 0;
		boolean emptySegment = true;
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == '.') {
				if (emptySegment || ++dots > 2) {
					return false;
				}
				emptySegment = true;
			}
			else if (isBase64Url(c)) {
				emptySegment = false;
			}
			else {
				return false;
			}
		}
		return dots == 2;
	}

	private static boolean isBase64Url(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
	}

	/**
	 * The first time claim ({@code exp}, {@code nbf}, {@code iat}) of a parsed payload that is a
	 * number too large to be a date, or null when there is none. Values of other types are the
	 * claim validators' to reject.
	 */
	public static @Nullable String timeClaimOutOfRange(Map<String, Object> payload) {
		for (String claim : TIME_CLAIMS) {
			Object value = payload.get(claim);
			if (value instanceof Number number && !inRange(number)) {
				return claim;
			}
		}
		return null;
	}

	private static boolean inRange(Number number) {
		if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
			long value = number.longValue();
			return value >= -MAX_SECONDS && value <= MAX_SECONDS;
		}
		if (number instanceof Double || number instanceof Float) {
			double value = number.doubleValue();
			return Double.isFinite(value) && value >= -MAX_SECONDS && value <= MAX_SECONDS;
		}
		return false;
	}

}
