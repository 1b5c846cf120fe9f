package io.saasstack.auth.clerk;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A Clerk session token rejected before its claims are validated: malformed token, header
 * (algorithm, type, category), key or signature. Claim failures are
 * {@link JwtValidationException}s whose {@link OAuth2Error#getErrorCode() error codes} are the
 * same reason ids. Both are {@link BadJwtException}s, which Spring Security answers with 401.
 *
 * @since 0.1.0
 */
public class ClerkTokenException extends BadJwtException {

	private final String reason;

	public ClerkTokenException(String reason, String message) {
		this(reason, message, null);
	}

	public ClerkTokenException(String reason, String message, @Nullable Throwable cause) {
		super(message + " (" + reason + ")", cause);
		this.reason = reason;
	}

	/** The {@code @clerk/backend} reason id, for example {@code token-invalid-signature}. */
	public String getReason() {
		return this.reason;
	}

	/**
	 * The reason id of a verification failure: that of a {@link ClerkTokenException}, or the
	 * error code of the first error of a {@link JwtValidationException}; null for anything else.
	 */
	public static @Nullable String reasonOf(@Nullable Throwable failure) {
		if (failure instanceof ClerkTokenException clerk) {
			return clerk.getReason();
		}
		if (failure instanceof JwtValidationException validation && !validation.getErrors().isEmpty()) {
			return validation.getErrors().iterator().next().getErrorCode();
		}
		return null;
	}

}
