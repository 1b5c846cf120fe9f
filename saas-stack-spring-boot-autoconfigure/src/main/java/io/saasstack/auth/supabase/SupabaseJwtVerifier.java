package io.saasstack.auth.supabase;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWKSecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.saasstack.auth.security.JwtForm;
import io.saasstack.auth.security.ParsedJwtDecoder;
import io.saasstack.auth.security.ParsedSignedJwt;
import io.saasstack.auth.security.SaasTokenException;
import io.saasstack.auth.security.TokenFailure;
import io.saasstack.auth.security.VerifiedJwtCache;
import io.saasstack.core.SaasHttpClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.util.Assert;

/**
 * What {@link SupabaseJwtDecoder} and {@link ReactiveSupabaseJwtDecoder} share: the keys, the
 * accepted algorithms and the claim validators of Supabase access tokens (reference
 * {@code auth-supabase.md} §0–§4). One instance holds one JWKS cache; give the same instance to
 * both decoders if both are used.
 * <p>
 * Signatures: ES256 (P-256) and RS256 with the project's published keys, chosen by {@code kid};
 * HS256 only with the legacy JWT secret, when one is configured, whose HMAC key is the UTF-8
 * bytes of the secret. Keys of the JWKS are never used for HS256 and the secret never for
 * ES256/RS256, so a token MACed with a public key is refused. Any other algorithm, {@code none}
 * included, is refused before any network call.
 * <p>
 * Claims: {@code exp} is required and, like {@code nbf}, checked with the clock skew (5 s by
 * default; auth-js {@code getClaims()} has none, but servers and browsers disagree on the time by
 * a few seconds): expired when {@code exp <= now - skew}, as RFC 7519 and auth-js say, not valid
 * yet when {@code nbf > now + skew}; {@code iss} must be {@code <project URL>/auth/v1}; {@code aud} must contain
 * {@code authenticated}; {@code sub} must be a UUID. auth-js checks none of {@code iss},
 * {@code aud} and {@code sub}: a token of another project signed with a shared key, or a
 * legacy {@code anon}/{@code service_role} API key (no {@code sub}, {@code iss "supabase"}) is
 * therefore refused here and accepted by {@code getClaims()}.
 *
 * @since 0.1.0
 */
public final class SupabaseJwtVerifier {

	/** The audience of the access tokens of signed-in users, anonymous sign-ins included. */
	public static final String AUTHENTICATED = "authenticated";

	static final String DECODING_ERROR = "An error occurred while attempting to decode the Jwt: ";

