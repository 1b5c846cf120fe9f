package io.saasstack.auth.security;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Finds the token of a request from its {@code Authorization} header and cookies, the same way
 * for servlet and reactive applications.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TokenExtractor {

	/** {@code Authorization: Bearer <token>} only (scheme compared ignoring case, as RFC 6750 says). */
	TokenExtractor BEARER_HEADER = (authorization, cookies) -> {
		if (authorization == null || authorization.length() < 7
				|| !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).strip();
		return token.isEmpty() ? null : token;
	};

	/**
	 * The token, or null when the request carries none.
	 * @param authorization the {@code Authorization} header, or null
	 * @param cookies cookie values by name
	 */
	@Nullable String extract(@Nullable String authorization, Map<String, String> cookies);

}
