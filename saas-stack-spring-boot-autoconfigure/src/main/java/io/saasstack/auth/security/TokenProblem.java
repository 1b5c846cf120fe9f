package io.saasstack.auth.security;

import java.nio.charset.StandardCharsets;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The RFC 9457 problem body of a 401 from the resource server: the same fixed description as the
 * {@code WWW-Authenticate} header ({@link PublicTokenFailures}), never the token's content.
 */
final class TokenProblem {

	static final String CONTENT_TYPE = "application/problem+json";

	private TokenProblem() {
	}

	/** The body, for the request path. */
	static byte[] body(int status, AuthenticationException failure, String path) {
		String title = (status == 403) ? "Forbidden" : "Unauthorized";
		// as Spring's ProblemDetail: no "type" (about:blank), members in alphabetical order
		return ("{\"detail\":" + quote(detail(failure)) + ",\"instance\":" + quote(path) + ",\"status\":" + status
				+ ",\"title\":\"" + title + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static String detail(AuthenticationException failure) {
		if (failure instanceof OAuth2AuthenticationException oauth2) {
			OAuth2Error error = oauth2.getError();
			if (error.getDescription() != null) {
				return error.getDescription();
			}
		}
		return "A bearer token is required";
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
