package io.saasstack.auth.clerk;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;

import io.saasstack.auth.security.SaasTokenError;
import io.saasstack.auth.security.TokenFailure;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claim checks of {@code @clerk/backend}'s {@code verifyJwt} as Spring Security
 * {@link OAuth2TokenValidator}s, with its reason ids as error codes and its messages as
 * descriptions (reference {@code auth-clerk.md} §0.5 and §4; vectors {@code clerk/session-jwt}).
 * They run after the signature was verified.
 *
 * @since 0.1.0
 */
public final class ClerkJwtValidators {

	private static final String VERIFICATION_FAILED = "token-verification-failed";

	// Date.prototype.toUTCString()
	private static final DateTimeFormatter UTC_STRING = DateTimeFormatter
		.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
		.withZone(ZoneOffset.UTC);

	private ClerkJwtValidators() {
	}

	/**
	 * Every check, in the order of {@code verifyJwt}: {@code sub}, {@code aud}, {@code azp},
	 * {@code exp}, {@code nbf}, {@code iat}, {@code iss}, then the pending session status.
	 * @param issuer expected {@code iss}, or null not to check it
	 * @param authorizedParties allowed {@code azp} values; when not empty, {@code azp} is required
	 * @param audiences accepted {@code aud} values, checked only when both sides are not empty
	 * @param clockSkew tolerance of the time claims
	 * @param clock source of "now"
	 * @param rejectPending whether {@code sts: pending} sessions are rejected (signed out)
	 */
	public static OAuth2TokenValidator<Jwt> create(@Nullable String issuer, Collection<String> authorizedParties,
			Collection<String> audiences, Duration clockSkew, Clock clock, boolean rejectPending) {
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add(subject());
		validators.add(audience(audiences));
		validators.add(authorizedParties(authorizedParties));
		validators.add(expiry(clockSkew, clock));
		validators.add(notBefore(clockSkew, clock));
		validators.add(issuedAt(clockSkew, clock));
		if (issuer != null) {
			validators.add(issuer(issuer));
		}
		if (rejectPending) {
			validators.add(notPending());
		}
		return new FirstFailure(validators);
	}

	/** {@code sub} is required and a string. */
	public static OAuth2TokenValidator<Jwt> subject() {
		return (SentClaimsValidator) (jwt, sent) -> {
			Object sub = sent.get("sub");
			return (sub instanceof String) ? ok() : failure(TokenFailure.INVALID, VERIFICATION_FAILED,
					"Subject claim (sub) is required and must be a string. Received " + json(sub) + ".");
		};
	}

	/** {@code aud} contains one of the audiences, when both are not empty. */
	public static OAuth2TokenValidator<Jwt> audience(Collection<String> audiences) {
		List<String> expected = audiences.stream().filter((audience) -> !audience.isEmpty()).toList();
		return (SentClaimsValidator) (jwt, sent) -> {
			Object aud = sent.get("aud");
			List<String> actual = new ArrayList<>();
			if (aud instanceof String value && !value.isEmpty()) {
				actual.add(value);
			}
			else if (aud instanceof Collection<?> values) {
				values.stream().filter((value) -> value instanceof String s && !s.isEmpty())
					.forEach((value) -> actual.add((String) value));
			}
			if (expected.isEmpty() || actual.isEmpty() || actual.stream().anyMatch(expected::contains)) {
				return ok();
			}
			String expectedJson = "[" + String.join(",", expected.stream().map(ClerkJwtValidators::json).toList()) + "]";
			String label = (aud instanceof String) ? "Invalid JWT audience claim (aud) "
					: "Invalid JWT audience claim array (aud) ";
			return failure(TokenFailure.NOT_ACCEPTED, VERIFICATION_FAILED, label + json(aud) + ". Is not included in \"" + expectedJson + "\".");
		};
	}

	/** When parties are configured, {@code azp} must be present and one of them. */
	public static OAuth2TokenValidator<Jwt> authorizedParties(Collection<String> authorizedParties) {
		List<String> parties = List.copyOf(authorizedParties);
		return (jwt) -> {
			Object azp = jwt.getClaims().get("azp");
			if (parties.isEmpty() || (azp instanceof String party && !party.isEmpty() && parties.contains(party))) {
				return ok();
			}
			return failure(TokenFailure.NOT_ACCEPTED, "token-invalid-authorized-parties", "Invalid JWT Authorized party claim (azp) " + json(azp)
					+ ". Expected \"" + String.join(",", parties) + "\".");
		};
	}

	/** {@code exp} is required; expired when {@code exp <= now - skew}. */
	public static OAuth2TokenValidator<Jwt> expiry(Duration clockSkew, Clock clock) {
		return (jwt) -> {
			Object exp = jwt.getClaims().get("exp");
			if (!(exp instanceof Instant expiry)) {
				return failure(TokenFailure.INVALID, VERIFICATION_FAILED,
						"Invalid JWT expiry date claim (exp) " + json(exp) + ". Expected number.");
			}
			Instant now = clock.instant();
			if (!expiry.isAfter(now.minus(clockSkew))) {
				return failure(TokenFailure.EXPIRED, "token-expired", "JWT is expired. Expiry date: " + UTC_STRING.format(expiry)
						+ ", Current date: " + UTC_STRING.format(now) + ".");
			}
			return ok();
		};
	}

