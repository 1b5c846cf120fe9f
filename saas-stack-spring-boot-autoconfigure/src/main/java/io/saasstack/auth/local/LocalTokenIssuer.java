package io.saasstack.auth.local;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.SaasOrganization;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.clerk.ClerkMachineAuthenticator;
import io.saasstack.core.RandomUuids;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Mints RS256 tokens with an RSA 2048 key pair generated in memory, for local development and
 * tests: in the shape of Clerk session tokens (v2) or of Supabase access tokens, so that the
 * verifiers of this library accept them once they trust {@link #publicKeyPem()} (Clerk's
 * {@code jwt-key}) or {@link #jwkSet()} (Supabase's key set). The private key never leaves the
 * instance. Thread-safe; {@link #withLifetime} and {@link #withClock} share the key.
 *
 * @since 0.1.0
 */
public final class LocalTokenIssuer {

	/** The provider of the users of local development tokens. */
	public static final String PROVIDER = "local";

	/** Lifetime of tokens unless one is given. */
	public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

	// a DRBG seeded once: minting on an event loop never reads /dev/urandom, as NativePRNG does per call
	private static final SecureRandom RANDOM = seededDrbg();

	private static final char[] ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
		.toCharArray();

	private final Shape shape;

	private final RSAKey key;

	private final JWSSigner signer;

	private final @Nullable String issuer;

	private final @Nullable String authorizedParty;

	private final Duration lifetime;

	private final Clock clock;

	// session ids made without reading /dev/urandom per token: minting from an event loop never blocks
	private final RandomUuids uuids = RandomUuids.shared();

	private LocalTokenIssuer(Shape shape, RSAKey key, JWSSigner signer, @Nullable String issuer,
			@Nullable String authorizedParty, Duration lifetime, Clock clock) {
		this.shape = shape;
		this.key = key;
		this.signer = signer;
		this.issuer = issuer;
		this.authorizedParty = authorizedParty;
		this.lifetime = lifetime;
		this.clock = clock;
	}

	/**
	 * An issuer of Clerk session tokens (v2) with a new key.
	 * @param issuer the {@code iss} claim (the Frontend API URL Clerk would put there), or null
	 * for none
	 * @param authorizedParty the {@code azp} claim (an origin such as
	 * {@code https://app.example.com}), or null for none
	 */
	public static LocalTokenIssuer clerk(@Nullable String issuer, @Nullable String authorizedParty) {
		RSAKey key = generate();
		return new LocalTokenIssuer(Shape.CLERK, key, signer(key), blankToNull(issuer), blankToNull(authorizedParty),
				DEFAULT_LIFETIME, Clock.systemUTC());
	}

	/**
	 * An issuer of Supabase access tokens with a new key.
	 * @param issuer the {@code iss} claim: {@code <project URL>/auth/v1}
	 */
	public static LocalTokenIssuer supabase(String issuer) {
		Assert.hasText(issuer, "issuer must not be empty");
		RSAKey key = generate();
		return new LocalTokenIssuer(Shape.SUPABASE, key, signer(key), issuer, null, DEFAULT_LIFETIME,
				Clock.systemUTC());
	}

	/** The same issuer and key, minting tokens valid for the given time. */
	public LocalTokenIssuer withLifetime(Duration lifetime) {
		Assert.notNull(lifetime, "lifetime must not be null");
		Assert.isTrue(!lifetime.isNegative() && !lifetime.isZero(), "lifetime must be positive");
		return new LocalTokenIssuer(this.shape, this.key, this.signer, this.issuer, this.authorizedParty, lifetime,
				this.clock);
	}

	/** The same issuer and key, taking the issue time from the given clock. */
	public LocalTokenIssuer withClock(Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		return new LocalTokenIssuer(this.shape, this.key, this.signer, this.issuer, this.authorizedParty,
				this.lifetime, clock);
	}

	/** A token of the given user with the defaults of the shape. */
	public String issue(String userId) {
		return issue(LocalToken.user(userId).build());
	}

	/** A token with the given content. */
	public String issue(LocalToken token) {
		Assert.notNull(token, "token must not be null");
		Instant now = this.clock.instant();
		Duration lifetime = (token.expiresIn() != null) ? token.expiresIn() : this.lifetime;
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
		if (this.shape == Shape.CLERK) {
			clerkClaims(token, now, claims);
		}
		else {
			supabaseClaims(token, now, claims);
		}
		claims.expirationTime(Date.from(now.plus(lifetime)));
		token.claims().forEach(claims::claim);
		return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID()).type(JOSEObjectType.JWT),
				claims);
	}

	/**
	 * A Clerk machine token in JWT form, verified without network by Clerk's verifier trusting
	 * this issuer's key: an M2M token (header {@code cat} {@value ClerkMachineAuthenticator#M2M_CATEGORY}, {@code sub} the
	 * machine, {@code scopes} space-separated) or an OAuth access token (header {@code typ}
	 * {@code at+jwt}, {@code client_id}, {@code scp}). API keys have no JWT form.
	 * @param token the content of the token
	 * @throws IllegalStateException if this issuer mints Supabase tokens: Supabase has no machine
	 * tokens
	 */
	public String issue(LocalMachineToken token) {
		Assert.notNull(token, "token must not be null");
		Assert.state(this.shape == Shape.CLERK, "Machine tokens are Clerk's: this issuer mints Supabase tokens");
		Assert.isTrue(token.type() != SaasTokenType.API_KEY, "API keys are opaque: they have no JWT form");
		Instant now = this.clock.instant();
		Duration lifetime = (token.expiresIn() != null) ? token.expiresIn() : this.lifetime;
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(token.subject())
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plus(lifetime)));
		if (this.issuer != null) {
			claims.issuer(this.issuer);
		}
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID());
		if (token.type() == SaasTokenType.M2M_TOKEN) {
			header.type(JOSEObjectType.JWT).customParam("cat", ClerkMachineAuthenticator.M2M_CATEGORY);
			claims.jwtID("mt_" + randomAlphanumeric(27));
			if (!token.scopes().isEmpty()) {
				claims.claim("scopes", String.join(" ", token.scopes()));
			}
		}
		else {
			header.type(new JOSEObjectType("at+jwt"));
			claims.jwtID("oat_" + randomAlphanumeric(27)).claim("scp", token.scopes());
			if (token.clientId() != null) {
				claims.claim("client_id", token.clientId());
			}
		}
		token.claims().forEach(claims::claim);
		return sign(header, claims);
	}

	private String sign(JWSHeader.Builder header, JWTClaimsSet.Builder claims) {
		SignedJWT jwt = new SignedJWT(header.build(), claims.build());
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not sign the local token: " + ex.getMessage(), ex);
		}
		return jwt.serialize();
	}

	private void clerkClaims(LocalToken token, Instant now, JWTClaimsSet.Builder claims) {
		claims.subject(token.userId())
			.claim("sid", (token.sessionId() != null) ? token.sessionId() : "sess_" + randomAlphanumeric(27))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.claim("v", 2);
		if (this.issuer != null) {
			claims.issuer(this.issuer);
		}
		if (this.authorizedParty != null) {
			claims.claim("azp", this.authorizedParty);
		}
		if (token.organization() != null) {
			organization(token.organization(), claims);
		}
		if (token.email() != null) {
			claims.claim("email", token.email());
		}
		if (!token.appMetadata().isEmpty()) {
			claims.claim("public_metadata", token.appMetadata());
		}
	}

	/** The v2 {@code o} claim; permissions as {@code fea} features, {@code per} names and {@code fpm} masks. */
	private static void organization(SaasOrganization organization, JWTClaimsSet.Builder claims) {
		Map<String, Object> o = new LinkedHashMap<>();
		o.put("id", organization.id());
		if (organization.slug() != null) {
			o.put("slg", organization.slug());
		}
		String role = organization.role();
		if (role != null && !role.isBlank()) {
			o.put("rol", role.startsWith("org:") ? role.substring(4) : role);
		}
		List<String> features = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (String permission : organization.permissions()) {
			String[] parts = permission.split(":");
			if (!features.contains(parts[1])) {
				features.add(parts[1]);
			}
			if (!names.contains(parts[2])) {
				names.add(parts[2]);
			}
		}
		if (!features.isEmpty()) {
			long[] masks = new long[features.size()];
			for (String permission : organization.permissions()) {
				String[] parts = permission.split(":");
				masks[features.indexOf(parts[1])] |= 1L << names.indexOf(parts[2]);
			}
			List<String> fpm = new ArrayList<>();
			for (long mask : masks) {
				fpm.add(Long.toString(mask));
			}
			o.put("per", String.join(",", names));
			o.put("fpm", String.join(",", fpm));
			claims.claim("fea", String.join(",", features.stream().map((feature) -> "o:" + feature).toList()));
		}
		claims.claim("o", o);
	}

	private void supabaseClaims(LocalToken token, Instant now, JWTClaimsSet.Builder claims) {
		try {
			Assert.isTrue(UUID.fromString(token.userId()).toString().equalsIgnoreCase(token.userId()), "not canonical");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Supabase user ids are UUIDs, '" + token.userId()
					+ "' is not one: use for example " + UUID.nameUUIDFromBytes(
							token.userId().getBytes(StandardCharsets.UTF_8)),
					ex);
		}
		Map<String, Object> appMetadata = new LinkedHashMap<>();
		appMetadata.put("provider", "email");
		appMetadata.put("providers", List.of("email"));
		appMetadata.putAll(token.appMetadata());
		long issuedAt = now.getEpochSecond();
		claims.issuer(this.issuer)
			.subject(token.userId())
			.claim("aud", "authenticated")
			.issueTime(Date.from(now))
			.claim("email", (token.email() != null) ? token.email() : "")
			.claim("phone", "")
			.claim("app_metadata", appMetadata)
			.claim("user_metadata", new LinkedHashMap<>(token.userMetadata()))
			.claim("role", (token.role() != null && !token.role().isBlank()) ? token.role() : "authenticated")
			.claim("aal", "aal1")
			.claim("amr", List.of(Map.of("method", "password", "timestamp", issuedAt)))
			.claim("session_id", (token.sessionId() != null) ? token.sessionId() : this.uuids.next().toString())
			.claim("is_anonymous", false);
	}

	/** The public key as an SPKI PEM block, the form of Clerk's {@code jwt-key}. */
	public String publicKeyPem() {
		try {
			return "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, new byte[] { '\n' })
						.encodeToString(this.key.toRSAPublicKey().getEncoded())
					+ "\n-----END PUBLIC KEY-----\n";
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The public key as a JWK set (the private part is never included). */
	public JWKSet jwkSet() {
		return new JWKSet(this.key.toPublicJWK());
	}

	/** The {@code kid} of the key. */
	public String keyId() {
		return this.key.getKeyID();
	}

	/** The {@code iss} of the tokens, or null when they have none. */
	public @Nullable String issuer() {
		return this.issuer;
	}

	/** The {@code azp} of Clerk-shaped tokens, or null. */
	public @Nullable String authorizedParty() {
		return this.authorizedParty;
	}

	/** The lifetime of tokens that do not set their own. */
	public Duration lifetime() {
		return this.lifetime;
	}

	private static RSAKey generate() {
		byte[] id = new byte[4];
		RANDOM.nextBytes(id);
		try {
			return new RSAKeyGenerator(2048).keyID("saas-stack-local-" + HexFormat.of().formatHex(id))
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Could not generate the local RSA key pair: " + ex.getMessage(), ex);
		}
	}

	private static JWSSigner signer(RSAKey key) {
		try {
			return new RSASSASigner(key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static SecureRandom seededDrbg() {
		try {
			SecureRandom random = SecureRandom.getInstance("DRBG");
			random.nextBytes(new byte[1]);
			return random;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("the JDK's DRBG SecureRandom is missing", ex);
		}
	}

	private static String randomAlphanumeric(int length) {
		char[] chars = new char[length];
		for (int i = 0; i < length; i++) {
			chars[i] = ALPHANUMERIC[RANDOM.nextInt(ALPHANUMERIC.length)];
		}
		return new String(chars);
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value : null;
	}

	@Override
	public String toString() {
		return "LocalTokenIssuer[" + this.shape.name().toLowerCase() + ", kid " + this.key.getKeyID() + ", issuer "
				+ ((this.issuer != null) ? this.issuer : "none") + ", lifetime " + this.lifetime + "]";
	}

	private enum Shape {

		CLERK, SUPABASE

	}

}
