package io.saasstack.auth.clerk;

import java.text.ParseException;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWT;
import io.saasstack.auth.security.ParsedSignedJwt;
import org.jspecify.annotations.Nullable;

/**
 * The kind of a Clerk token, told apart the way {@code @clerk/backend} routes a request's token
 * (reference {@code auth-clerk.md} §6, vector {@code clerk/token-type-routing}): opaque machine
 * tokens by prefix, machine JWTs by a {@code mch_} subject, OAuth JWTs by an {@code at+jwt} type,
 * anything else is a session token. Session tokens go to {@link ClerkTokenVerifier}, the others to
 * {@link ClerkMachineAuthenticator} when a chain accepts them.
 * The JWT is inspected without verification: the result is only ever used to reject a token.
 *
 * @since 0.1.0
 */
public enum ClerkTokenType {

	/** A session token (JWT), the default. */
	SESSION_TOKEN,

	/** An API key, {@code ak_…}, verified by {@code POST /api_keys/verify}. */
	API_KEY,

	/** A machine-to-machine token: opaque {@code mt_…} or a JWT whose {@code sub} is {@code mch_…}. */
	M2M_TOKEN,

	/** An OAuth access token: opaque {@code oat_…} or a JWT typed {@code at+jwt}. */
	OAUTH_TOKEN;

	/** Whether tokens of this type are machine tokens (all but session tokens). */
	public boolean isMachine() {
		return this != SESSION_TOKEN;
	}

	private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	private static final JOSEObjectType APPLICATION_AT_JWT = new JOSEObjectType("application/at+jwt");

	/** The kind of the given token. */
	public static ClerkTokenType of(String token) {
		if (token.startsWith("ak_")) {
			return API_KEY;
		}
		if (token.startsWith("mt_")) {
			return M2M_TOKEN;
		}
		if (token.startsWith("oat_")) {
			return OAUTH_TOKEN;
		}
		return of(parse(token));
	}

	/** The type of an already parsed token (null when it did not parse). */
	static ClerkTokenType of(@Nullable JWT jwt) {
		if (jwt == null) {
			return SESSION_TOKEN;
		}
		// a mch_ subject wins over the type, as in getMachineTokenType and verifyMachineAuthToken
		try {
			Object subject = jwt.getJWTClaimsSet().getClaim("sub");
			if (subject instanceof String machine && machine.startsWith("mch_")) {
				return M2M_TOKEN;
			}
		}
		catch (ParseException | RuntimeException ex) {
			// a malformed payload is the verifier's to reject
		}
		JOSEObjectType type = jwt.getHeader().getType();
		if (AT_JWT.equals(type) || APPLICATION_AT_JWT.equals(type)) {
			return OAUTH_TOKEN;
		}
		return SESSION_TOKEN;
	}

	static @Nullable JWT parse(String token) {
		try {
			return ParsedSignedJwt.read(token);
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

}
