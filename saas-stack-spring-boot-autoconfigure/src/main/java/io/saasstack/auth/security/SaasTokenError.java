package io.saasstack.auth.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;

/**
 * A claim validation error that knows its {@link TokenFailure category}, so that the category does
 * not have to be guessed from a provider's error code or text.
 *
 * @since 0.1.0
 */
public final class SaasTokenError extends OAuth2Error {

	private static final long serialVersionUID = 1L;

	private final TokenFailure failure;

	public SaasTokenError(TokenFailure failure, String errorCode, @Nullable String description) {
		super(errorCode, description, null);
		this.failure = failure;
	}

	/** A failed validation result of one such error. */
	public static OAuth2TokenValidatorResult failure(TokenFailure failure, String errorCode, String description) {
		return OAuth2TokenValidatorResult.failure(new SaasTokenError(failure, errorCode, description));
	}

	/** Why the token was refused. */
	public TokenFailure failure() {
		return this.failure;
	}

}
