package io.saasstack.auth.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Whether a request may be authenticated by a token in a cookie. A browser attaches cookies to
 * requests another site makes it send, so Spring Security, which exempts every request carrying
 * a bearer token from CSRF protection, would let a forged cross-site {@code POST} through on the
 * victim's session cookie. The cookies of a request with an unsafe method (anything but
 * {@code GET}, {@code HEAD}, {@code OPTIONS} and {@code TRACE}) are therefore only used when the
 * browser says the request comes from the application itself:
 * <ul>
 * <li>{@code Sec-Fetch-Site} is {@code same-origin} (or {@code none}: the user typed or bookmarked
 * it), or</li>
 * <li>{@code Origin} is the request's own origin or one of the trusted origins (Clerk's
 * authorized parties: the front ends allowed to use the API).</li>
 * </ul>
 * Without either header the cookies are not used: browsers send them with every unsafe
 * cross-origin request, other clients send their token in the {@code Authorization} header.
 * Header tokens are never affected.
 *
 * @since 0.1.0
 */
public final class CookieTokenPolicy {

	/** Only the request's own origin is trusted. */
	public static final CookieTokenPolicy SAME_ORIGIN = new CookieTokenPolicy(Set.of());

	private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

	private final Set<String> trustedOrigins;

	private CookieTokenPolicy(Set<String> trustedOrigins) {
		this.trustedOrigins = trustedOrigins;
	}

	/**
	 * A policy that also trusts the given origins, such as {@code https://app.example.com}.
	 * Values that are not origins are ignored: no {@code Origin} header can match them.
	 * @param trustedOrigins origins whose pages may send unsafe requests with the cookie
	 * @return the policy
	 */
	public static CookieTokenPolicy trusting(Collection<String> trustedOrigins) {
		Assert.notNull(trustedOrigins, "trustedOrigins must not be null");
		Set<String> origins = new LinkedHashSet<>();
		for (String origin : trustedOrigins) {
			String normalized = (origin != null) ? normalize(origin) : null;
			if (normalized != null) {
				origins.add(normalized);
			}
		}
		return new CookieTokenPolicy(Set.copyOf(origins));
	}

	/**
	 * Whether the request's cookies may carry its token.
	 * @param method the HTTP method
	 * @param origin the {@code Origin} header, or null
	 * @param fetchSite the {@code Sec-Fetch-Site} header, or null
	 * @param requestOrigin the origin the request was sent to, {@code scheme://host[:port]}
	 * @return true when the cookies may be used
	 */
	public boolean cookiesAllowed(String method, @Nullable String origin, @Nullable String fetchSite,
			String requestOrigin) {
		if (SAFE_METHODS.contains(method.toUpperCase(Locale.ROOT))) {
			return true;
		}
		if (fetchSite != null) {
			String site = fetchSite.trim().toLowerCase(Locale.ROOT);
			if (site.equals("same-origin") || site.equals("none")) {
				return true;
			}
		}
		String normalized = (origin != null) ? normalize(origin) : null;
		return normalized != null
				&& (normalized.equals(normalize(requestOrigin)) || this.trustedOrigins.contains(normalized));
	}

	/** {@code scheme://host[:port]} in lower case without the default port, or null. */
	static @Nullable String normalize(String origin) {
		try {
			URI uri = new URI(origin.trim());
			String scheme = uri.getScheme();
			String host = uri.getHost();
			if (scheme == null || host == null || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
					&& !uri.getRawPath().equals("/"))) {
				return null;
			}
			scheme = scheme.toLowerCase(Locale.ROOT);
			int port = uri.getPort();
			boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
					|| (scheme.equals("http") && port == 80);
			return scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
		}
		catch (URISyntaxException ex) {
			// "null" (sandboxed and privacy-sensitive contexts) and anything malformed
			return null;
		}
	}

	@Override
	public String toString() {
		return "CookieTokenPolicy[same origin" + (this.trustedOrigins.isEmpty() ? "" : ", " + this.trustedOrigins)
				+ "]";
	}

}
