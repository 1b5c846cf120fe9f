package io.saasstack.auth.clerk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.security.JwtForm;
import io.saasstack.auth.security.MachineTokenAuthenticator;
import io.saasstack.auth.security.TokenFailure;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Clerk's machine tokens, routed as {@code @clerk/backend}'s {@code verifyMachineAuthToken}
 * routes them (reference {@code auth-clerk.md} §6, vector {@code clerk/token-type-routing}):
 * <ul>
 * <li>a JWT whose {@code sub} starts with {@code mch_} is an M2M token, one typed {@code at+jwt}
 * or {@code application/at+jwt} an OAuth access token: both verified without any call to Clerk
 * by the {@link ClerkTokenVerifier} (its PEM key or key set);</li>
 * <li>opaque tokens by prefix, {@code mt_}, {@code oat_}, {@code ak_}: verified by Clerk
 * ({@link ClerkMachineTokens}) through the {@link ClerkMachineTokenCache}.</li>
 * </ul>
 * Opaque tokens that cannot be Clerk's (longer than {@value #MAX_OPAQUE_LENGTH} characters, or
 * with characters outside printable ASCII) are refused before any call.
 *
 * @since 0.1.0
 */
public final class ClerkMachineAuthenticator implements MachineTokenAuthenticator {

	/** Header {@code cat} of M2M JWTs ({@code @clerk/backend} {@code jwtCategories.ts}). */
	public static final String M2M_CATEGORY = "cl_B7d4PD333AAA";

	/** The longest opaque token sent to Clerk. */
	public static final int MAX_OPAQUE_LENGTH = 512;

	/** JWT claims that are not custom claims of a machine token ({@code M2M_RESERVED_JWT_CLAIMS}). */
	private static final Set<String> RESERVED_CLAIMS = Set.of("iss", "sub", "exp", "nbf", "iat", "jti");

	private final ClerkTokenVerifier jwts;

	private final @Nullable ClerkMachineTokens opaque;

	private final ClerkMachineTokenCache cache;

	/**
	 * @param jwts verifies the JWT forms
	 * @param opaque verifies the opaque forms, or null when no secret key is set (opaque tokens
	 * are then refused)
	 * @param cache the verified opaque tokens
	 */
	public ClerkMachineAuthenticator(ClerkTokenVerifier jwts, @Nullable ClerkMachineTokens opaque,
			ClerkMachineTokenCache cache) {
		Assert.notNull(jwts, "jwts must not be null");
		Assert.notNull(cache, "cache must not be null");
		this.jwts = jwts;
		this.opaque = opaque;
		this.cache = cache;
	}

	@Override
	public SaasTokenType typeOf(String token) {
		return SaasTokenType.valueOf(ClerkTokenType.of(token).name());
	}

	@Override
	public Mono<SaasMachine> authenticate(String token, SaasTokenType type) {
		return Mono.defer(() -> {
			Assert.isTrue(type.isMachine(), "type must be a machine token type");
			ClerkTokenType clerkType = ClerkTokenType.valueOf(type.name());
			if (JwtForm.isCompactJws(token)) {
				if (clerkType == ClerkTokenType.API_KEY) {
					return Mono.error(refused(TokenFailure.MALFORMED, "API keys are opaque."));
				}
				return this.jwts.verifyMachineReactive(token, clerkType).map((jwt) -> fromJwt(type, jwt));
			}
			if (!ClerkTokenType.of(token).equals(clerkType) || !plausible(token)) {
				return Mono.error(refused(TokenFailure.MALFORMED, "Not a Clerk " + type.id() + "."));
			}
			if (this.opaque == null) {
				return Mono.error(new ClerkMachineTokenException(TokenFailure.VERIFICATION_UNAVAILABLE,
						"secret-key-missing", "Opaque machine tokens need 'saas.auth.clerk.secret-key'.", null));
			}
			ClerkMachineTokens verifier = this.opaque;
			return this.cache.get(token, (value) -> verifier.verify(clerkType, value));
		});
	}

	private static boolean plausible(String token) {
		if (token.length() > MAX_OPAQUE_LENGTH) {
			return false;
		}
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c <= ' ' || c > '~') {
				return false;
			}
		}
		return true;
	}

	/** {@code M2MToken.fromJwtPayload} and {@code IdPOAuthAccessToken.fromJwtPayload} of the SDK. */
	static SaasMachine fromJwt(SaasTokenType type, Jwt jwt) {
		Map<String, Object> claims = jwt.getClaims();
		Map<String, Object> custom = new LinkedHashMap<>();
		claims.forEach((name, value) -> {
			if (!RESERVED_CLAIMS.contains(name)) {
				custom.put(name, value);
			}
		});
		String id = (claims.get("jti") instanceof String jti) ? jti : "";
		Instant expiresAt = jwt.getExpiresAt();
		if (type == SaasTokenType.M2M_TOKEN) {
			List<String> scopes = (claims.get("scopes") instanceof String spaced) ? split(spaced)
					: ClerkMachineTokens.scopes(claims.get("aud"));
			return new SaasMachine(ClerkClaims.PROVIDER, type, id, jwt.getSubject(), null, null, scopes, custom,
					expiresAt);
		}
		List<String> scopes = (claims.get("scp") instanceof List<?> scp) ? ClerkMachineTokens.scopes(scp)
				: (claims.get("scope") instanceof String spaced) ? split(spaced) : List.of();
		String clientId = (claims.get("client_id") instanceof String client) ? client : null;
		return new SaasMachine(ClerkClaims.PROVIDER, type, id, jwt.getSubject(), null, clientId, scopes, custom,
				expiresAt);
	}

	private static List<String> split(String spaced) {
		List<String> scopes = new ArrayList<>();
		Arrays.stream(spaced.split(" ")).filter((scope) -> !scope.isEmpty()).forEach(scopes::add);
		return scopes;
	}

	private static ClerkMachineTokenException refused(TokenFailure failure, String message) {
		return new ClerkMachineTokenException(failure, "token-invalid", message, null);
	}

	@Override
	public String toString() {
		return "ClerkMachineAuthenticator[" + this.jwts + ", " + ((this.opaque != null) ? "opaque tokens verified"
				: "opaque tokens refused (no secret key)") + ", " + this.cache + "]";
	}

}
