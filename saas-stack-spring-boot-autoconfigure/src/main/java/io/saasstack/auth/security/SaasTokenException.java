package io.saasstack.auth.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A bearer token refused for a known {@link TokenFailure category}; a {@link BadJwtException},
 * which Spring Security answers with 401.
 *
 * @since 0.1.0
 */
public class SaasTokenException extends BadJwtException {

	private final TokenFailure failure;

	private final @Nullable String reason;

	public SaasTokenException(TokenFailure failure, String message) {
		this(failure, null, message, null);
	}

	public SaasTokenException(TokenFailure failure, String message, @Nullable Throwable cause) {
		this(failure, null, message, cause);
	}

	/**
	 * @param failure the category
	 * @param reason the provider's reason id, without any of the token's content, or null
	 * @param message the detail
	 * @param cause the cause, or null
	 */
	protected SaasTokenException(TokenFailure failure, @Nullable String reason, String message,
			@Nullable Throwable cause) {
		super(message, cause);
		this.failure = failure;
		this.reason = reason;
	}

	/** Why the token was refused. */
	public TokenFailure failure() {
		return this.failure;
	}

	/** The provider's reason id, for example {@code token-invalid-signature}, or null. */
	public @Nullable String getReason() {
		return this.reason;
	}

}
