package io.saasstack.auth.security;

import com.nimbusds.jose.proc.BadJOSEException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Why a bearer token was refused, as far as its sender may know: each category has a short fixed
 * description, the {@code error_description} of the {@code WWW-Authenticate} answer. The detail
 * of a refusal (provider messages, key ids, claim values) never leaves the server.
 *
 * @since 0.1.0
 */
public enum TokenFailure {

	/** Not a well-formed signed JWT. */
	MALFORMED("Malformed token"),

	/** {@code exp} has passed. */
	EXPIRED("Token expired"),

	/** {@code nbf} has not come yet. */
	NOT_YET_VALID("Token not valid yet"),

	/** The signature does not verify, or no accepted key or algorithm can verify it. */
	SIGNATURE("Invalid signature"),

	/** {@code iss}, {@code aud} or {@code azp} is not one this application accepts. */
	NOT_ACCEPTED("Token issuer, audience or authorized party not accepted"),

	/** The provider's signing keys could not be fetched: the token could not be checked. */
	KEY_SET_UNAVAILABLE("Signing keys unavailable"),

	/** The token's type (session, API key, M2M, OAuth) or carrier (a machine token in a cookie) is not accepted here. */
	TYPE_NOT_ACCEPTED("Token type not accepted"),

	/** The provider could not verify an opaque token (rate limit, server error, timeout): the token could not be checked. */
	VERIFICATION_UNAVAILABLE("Token verification unavailable"),

	/** Any other refusal, such as a missing or invalid claim. */
	INVALID("Invalid token");

	private final String description;

	TokenFailure(String description) {
		this.description = description;
	}

	/** The fixed description sent to the caller. */
	public String description() {
		return this.description;
	}

	/**
	 * The category of a decoder's failure: that of a {@link SaasTokenException} or of the first
	 * {@link SaasTokenError} of a {@link JwtValidationException}; for other failures, a
	 * signature failure when the JOSE library refused the token, else {@link #MALFORMED} when
	 * the decoder called it bad, else {@link #INVALID}.
	 */
	public static TokenFailure of(Throwable failure) {
		if (failure instanceof SaasTokenException token) {
			return token.failure();
		}
		if (failure instanceof JwtValidationException validation) {
			for (OAuth2Error error : validation.getErrors()) {
				if (error instanceof SaasTokenError categorized) {
					return categorized.failure();
				}
			}
			return INVALID;
		}
		if (hasCause(failure, BadJOSEException.class)) {
			return SIGNATURE;
		}
		return MALFORMED;
	}

	private static boolean hasCause(@Nullable Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
