package io.saasstack.auth.clerk;

import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObject;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.saasstack.auth.security.JwtForm;
import io.saasstack.auth.security.ParsedJwtDecoder;
import io.saasstack.auth.security.ParsedSignedJwt;
import io.saasstack.core.BlockingCalls;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.Assert;

/**
 * Verifies Clerk session tokens as {@code @clerk/backend}'s {@code verifyToken} does (reference
 * {@code auth-clerk.md} §0 and §4), shared by {@link ClerkJwtDecoder} and
 * {@link ReactiveClerkJwtDecoder}:
 * <ol>
 * <li>machine tokens (API keys, M2M tokens, opaque OAuth tokens) are rejected:
 * {@code token-type-mismatch};</li>
 * <li>header: {@code typ} absent or {@code JWT} ({@code token-invalid}), {@code alg} RS256, RS384
 * or RS512 ({@code token-invalid-algorithm}: {@code none}, HMAC and anything else are refused
 * before any key is used), {@code cat} absent or a session category ({@code token-invalid});</li>
 * <li>key: the PEM key, or the {@link ClerkJwks} key of the {@code kid};</li>
 * <li>signature, by a Nimbus {@link DefaultJWTProcessor} given the token parsed for the checks
 * above, then Spring's {@link Jwt} as {@link NimbusJwtDecoder} builds it
 * ({@code token-invalid-signature}), before any claim is looked at;</li>
 * <li>claims, by {@link ClerkJwtValidators} ({@code JwtValidationException} whose error code is
 * the reason id).</li>
 * </ol>
 * Header and key failures are {@link ClerkTokenException}s. The issuer is checked when set
 * explicitly or derived from the publishable key; when neither is given, {@code iss} is not
 * checked at all (as in the JS SDK by default): configure one of them.
 *
 * @since 0.1.0
 */
public final class ClerkTokenVerifier {

	private static final Set<String> ALGORITHMS = Set.of("RS256", "RS384", "RS512");

	/** Header {@code cat} of session tokens ({@code @clerk/backend} {@code jwtCategories.ts}). */
	private static final Set<String> SESSION_CATEGORIES = Set.of("cl_B7d4PD111AAA", "cl_I7d4PD111III");

	private final @Nullable RSAKey jwtKey;

	private final @Nullable ClerkJwks jwks;

	private final @Nullable String issuer;

	private final ParsedJwtDecoder decoder;

	private final OAuth2TokenValidator<Jwt> validator;

	/** The claims of machine JWTs: no {@code azp} (a browser origin), no {@code iss}, no session status. */
	private final OAuth2TokenValidator<Jwt> machineValidator;