	/** {@code nbf}, when present: not active yet when {@code nbf > now + skew}. */
	public static OAuth2TokenValidator<Jwt> notBefore(Duration clockSkew, Clock clock) {
		return (jwt) -> {
			Object nbf = jwt.getClaims().get("nbf");
			if (nbf == null) {
				return ok();
			}
			if (!(nbf instanceof Instant notBefore)) {
				return failure(TokenFailure.INVALID, VERIFICATION_FAILED,
						"Invalid JWT not before date claim (nbf) " + json(nbf) + ". Expected number.");
			}
			Instant now = clock.instant();
			if (notBefore.isAfter(now.plus(clockSkew))) {
				return failure(TokenFailure.NOT_YET_VALID, "token-not-active-yet",
						"JWT cannot be used prior to not before date claim (nbf). Not before date: "
								+ UTC_STRING.format(notBefore) + "; Current date: " + UTC_STRING.format(now) + ";");
			}
			return ok();
		};
	}

	/** {@code iat}, when present: in the future when {@code iat > now + skew}. */
	public static OAuth2TokenValidator<Jwt> issuedAt(Duration clockSkew, Clock clock) {
		return (jwt) -> {
			Object iat = jwt.getClaims().get("iat");
			if (iat == null) {
				return ok();
			}
			if (!(iat instanceof Instant issuedAt)) {
				return failure(TokenFailure.INVALID, VERIFICATION_FAILED,
						"Invalid JWT issued at date claim (iat) " + json(iat) + ". Expected number.");
			}
			Instant now = clock.instant();
			if (issuedAt.isAfter(now.plus(clockSkew))) {
				return failure(TokenFailure.NOT_YET_VALID, "token-iat-in-the-future",
						"JWT issued at date claim (iat) is in the future. Issued at date: " + UTC_STRING.format(issuedAt)
								+ "; Current date: " + UTC_STRING.format(now) + ";");
			}
			return ok();
		};
	}

	/** {@code iss} equals the issuer exactly. */
	public static OAuth2TokenValidator<Jwt> issuer(String issuer) {
		return (jwt) -> {
			Object iss = jwt.getClaims().get("iss");
			return issuer.equals(iss) ? ok() : failure(TokenFailure.NOT_ACCEPTED, "token-invalid-issuer",
					"Invalid JWT issuer claim (iss) " + json(iss) + ". Expected \"" + issuer + "\".");
		};
	}

	/**
	 * Rejects pending sessions ({@code sts: pending}, for example a required organisation not
	 * chosen yet), which {@code @clerk/backend} treats as signed out by default. The reason id
	 * {@code session-pending} is saas-stack's: the JS SDK returns a signed-out state without one.
	 */
	public static OAuth2TokenValidator<Jwt> notPending() {
		return (jwt) -> "pending".equals(jwt.getClaims().get("sts"))
				? failure(TokenFailure.INVALID, "session-pending", "The session is pending (sts: pending) and treated as signed out.")
				: ok();
	}

	/**
	 * Validates with the claims as sent when the caller has them already parsed (null when it has
	 * not), so that they are not parsed again from the token.
	 */
	static OAuth2TokenValidatorResult validate(OAuth2TokenValidator<Jwt> validator, Jwt jwt,
			@Nullable Map<String, Object> sent) {
		return (validator instanceof FirstFailure validators) ? validators.validate(jwt, sent) : validator.validate(jwt);
	}

	/**
	 * The claims as sent: Nimbus turns a numeric {@code sub} into a string and a string
	 * {@code aud} into a list, which JS tells apart.
	 */
	private static Map<String, Object> sent(Jwt jwt) {
		try {
			Base64URL[] parts = JOSEObject.split(jwt.getTokenValue());
			return JSONObjectUtils.parse(parts[1].decodeToString());
		}
		catch (ParseException | RuntimeException ex) {
			return jwt.getClaims();
		}
	}

	private static OAuth2TokenValidatorResult ok() {
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(TokenFailure category, String reason, String message) {
		return SaasTokenError.failure(category, reason, message);
	}

	/** Like {@code JSON.stringify} for the values in messages; {@code undefined} for none. */
	private static String json(@Nullable Object value) {
		if (value == null) {
			return "undefined";
		}
		if (value instanceof String text) {
			return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
		}
		if (value instanceof Collection<?> values) {
			return "[" + String.join(",", values.stream().map(ClerkJwtValidators::json).toList()) + "]";
		}
		if (value instanceof Instant instant) {
			return String.valueOf(instant.getEpochSecond());
		}
		return String.valueOf(value);
	}

	/**
	 * Stops at the first failure, like the JS SDK, which throws on the first failed assertion;
	 * the error code of a {@code JwtValidationException} is then that single reason.
	 */
	private static final class FirstFailure implements OAuth2TokenValidator<Jwt> {

		private final List<OAuth2TokenValidator<Jwt>> validators;

		FirstFailure(List<OAuth2TokenValidator<Jwt>> validators) {
			this.validators = List.copyOf(validators);
		}

		@Override
		public OAuth2TokenValidatorResult validate(Jwt jwt) {
			return validate(jwt, null);
		}

		/** With the claims as sent, or null to read them from the token when first needed. */
		OAuth2TokenValidatorResult validate(Jwt jwt, @Nullable Map<String, Object> sent) {
			for (OAuth2TokenValidator<Jwt> validator : this.validators) {
				OAuth2TokenValidatorResult result;
				if (validator instanceof SentClaimsValidator reader) {
					sent = (sent != null) ? sent : sent(jwt);
					result = reader.validate(jwt, sent);
				}
				else {
					result = validator.validate(jwt);
				}
				if (result.hasErrors()) {
					return result;
				}
			}
			return ok();
		}

	}

	/**
	 * A validator of claims that must be read as sent (see {@link #sent}); given them when they
	 * are at hand, else reading them from the token.
	 */
	@FunctionalInterface
	private interface SentClaimsValidator extends OAuth2TokenValidator<Jwt> {

		OAuth2TokenValidatorResult validate(Jwt jwt, Map<String, Object> sent);

		@Override
		default OAuth2TokenValidatorResult validate(Jwt jwt) {
			return validate(jwt, sent(jwt));
		}

	}

}
