package io.saasstack.auth.clerk;

import io.saasstack.auth.security.SaasTokenException;
import io.saasstack.auth.security.TokenFailure;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * A Clerk session token rejected before its claims are validated: malformed token, header
 * (algorithm, type, category), key or signature. Claim failures are
 * {@link JwtValidationException}s whose {@link OAuth2Error#getErrorCode() error codes} are the
 * same reason ids. Both are {@code BadJwtException}s, which Spring Security answers with 401.
 *
 * @since 0.1.0
 */
public class ClerkTokenException extends SaasTokenException {

	public ClerkTokenException(String reason, String message) {
		this(reason, message, null);
	}

	public ClerkTokenException(String reason, String message, @Nullable Throwable cause) {
		super(failure(reason), reason, message + " (" + reason + ")", cause);
	}

	/** The {@code @clerk/backend} reason id, for example {@code token-invalid-signature}. */
	@Override
	public String getReason() {
		String reason = super.getReason();
		return (reason != null) ? reason : "token-invalid";
	}

	/** The category of a reason id raised before the claims are validated. */
	static TokenFailure failure(String reason) {
		return switch (reason) {
			case "token-invalid-signature", "token-invalid-algorithm", "jwk-kid-mismatch", "jwk-local-missing" ->
				TokenFailure.SIGNATURE;
			case "jwk-remote-failed-to-load", "jwk-remote-invalid", "jwk-remote-missing", "jwk-failed-to-resolve",
					"secret-key-invalid" ->
				TokenFailure.KEY_SET_UNAVAILABLE;
			case "token-invalid" -> TokenFailure.MALFORMED;
			default -> TokenFailure.INVALID;
		};
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
