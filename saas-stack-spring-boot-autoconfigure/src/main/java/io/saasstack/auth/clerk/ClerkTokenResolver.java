package io.saasstack.auth.clerk;

import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Finds the session token of a request as {@code @clerk/backend}'s {@code authenticateRequest}
 * does (reference {@code auth-clerk.md} §0.1 and §4, vector {@code clerk/request-token-extraction}):
 * <ol>
 * <li>the {@code Authorization} header, when it yields a token: {@code Bearer <token>} (the scheme
 * compared case-sensitively), or a value without any blank taken whole; other schemes are
 * ignored. A header token wins: the cookies are then not looked at;</li>
 * <li>else the {@code __session} cookie, or the instance's suffixed {@code __session_<suffix>}
 * cookie when the publishable key is known and the JS rules prefer it (the un-suffixed cookie
 * belongs to another instance, or the suffixed one is the newer session).</li>
 * </ol>
 * A function of the header value and the cookies, usable from servlet and reactive resolvers.
 * No handshake or refresh is ever attempted: a backend answers 401.
 *
 * @since 0.1.0
 */
public final class ClerkTokenResolver {

	static final String SESSION_COOKIE = "__session";

	static final String CLIENT_UAT_COOKIE = "__client_uat";

	private final @Nullable ClerkPublishableKey publishableKey;

	private final Clock clock;

	/** A resolver knowing only the un-suffixed {@code __session} cookie. */
	public ClerkTokenResolver() {
		this(null, Clock.systemUTC());
	}

	/**
	 * @param publishableKey the instance's publishable key, for the suffixed cookies, or null
	 * @param clock source of "now", to tell expired suffixed sessions (development instances)
	 */
	public ClerkTokenResolver(@Nullable ClerkPublishableKey publishableKey, Clock clock) {
		Assert.notNull(clock, "clock must not be null");
		this.publishableKey = publishableKey;
		this.clock = clock;
	}

	/**
	 * The token of a request.
	 * @param authorization value of the {@code Authorization} header, or null
	 * @param cookies request cookies by name (the first value of each)
	 * @return the token and where it came from, or null when the request has none
	 */
	public @Nullable Token resolve(@Nullable String authorization, Map<String, String> cookies) {
		String header = fromHeader(authorization);
		if (header != null) {
			return new Token(header, Carrier.HEADER);
		}
		String cookie = usesSuffixedCookies(cookies) ? cookies.get(suffixed(SESSION_COOKIE))
				: cookies.get(SESSION_COOKIE);
		return (cookie != null && !cookie.isEmpty()) ? new Token(cookie, Carrier.COOKIE) : null;
	}

	/** The token of a request as a string, see {@link #resolve}. */
	public @Nullable String resolveToken(@Nullable String authorization, Map<String, String> cookies) {
		Token token = resolve(authorization, cookies);
		return (token != null) ? token.value() : null;
	}

	/** {@code parseAuthorizationHeader} of {@code @clerk/backend}. */
	static @Nullable String fromHeader(@Nullable String authorization) {
		if (authorization == null || authorization.isEmpty()) {
			return null;
		}
		// String.split(' ', 2) of JS: at most the first two blank-separated fields
		String[] fields = authorization.split(" ", -1);
		String scheme = fields[0];
		String token = (fields.length > 1) ? fields[1] : null;
		if (token == null || token.isEmpty()) {
			return scheme.isEmpty() ? null : scheme;
		}
		return "Bearer".equals(scheme) ? token : null;
	}

	/** The cookies of a {@code Cookie} header, the first value of each name winning. */
	public static Map<String, String> parseCookieHeader(@Nullable String cookieHeader) {
		Map<String, String> cookies = new LinkedHashMap<>();
		if (cookieHeader == null) {
			return cookies;
		}
		for (String pair : cookieHeader.split(";")) {
			int equals = pair.indexOf('=');
			if (equals <= 0) {
				continue;
			}
			String name = pair.substring(0, equals).trim();
			if (name.isEmpty()) {
				continue;
			}
			String value = pair.substring(equals + 1).trim();
			if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
				value = value.substring(1, value.length() - 1);
			}
			cookies.putIfAbsent(name, value);
		}
		return cookies;
	}

	/** {@code usesSuffixedCookies} of {@code @clerk/backend}'s {@code AuthenticateContext}. */
	private boolean usesSuffixedCookies(Map<String, String> cookies) {
		if (this.publishableKey == null) {
			return false;
		}
		String suffixedClientUat = cookies.get(suffixed(CLIENT_UAT_COOKIE));
		String clientUat = cookies.get(CLIENT_UAT_COOKIE);
		String suffixedSession = cookies.getOrDefault(suffixed(SESSION_COOKIE), "");
		String session = cookies.getOrDefault(SESSION_COOKIE, "");
		JWTClaimsSet sessionClaims = claims(session);
		if (!session.isEmpty() && (sessionClaims == null || sessionClaims.getIssuer() == null)) {
			return false;
		}
		if (!session.isEmpty() && !belongsToInstance(sessionClaims)) {
			return true;
		}
		if (isEmpty(suffixedClientUat) && suffixedSession.isEmpty()) {
			return false;
		}
		JWTClaimsSet suffixedClaims = claims(suffixedSession);
		long sessionIat = epochSeconds((sessionClaims != null) ? sessionClaims.getIssueTime() : null);
		long suffixedIat = epochSeconds((suffixedClaims != null) ? suffixedClaims.getIssueTime() : null);
		if (!"0".equals(suffixedClientUat) && !"0".equals(clientUat) && sessionIat > suffixedIat) {
			return false;
		}
		if ("0".equals(suffixedClientUat) && !"0".equals(clientUat)) {
			return false;
		}
		if (!"production".equals(this.publishableKey.instanceType())) {
			boolean suffixedExpired = suffixedClaims != null && suffixedClaims.getExpirationTime() != null
					&& epochSeconds(suffixedClaims.getExpirationTime()) <= this.clock.instant().getEpochSecond();
			if (!"0".equals(suffixedClientUat) && !"0".equals(clientUat) && suffixedExpired) {
				return false;
			}
		}
		return true;
	}

	private boolean belongsToInstance(@Nullable JWTClaimsSet claims) {
		if (claims == null || claims.getIssuer() == null || this.publishableKey == null) {
			return false;
		}
		return this.publishableKey.frontendApi().equals(claims.getIssuer().replaceAll("(?i)https?://", ""));
	}

	private String suffixed(String name) {
		return name + "_" + ((this.publishableKey != null) ? this.publishableKey.cookieSuffix() : "");
	}

	private static boolean isEmpty(@Nullable String value) {
		return value == null || value.isEmpty();
	}

	private static long epochSeconds(@Nullable Date date) {
		return (date != null) ? date.getTime() / 1000 : 0;
	}

	// unverified: only to choose a cookie, as decodeJwt does in JS
	private static @Nullable JWTClaimsSet claims(String token) {
		if (token.isEmpty()) {
			return null;
		}
		try {
			return JWTParser.parse(token).getJWTClaimsSet();
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "ClerkTokenResolver[" + ((this.publishableKey != null) ? this.publishableKey : "__session") + "]";
	}

	/**
	 * Where a token came from.
	 */
	public enum Carrier {

		/** The {@code Authorization} header. */
		HEADER,

		/** A session cookie. */
		COOKIE

	}

	/**
	 * A request's token.
	 *
	 * @param value the token
	 * @param carrier where it came from
	 */
	public record Token(String value, Carrier carrier) {

		@Override
		public String toString() {
			return "Token[" + this.carrier + "]";
		}

	}

}
