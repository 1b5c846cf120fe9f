package io.saasstack.auth.supabase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.saasstack.auth.security.SaasTokenError;
import io.saasstack.auth.security.TokenFailure;

import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;

/**
 * The claim checks of Supabase access tokens (see {@link SupabaseJwtVerifier}), each failure a
 * {@link SaasTokenError} of its category. The time boundaries are those of RFC 7519, auth-js and
 * the Clerk verifier: expired when {@code exp <= now - skew}, not valid yet when
 * {@code nbf > now + skew}.
 */
final class SupabaseJwtValidators {

	private SupabaseJwtValidators() {
	}

	static OAuth2TokenValidator<Jwt> create(String issuer, List<String> audiences, Duration clockSkew, Clock clock) {
		return new DelegatingOAuth2TokenValidator<>(List.of(expiry(clockSkew, clock), notBefore(clockSkew, clock),
				issuer(issuer), audience(audiences), SupabaseJwtValidators::subject));
	}

	/** {@code exp} is required; expired when {@code exp <= now - skew}. */
	static OAuth2TokenValidator<Jwt> expiry(Duration clockSkew, Clock clock) {
		return (jwt) -> {
			Instant expiry = jwt.getExpiresAt();
			if (expiry == null) {
				return SaasTokenError.failure(TokenFailure.INVALID, "token-verification-failed",
						"The exp claim is missing: Supabase access tokens expire");
			}
			if (!expiry.isAfter(clock.instant().minus(clockSkew))) {
				return SaasTokenError.failure(TokenFailure.EXPIRED, "token-expired", "Jwt expired at " + expiry);
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	/** {@code nbf}, when present: not valid yet when {@code nbf > now + skew}. */
	static OAuth2TokenValidator<Jwt> notBefore(Duration clockSkew, Clock clock) {
		return (jwt) -> {
			Instant notBefore = jwt.getNotBefore();
			if (notBefore != null && notBefore.isAfter(clock.instant().plus(clockSkew))) {
				return SaasTokenError.failure(TokenFailure.NOT_YET_VALID, "token-not-active-yet",
						"Jwt used before " + notBefore);
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	/** {@code iss} equals the project's issuer. */
	static OAuth2TokenValidator<Jwt> issuer(String issuer) {
		return (jwt) -> issuer.equals(jwt.getClaimAsString(JwtClaimNames.ISS)) ? OAuth2TokenValidatorResult.success()
				: SaasTokenError.failure(TokenFailure.NOT_ACCEPTED, "token-invalid-issuer", "The iss claim is not valid");
	}

	/** {@code aud} contains one of the audiences. */
	static OAuth2TokenValidator<Jwt> audience(List<String> audiences) {
		String description = "The aud claim must contain " + String.join(" or ", audiences);
		return (jwt) -> {
			List<String> audience = jwt.getAudience();
			if (audience != null && audience.stream().anyMatch(audiences::contains)) {
				return OAuth2TokenValidatorResult.success();
			}
			return SaasTokenError.failure(TokenFailure.NOT_ACCEPTED, "token-invalid-audience", description);
		};
	}

	/** {@code sub} is a user id: a UUID in its 36-character form. */
	static OAuth2TokenValidatorResult subject(Jwt jwt) {
		String subject = jwt.getSubject();
		if (subject == null) {
			return SaasTokenError.failure(TokenFailure.INVALID, "token-verification-failed",
					"The sub claim is missing: Supabase access tokens name the user");
		}
		try {
			UUID.fromString(subject);
			if (subject.length() == 36) {
				return OAuth2TokenValidatorResult.success();
			}
		}
		catch (IllegalArgumentException ex) {
			// fall through
		}
		return SaasTokenError.failure(TokenFailure.INVALID, "token-verification-failed",
				"The sub claim is not a user id (a UUID)");
	}

}