	private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256);

	private static final int MIN_SECRET_BYTES = 32;

	/** Verified tokens kept by default. */
	public static final int DEFAULT_VERIFIED_TOKENS = 4096;

	/** How long a verified token is kept by default: half the key set's time to live. */
	public static final Duration DEFAULT_VERIFIED_TOKENS_TIME_TO_LIVE = Duration.ofMinutes(5);

	private final SupabaseJwks jwks;

	private final @Nullable OctetSequenceKey secret;

	private final String issuer;

	private final OAuth2TokenValidator<Jwt> validator;

	private final DefaultJWTProcessor<JWKSecurityContext> processor;

	private final ParsedJwtDecoder decoder;

	private final VerifiedJwtCache verified;

	private SupabaseJwtVerifier(Builder builder) {
		this.jwks = new SupabaseJwks(builder.http, builder.clock, builder.jwksRefreshFloor, builder.jwksTimeToLive,
				builder.jwksTimeout, builder.publicKeys);
		this.secret = (builder.jwtSecret != null) ? new OctetSequenceKey.Builder(
				builder.jwtSecret.getBytes(StandardCharsets.UTF_8)).algorithm(JWSAlgorithm.HS256).build() : null;
		this.issuer = builder.issuer;
		this.validator = SupabaseJwtValidators.create(builder.issuer, builder.audiences, builder.clockSkew,
				builder.clock);
		Set<JWSAlgorithm> algorithms = new HashSet<>(ASYMMETRIC);
		if (this.secret != null) {
			algorithms.add(JWSAlgorithm.HS256);
		}
		this.processor = new DefaultJWTProcessor<>();
		this.processor.setJWSKeySelector(new SupabaseKeySelector(algorithms));
		// Spring Security validates the claims, see validator()
		this.processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		this.decoder = new ParsedJwtDecoder(new SupabaseTokenProcessor(this),
				MappedJwtClaimSetConverter.withDefaults(Collections.emptyMap()));
		Assert.isTrue(builder.verifiedTokensTimeToLive.compareTo(builder.jwksTimeToLive) <= 0,
				() -> "verified tokens must not be kept longer than the JWKS (" + builder.jwksTimeToLive
						+ "), or a key removed from it would be trusted longer");
		this.verified = (builder.verifiedTokens > 0)
				? new VerifiedJwtCache(builder.verifiedTokens, builder.verifiedTokensTimeToLive, builder.clock)
				: VerifiedJwtCache.disabled();
	}

	/**
	 * Starts a verifier of the access tokens of a project.
	 * @param http the client of the project (see {@link SupabaseHttpClients#httpClient}), for
	 * the JWKS
	 * @param projectUrl the project URL, for example {@code https://<ref>.supabase.co}; the
	 * expected issuer is derived from it
	 */
	public static Builder builder(SaasHttpClient http, URI projectUrl) {
		return new Builder(http, issuer(projectUrl));
	}

	/** The issuer of a project's access tokens: {@code <project URL>/auth/v1}. */
	public static String issuer(URI projectUrl) {
		String url = projectUrl.toString();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		return url + "/auth/v1";
	}

	/** The expected {@code iss} claim. */
	public String issuer() {
		return this.issuer;
	}

	/** The validators of the claims, applied once the signature is verified. */
	public OAuth2TokenValidator<Jwt> validator() {
		return this.validator;
	}

	/**
	 * The keys that may have signed the token. Fails with a {@link BadJOSEException} for a token
	 * that cannot be from the project and a
	 * {@link com.nimbusds.jose.RemoteKeySourceException} when the JWKS cannot be fetched.
	 */
	Mono<List<JWK>> keys(SignedJWT jwt) {
		JWSHeader header = jwt.getHeader();
		JWSAlgorithm algorithm = header.getAlgorithm();
		if (JWSAlgorithm.HS256.equals(algorithm)) {
			if (this.secret == null) {
				return Mono.error(new BadJOSEException(
						"HS256 token refused: no Supabase legacy JWT secret is configured (saas.auth.supabase.jwt-secret), "
								+ "so only ES256 and RS256 tokens signed with the project's published keys are accepted"));
			}
			return Mono.just(List.of(this.secret));
		}
		if (!ASYMMETRIC.contains(algorithm)) {
			return Mono.error(new BadJOSEException("Unsupported algorithm " + SupabaseJwks.shorten(String.valueOf(algorithm))
					+ ": Supabase access tokens are signed with ES256, RS256 or, with the legacy JWT secret, HS256"));
		}
		String kid = header.getKeyID();
		if (kid == null || kid.isBlank()) {
			return Mono.error(new BadJOSEException(algorithm + " token without kid: Supabase names the signing key"));
		}
		return this.jwks.key(kid).map(List::of);
	}

	/** Verifies the signature with the given keys and returns the (not yet validated) claims. */
	JWTClaimsSet verify(SignedJWT jwt, List<JWK> keys) throws BadJOSEException, JOSEException {
		return this.processor.process(jwt, new JWKSecurityContext(keys));
	}

	/**
	 * Parses a token once for both decoders, after the checks of its form that need no key: a
	 * compact JWS in its canonical base64url encoding, time claims that are dates.
	 * @return the token, or null when it does not parse (the decoding then reports why)
	 */
	@Nullable JWT parse(String token) {
		if (!JwtForm.isCompactJws(token)) {
			throw new SaasTokenException(TokenFailure.MALFORMED, DECODING_ERROR + "Malformed token");
		}
		JWT jwt;
		try {
			jwt = ParsedSignedJwt.read(token);
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
		Map<String, Object> payload = (jwt instanceof ParsedSignedJwt parsed) ? parsed.sentClaims() : null;
		String outOfRange = (payload != null) ? JwtForm.timeClaimOutOfRange(payload) : null;
		if (outOfRange != null) {
			throw new SaasTokenException(TokenFailure.MALFORMED, DECODING_ERROR + "The " + outOfRange
					+ " claim is not a date");
		}
		return jwt;
	}

	/**
	 * Verifies a token parsed by {@link #parse} with the keys found for it, then validates its
	 * claims: the steps of {@code NimbusJwtDecoder}, with its exceptions.
	 */
	Jwt decode(String token, @Nullable JWT parsed, List<JWK> keys) {
		Jwt jwt = this.decoder.decode(token, parsed, new JWKSecurityContext(keys));
		ParsedJwtDecoder.validated(jwt, this.validator.validate(jwt));
		this.verified.put(token, jwt);
		return jwt;
	}

	/**
	 * The token, validated again, when its signature was verified lately (see
	 * {@link VerifiedJwtCache}); null when it must be verified.
	 */
	@Nullable Jwt verifiedLately(String token) {
		Jwt jwt = this.verified.get(token);
		return (jwt != null) ? ParsedJwtDecoder.validated(jwt, this.validator.validate(jwt)) : null;
	}

	/**
	 * The exception of a failed key lookup: a bad token for a {@link BadJOSEException}, else the
	 * key set is unavailable, which is the caller's 401 too: the token cannot be checked.
	 */
	static JwtException keyFailure(Throwable failure) {
		if (failure instanceof JwtException jwt) {
			return jwt;
		}
		if (failure instanceof BadJOSEException bad) {
			return new BadJwtException(DECODING_ERROR + bad.getMessage(), bad);
		}
		String message = (failure instanceof RemoteKeySourceException) ? failure.getMessage()
				: "Could not fetch the Supabase JWKS: " + failure.getMessage();
		return new SaasTokenException(TokenFailure.KEY_SET_UNAVAILABLE, DECODING_ERROR + message, failure);
	}

	SupabaseJwks jwks() {
		return this.jwks;
	}

	@Override
	public String toString() {
		return "SupabaseJwtVerifier[" + this.issuer + ((this.secret != null) ? ", legacy JWT secret" : "") + "]";
	}

	/**
	 * Builder of a {@link SupabaseJwtVerifier}.
	 */
	public static final class Builder {

		private final SaasHttpClient http;

		private String issuer;

		private @Nullable String jwtSecret;

		private List<String> audiences = List.of(AUTHENTICATED);

		private Duration clockSkew = Duration.ofSeconds(5);

		private Clock clock = Clock.systemUTC();

		private Duration jwksRefreshFloor = Duration.ofSeconds(30);

		private Duration jwksTimeToLive = Duration.ofMinutes(10);

		private Duration jwksTimeout = Duration.ofSeconds(5);

		private int verifiedTokens = DEFAULT_VERIFIED_TOKENS;

		private Duration verifiedTokensTimeToLive = DEFAULT_VERIFIED_TOKENS_TIME_TO_LIVE;

		private @Nullable JWKSet publicKeys;

		private Builder(SaasHttpClient http, String issuer) {
			Assert.notNull(http, "http must not be null");
			this.http = http;
			this.issuer = issuer;
		}

		/**
		 * The legacy JWT secret, to accept HS256 tokens; null (the default) refuses them.
		 * @throws IllegalArgumentException if the secret is shorter than 32 bytes, which HS256
		 * does not allow and Supabase never issues
		 */
		public Builder jwtSecret(@Nullable String jwtSecret) {
			if (jwtSecret != null) {
				Assert.isTrue(jwtSecret.getBytes(StandardCharsets.UTF_8).length >= MIN_SECRET_BYTES,
						"the Supabase JWT secret must be at least 32 characters long");
			}
			this.jwtSecret = jwtSecret;
			return this;
		}

		/** Overrides the expected issuer, for a custom domain whose issuer differs (UNVERIFIED). */
		public Builder issuer(String issuer) {
			Assert.hasText(issuer, "issuer must not be empty");
			this.issuer = issuer;
			return this;
		}

		/** Audiences of which the {@code aud} claim must contain one; {@code authenticated} by default. */
		public Builder audiences(Collection<String> audiences) {
			Assert.notEmpty(audiences, "audiences must not be empty");
			this.audiences = List.copyOf(audiences);
			return this;
		}

		/** Tolerance on {@code exp} and {@code nbf}; 5 s by default. */
		public Builder clockSkew(Duration clockSkew) {
			Assert.isTrue(!clockSkew.isNegative(), "clockSkew must not be negative");
			this.clockSkew = clockSkew;
			return this;
		}

		/** The clock of the timestamp checks and of the JWKS cache. */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "clock must not be null");
			this.clock = clock;
			return this;
		}

		/** Shortest time between two fetches of the JWKS; 30 s by default. */
		public Builder jwksRefreshFloor(Duration floor) {
			Assert.isTrue(!floor.isNegative(), "floor must not be negative");
			this.jwksRefreshFloor = floor;
			return this;
		}

		/** Age past which the JWKS is refetched; 10 min by default, as auth-js and Supabase's {@code max-age}. */
		public Builder jwksTimeToLive(Duration timeToLive) {
			Assert.isTrue(!timeToLive.isNegative() && !timeToLive.isZero(), "timeToLive must be positive");
			this.jwksTimeToLive = timeToLive;
			return this;
		}

		/**
		 * How many verified tokens are kept, and for how long at most, so that a token sent again is
		 * not verified again (see {@link VerifiedJwtCache}); 4,096 for 5 minutes by default, 0 keeps
		 * none. The claims are validated again on every request.
		 */
		public Builder verifiedTokens(int maxEntries, Duration timeToLive) {
			Assert.isTrue(maxEntries >= 0, "maxEntries must not be negative");
			Assert.isTrue(!timeToLive.isNegative() && !timeToLive.isZero(), "timeToLive must be positive");
			this.verifiedTokens = maxEntries;
			this.verifiedTokensTimeToLive = timeToLive;
			return this;
		}

		/** Longest wait for a fetch of the JWKS, the client's retries included; 5 s by default. */
		public Builder jwksTimeout(Duration timeout) {
			Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
			this.jwksTimeout = timeout;
			return this;
		}

		/**
		 * Trusts these keys instead of the project's published key set, which is then never
		 * fetched: for tests and local development (for example
		 * {@code LocalTokenIssuer.jwkSet()}). Only public RSA and EC signature keys with a
		 * {@code kid} are used, as from the project's set.
		 */
		public Builder publicKeys(JWKSet publicKeys) {
			Assert.notNull(publicKeys, "publicKeys must not be null");
			this.publicKeys = publicKeys;
			return this;
		}

		public SupabaseJwtVerifier build() {
			return new SupabaseJwtVerifier(this);
		}

	}

}
