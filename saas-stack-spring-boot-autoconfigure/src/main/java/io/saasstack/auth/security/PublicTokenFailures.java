package io.saasstack.auth.security;

import java.util.stream.Collectors;

import io.saasstack.core.LogLines;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Decoders of the saas-stack filter chains whose refusals carry only the fixed description of their
 * {@link TokenFailure category}: Spring Security puts a {@link BadJwtException}'s message in the
 * {@code error_description} of {@code WWW-Authenticate}, and decoder messages hold provider error
 * text, request ids, key ids and claim values. The category and the failure's reason go to a
 * DEBUG line, never the token's content. Other {@link JwtException}s (a server-side failure of a
 * user's decoder) pass unchanged.
 *
 * @since 0.1.0
 */
public final class PublicTokenFailures {

	private static final Log logger = LogFactory.getLog(PublicTokenFailures.class);

	private PublicTokenFailures() {
	}

	/** The decoder with fixed failure descriptions. */
	public static JwtDecoder of(JwtDecoder decoder) {
		return (token) -> {
			try {
				return decoder.decode(token);
			}
			catch (BadJwtException ex) {
				throw described(ex);
			}
		};
	}

	/** The reactive decoder with fixed failure descriptions. */
	public static ReactiveJwtDecoder of(ReactiveJwtDecoder decoder) {
		return (token) -> Mono.defer(() -> decoder.decode(token))
			.onErrorMap(BadJwtException.class, PublicTokenFailures::described)
			.cast(Jwt.class);
	}

	static BadJwtException described(BadJwtException failure) {
		TokenFailure category = TokenFailure.of(failure);
		if (logger.isDebugEnabled()) {
			logger.debug("Bearer token refused: " + category + " (" + LogLines.oneLine(reason(failure)) + ")");
		}
		return new SaasTokenException(category, category.description(), failure);
	}

	/** What the failure says without the token's content: a reason id, an error code, a fetch failure. */
	private static String reason(JwtException failure) {
		if (failure instanceof JwtValidationException validation) {
			return validation.getErrors().stream().map(OAuth2Error::getErrorCode).collect(Collectors.joining(", "));
		}
		if (failure instanceof SaasTokenException token) {
			if (token.failure() == TokenFailure.KEY_SET_UNAVAILABLE) {
				return String.valueOf(token.getMessage());
			}
			if (token.getReason() != null) {
				return token.getReason();
			}
		}
		Throwable cause = failure.getCause();
		return failure.getClass().getSimpleName() + ((cause != null) ? " < " + cause.getClass().getSimpleName() : "");
	}

}