	private ClerkTokenVerifier(Builder builder) {
		this.jwtKey = builder.jwtKey;
		this.jwks = builder.jwks;
		this.issuer = builder.effectiveIssuer();
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new KeySelector());
		// typ is checked before, per token type: session JWT, M2M JWT or OAuth at+jwt
		processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null,
				new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt")));
		// the claims are Spring Security's to validate
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		// kept as sent (Jwt accessors still convert them on demand)
		Converter<Object, ?> asIs = (value) -> value;
		this.decoder = new ParsedJwtDecoder(processor,
				MappedJwtClaimSetConverter.withDefaults(Map.of("sub", asIs, "aud", asIs, "iss", asIs)));
		this.validator = ClerkJwtValidators.create(this.issuer, builder.authorizedParties, builder.audiences,
				builder.clockSkew, builder.clock, builder.treatPendingAsSignedOut);
		this.machineValidator = ClerkJwtValidators.create(null, List.of(), builder.audiences, builder.clockSkew,
				builder.clock, false);
	}

	/** A verifier using the instance's PEM public key: no network call. */
	public static Builder withJwtKey(String pem) {
		return new Builder(ClerkPemKey.parse(pem), null);
	}

	/** A verifier using the instance's JWKS from the Backend API. */
	public static Builder withJwks(ClerkJwks jwks) {
		Assert.notNull(jwks, "jwks must not be null");
		return new Builder(null, jwks);
	}

	private static final Key NOT_A_KEY = new javax.crypto.spec.SecretKeySpec(new byte[] { 0 }, "none");

	private final Map<RSAKey, Key> publicKeys = new ConcurrentHashMap<>();

	/** The last key converted, found by identity: the keys of a fetched set are the same objects. */
	private volatile @Nullable ConvertedKey lastConverted;

	/** The {@code iss} required of tokens, or null when it is not checked. */
	public @Nullable String issuer() {
		return this.issuer;
	}

	/**
	 * Verifies a token, blocking while the JWKS is fetched (when it must be).
	 * @throws JwtException if the token is not a valid session token
	 */
	public Jwt verify(String token) throws JwtException {
		BlockingCalls.requireBlockingAllowed("ClerkTokenVerifier.verify",
				"ReactiveClerkJwtDecoder (or call ClerkTokenVerifier.verifyReactive)");
		return verify(checkToken(token), this.validator);
	}

	/** Verifies a token without blocking: the JWKS, when needed, is fetched reactively. */
	public Mono<Jwt> verifyReactive(String token) {
		return Mono.defer(() -> verifyReactive(checkToken(token), this.validator));
	}

	/**
	 * Verifies a machine JWT (an M2M token, {@code sub} {@code mch_...}, or an OAuth access token
	 * typed {@code at+jwt}) as {@code @clerk/backend}'s {@code verifyMachineAuthToken} does: the
	 * same key, algorithms, signature and time claims as session tokens, the audiences when
	 * configured; for M2M tokens {@code typ} absent or {@code JWT} and {@code cat} absent or
	 * {@value ClerkMachineAuthenticator#M2M_CATEGORY}, for OAuth tokens {@code typ}
	 * {@code at+jwt} or {@code application/at+jwt}.
	 * @param token the token, in JWT form
	 * @param type {@link ClerkTokenType#M2M_TOKEN} or {@link ClerkTokenType#OAUTH_TOKEN}
	 */
	Mono<Jwt> verifyMachineReactive(String token, ClerkTokenType type) {
		return Mono.defer(() -> verifyReactive(checkMachineToken(token, type), this.machineValidator));
	}

	/** {@link #verifyMachineReactive} blocking while the JWKS is fetched (when it must be). */
	Jwt verifyMachine(String token, ClerkTokenType type) {
		return verify(checkMachineToken(token, type), this.machineValidator);
	}

	private Jwt verify(CheckedToken checked, OAuth2TokenValidator<Jwt> validator) {
		if (this.jwks == null) {
			return decode(checked, List.of(this.jwtKey), validator);
		}
		List<RSAKey> keys = this.jwks.fresh(checked.kid());
		if (keys.isEmpty()) {
			keys = this.jwks.keys(checked.kid()).block();
		}
		return decode(checked, (keys != null) ? keys : List.of(), validator);
	}

	private Mono<Jwt> verifyReactive(CheckedToken checked, OAuth2TokenValidator<Jwt> validator) {
		if (this.jwks == null) {
			return Mono.just(decode(checked, List.of(this.jwtKey), validator));
		}
		return this.jwks.keys(checked.kid()).map((keys) -> decode(checked, keys, validator));
	}

	/** Checks a machine JWT's routing and header; returns the token as parsed for these checks. */
	private CheckedToken checkMachineToken(String token, ClerkTokenType expected) {
		Assert.isTrue(expected == ClerkTokenType.M2M_TOKEN || expected == ClerkTokenType.OAUTH_TOKEN,
				"expected must be M2M_TOKEN or OAUTH_TOKEN");
		com.nimbusds.jwt.JWT jwt = JwtForm.isCompactJws(token) ? ClerkTokenType.parse(token) : null;
		if (jwt == null) {
			throw invalidForm(null);
		}
		Map<String, Object> payload = checkTimeClaims(jwt);
		if (ClerkTokenType.of(jwt) != expected) {
			throw new ClerkTokenException("token-type-mismatch",
					"Expected a " + expected.name().toLowerCase() + " JWT.");
		}
		Header header = jwt.getHeader();
		JOSEObjectType typ = header.getType();
		if (expected == ClerkTokenType.M2M_TOKEN) {
			if (typ != null && !"JWT".equals(typ.getType())) {
				throw new ClerkTokenException("token-invalid",
						"Invalid JWT type \"" + typ.getType() + "\". Expected \"JWT\".");
			}
			Object category = header.getCustomParam("cat");
			if (category != null && !ClerkMachineAuthenticator.M2M_CATEGORY.equals(category)) {
				throw new ClerkTokenException("token-invalid", "Invalid M2M JWT category.");
			}
		}
		checkAlgorithm(header);
		String kid = (header instanceof com.nimbusds.jose.JWSHeader jws) ? jws.getKeyID() : null;
		return new CheckedToken(token, jwt, payload, kid);
	}

	private static @Nullable Map<String, Object> checkTimeClaims(com.nimbusds.jwt.@Nullable JWT jwt) {
		Map<String, Object> payload = (jwt instanceof ParsedSignedJwt signed) ? signed.sentClaims()
				: (jwt instanceof JOSEObject jose) ? jose.getPayload().toJSONObject() : null;
		String outOfRange = (payload != null) ? JwtForm.timeClaimOutOfRange(payload) : null;
		if (outOfRange != null) {
			throw new ClerkTokenException("token-invalid", "Invalid JWT claim (" + outOfRange + "): not a date.");
		}
		return payload;
	}

	private static void checkAlgorithm(Header header) {
		String alg = (header.getAlgorithm() != null) ? header.getAlgorithm().getName() : null;
		if (alg == null || !ALGORITHMS.contains(alg)) {
			throw new ClerkTokenException("token-invalid-algorithm",
					"Invalid JWT algorithm \"" + alg + "\". Supported: RS256,RS384,RS512.");
		}
	}

	/** Checks the token type and header; returns the token as parsed for these checks. */
	private CheckedToken checkToken(String token) {
		Assert.notNull(token, "token must not be null");
		if (token.startsWith("ak_") || token.startsWith("mt_") || token.startsWith("oat_")) {
			throw new ClerkTokenException("token-type-mismatch", "Expected a session token, got a "
					+ ClerkTokenType.of(token).name().toLowerCase() + ".");
		}
		if (!JwtForm.isCompactJws(token)) {
			throw invalidForm(null);
		}
		// parsed once here for the routing and the header checks
		com.nimbusds.jwt.JWT jwt = ClerkTokenType.parse(token);
		Map<String, Object> payload = checkTimeClaims(jwt);
		ClerkTokenType type = ClerkTokenType.of(jwt);
		if (type == ClerkTokenType.API_KEY || type == ClerkTokenType.M2M_TOKEN) {
			throw new ClerkTokenException("token-type-mismatch",
					"Expected a session token, got a " + type.name().toLowerCase() + ".");
		}
		Header header = (jwt != null) ? jwt.getHeader() : header(token);
		JOSEObjectType typ = header.getType();
		if (typ != null && !"JWT".equals(typ.getType())) {
			throw new ClerkTokenException("token-invalid",
					"Invalid JWT type \"" + typ.getType() + "\". Expected \"JWT\".");
		}
		checkAlgorithm(header);
		Object category = header.getCustomParam("cat");
		if (category != null && !SESSION_CATEGORIES.contains(category)) {
			throw new ClerkTokenException("token-invalid", "Invalid session token category.");
		}
		String kid = (header instanceof com.nimbusds.jose.JWSHeader jws) ? jws.getKeyID() : null;
		return new CheckedToken(token, jwt, payload, kid);
	}

	private static Header header(String token) {
		Base64URL[] parts;
		try {
			parts = JOSEObject.split(token);
		}
		catch (ParseException ex) {
			throw invalidForm(ex);
		}
		if (parts.length != 3) {
			throw invalidForm(null);
		}
		try {
			return Header.parse(parts[0]);
		}
		catch (ParseException | RuntimeException ex) {
			throw new ClerkTokenException("token-invalid", "Invalid JWT header: " + ex.getMessage(), ex);
		}
	}

	private static ClerkTokenException invalidForm(@Nullable Throwable cause) {
		return new ClerkTokenException("token-invalid",
				"Invalid JWT form. A JWT consists of three parts separated by dots.", cause);
	}

	private Jwt decode(CheckedToken checked, List<RSAKey> keys, OAuth2TokenValidator<Jwt> validator) {
		Jwt jwt;
		try {
			jwt = this.decoder.decode(checked.token(), checked.jwt(), new CandidateKeys(keys));
		}
		catch (JwtException ex) {
			throw translate(ex);
		}
		return ParsedJwtDecoder.validated(jwt, ClerkJwtValidators.validate(validator, jwt, checked.payload()));
	}

	private static ClerkTokenException translate(JwtException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof BadJWSException && cause.getMessage() != null
				&& cause.getMessage().contains("Invalid signature")) {
			return new ClerkTokenException("token-invalid-signature", "JWT signature is invalid.", ex);
		}
		if (cause instanceof BadJOSEException && cause.getMessage() != null
				&& cause.getMessage().contains("no matching key")) {
			return new ClerkTokenException("jwk-kid-mismatch",
					"Unable to find a signing key that matches the kid of the provided session token.", ex);
		}
		if (cause instanceof IllegalArgumentException && cause.getMessage() != null
				&& cause.getMessage().contains("expiresAt must be after issuedAt")) {
			// Spring's Jwt cannot hold such a token; Clerk never issues one
			return new ClerkTokenException("token-invalid", "Invalid JWT: exp is not after iat.", ex);
		}
		if (cause instanceof BadJOSEException) {
			return new ClerkTokenException("token-invalid-signature", "JWT signature is invalid.", ex);
		}
		return new ClerkTokenException("token-invalid", String.valueOf(ex.getMessage()), ex);
	}

	@Override
	public String toString() {
		return "ClerkTokenVerifier[" + ((this.jwks != null) ? this.jwks : "jwt-key") + ", issuer "
				+ ((this.issuer != null) ? this.issuer : "not checked") + "]";
	}

	/** A token that passed {@link #checkToken}, with what was parsed of it (null when it did not parse). */
	private record CheckedToken(String token, com.nimbusds.jwt.@Nullable JWT jwt,
			@Nullable Map<String, Object> payload, @Nullable String kid) {
	}

	/** The keys found for a token before decoding it, given to the {@link KeySelector}. */
	private record CandidateKeys(List<RSAKey> keys) implements SecurityContext {
	}

	/** An RSA JWK and its {@code java.security} form. */
	private record ConvertedKey(RSAKey jwk, Key key) {
	}

	/** Selects, without any call, the keys found for the token before decoding. */
	private final class KeySelector implements JWSKeySelector<SecurityContext> {

		@Override
		public List<? extends Key> selectJWSKeys(com.nimbusds.jose.JWSHeader header, @Nullable SecurityContext context) {
			List<RSAKey> keys = (context instanceof CandidateKeys candidates) ? candidates.keys() : List.of();
			List<Key> publicKeys = new ArrayList<>(keys.size());
			for (RSAKey key : keys) {
				Key publicKey = publicKey(key);
				if (publicKey != NOT_A_KEY) {
					publicKeys.add(publicKey);
				}
			}
			return publicKeys;
		}

		private Key publicKey(RSAKey jwk) {
			ConvertedKey last = ClerkTokenVerifier.this.lastConverted;
			if (last != null && last.jwk() == jwk) {
				return last.key();
			}
			Key key = ClerkTokenVerifier.this.publicKeys.computeIfAbsent(jwk, KeySelector::toPublicKey);
			ClerkTokenVerifier.this.lastConverted = new ConvertedKey(jwk, key);
			return key;
		}

		// converting a JWK to a java.security key costs more than the signature check: done once per key
		private static Key toPublicKey(RSAKey key) {
			try {
				return key.toRSAPublicKey();
			}
			catch (JOSEException ex) {
				// not a usable RSA key: skipped, as the SDKs skip keys they cannot import
				return NOT_A_KEY;
			}
		}

	}

	/**
	 * Options of a {@link ClerkTokenVerifier}, named after those of {@code verifyToken}.
	 */
	public static final class Builder {

		private final @Nullable RSAKey jwtKey;

		private final @Nullable ClerkJwks jwks;

		private @Nullable String issuer;

		private @Nullable ClerkPublishableKey publishableKey;

		private List<String> authorizedParties = List.of();

		private List<String> audiences = List.of();

		private Duration clockSkew = Duration.ofSeconds(5);

		private Clock clock = Clock.systemUTC();

		private boolean treatPendingAsSignedOut = true;

		private Builder(@Nullable RSAKey jwtKey, @Nullable ClerkJwks jwks) {
			this.jwtKey = jwtKey;
			this.jwks = jwks;
		}

		/** The exact {@code iss} required; takes precedence over the publishable key's. */
		public Builder issuer(@Nullable String issuer) {
			this.issuer = (issuer != null && !issuer.isBlank()) ? issuer : null;
			return this;
		}

		/** The publishable key, whose Frontend API is the required issuer unless one is set. */
		public Builder publishableKey(@Nullable ClerkPublishableKey publishableKey) {
			this.publishableKey = publishableKey;
			return this;
		}

		/** Allowed {@code azp} values (origins); when not empty, tokens without {@code azp} are rejected. */
		public Builder authorizedParties(Collection<String> authorizedParties) {
			this.authorizedParties = List.copyOf(authorizedParties);
			return this;
		}

		/** Accepted {@code aud} values, checked only when the token has an {@code aud}. */
		public Builder audiences(Collection<String> audiences) {
			this.audiences = List.copyOf(audiences);
			return this;
		}

		/** Tolerance of {@code exp}, {@code nbf} and {@code iat}; 5 s by default. */
		public Builder clockSkew(Duration clockSkew) {
			Assert.isTrue(!clockSkew.isNegative(), "clockSkew must not be negative");
			this.clockSkew = clockSkew;
			return this;
		}

		/** Source of "now" of the time claims. */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/** Whether {@code sts: pending} sessions are rejected; true by default, as in JS. */
		public Builder treatPendingAsSignedOut(boolean treatPendingAsSignedOut) {
			this.treatPendingAsSignedOut = treatPendingAsSignedOut;
			return this;
		}

		private @Nullable String effectiveIssuer() {
			if (this.issuer != null) {
				return this.issuer;
			}
			return (this.publishableKey != null) ? this.publishableKey.issuer() : null;
		}

		public ClerkTokenVerifier build() {
			return new ClerkTokenVerifier(this);
		}

	}

}
