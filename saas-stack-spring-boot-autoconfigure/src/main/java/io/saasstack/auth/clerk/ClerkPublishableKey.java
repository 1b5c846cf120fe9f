package io.saasstack.auth.clerk;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.springframework.util.Assert;

/**
 * A Clerk publishable key ({@code pk_test_…} / {@code pk_live_…}) and what it encodes: the
 * Frontend API host, hence the expected {@code iss} of session tokens, and the suffix of the
 * instance's cookies. Parsed like {@code parsePublishableKey} and {@code getCookieSuffix} of
 * {@code @clerk/shared} (vectors {@code clerk/publishable-key}). A publishable key is public.
 *
 * @since 0.1.0
 */
public final class ClerkPublishableKey {

	private static final String TEST_PREFIX = "pk_test_";

	private static final String LIVE_PREFIX = "pk_live_";

	private final String value;

	private final String frontendApi;

	private ClerkPublishableKey(String value, String frontendApi) {
		this.value = value;
		this.frontendApi = frontendApi;
	}

	/**
	 * Parses a publishable key.
	 * @throws IllegalArgumentException if the value is not a Clerk publishable key
	 */
	public static ClerkPublishableKey parse(String publishableKey) {
		Assert.hasText(publishableKey, "publishableKey must not be empty");
		if (!publishableKey.startsWith(TEST_PREFIX) && !publishableKey.startsWith(LIVE_PREFIX)) {
			throw new IllegalArgumentException("A Clerk publishable key starts with pk_test_ or pk_live_");
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(publishableKey.substring(TEST_PREFIX.length())),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("The Clerk publishable key is not valid base64", ex);
		}
		if (!decoded.endsWith("$") || decoded.length() < 2) {
			throw new IllegalArgumentException("The Clerk publishable key does not encode a Frontend API host");
		}
		return new ClerkPublishableKey(publishableKey, decoded.substring(0, decoded.length() - 1));
	}

	/** The key itself. */
	public String value() {
		return this.value;
	}

	/** Frontend API host, for example {@code clerk.example.com}. */
	public String frontendApi() {
		return this.frontendApi;
	}

	/** {@code production} for {@code pk_live_} keys, else {@code development}. */
	public String instanceType() {
		return this.value.startsWith(LIVE_PREFIX) ? "production" : "development";
	}

	/** The {@code iss} of the instance's session tokens: {@code https://<frontendApi>}. */
	public String issuer() {
		return "https://" + this.frontendApi;
	}

	/** The Frontend API JWKS ({@code /.well-known/jwks.json}, unauthenticated). */
	public String frontendJwksUrl() {
		return issuer() + "/.well-known/jwks.json";
	}

	/** Suffix of the instance's cookies: the first 8 characters of base64url(SHA-1(key)). */
	public String cookieSuffix() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(this.value.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().encodeToString(digest).substring(0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Name of the suffixed session cookie, {@code __session_<suffix>}. */
	public String suffixedSessionCookie() {
		return "__session_" + cookieSuffix();
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof ClerkPublishableKey key) && this.value.equals(key.value);
	}

	@Override
	public int hashCode() {
		return this.value.hashCode();
	}

	@Override
	public String toString() {
		return "ClerkPublishableKey[" + instanceType() + " " + this.frontendApi + "]";
	}

}
