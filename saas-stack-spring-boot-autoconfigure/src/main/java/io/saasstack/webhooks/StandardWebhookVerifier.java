package io.saasstack.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * Verifies <a href="https://www.standardwebhooks.com/">Standard Webhooks</a> / Svix signatures:
 * Clerk, Resend, Supabase Auth hooks and ImageKit's current scheme.
 * <p>
 * Headers {@code svix-id}, {@code svix-timestamp}, {@code svix-signature}, falling back to
 * {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature} (case-insensitive).
 * The signature is {@code base64(HMAC-SHA256(key, "{id}.{timestamp}.{rawBody}"))}; the signature
 * header is a list of {@code v1,<signature>} entries separated by spaces (or by {@code ", "} as
 * Supabase sends them), any of which may match, with a constant-time comparison. The timestamp
 * must be within the tolerance (300 s by default, inclusive) of the clock.
 * <p>
 * The HMAC key comes from the secret by one of the factories: {@link #svix} (Clerk, Resend),
 * {@link #supabaseHook} (Supabase) or {@link #rawKey} (ImageKit). Instances are immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class StandardWebhookVerifier implements WebhookVerifier {

	/** The tolerance of the reference libraries. */
	public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	private static final String SECRET_PREFIX = "whsec_";

	private static final String SUPABASE_PREFIX = "v1,";

	private static final String VERSION = "v1";

	private final String provider;

	private final List<byte[]> keys;

	private final Clock clock;

	private final Duration tolerance;

	private StandardWebhookVerifier(String provider, List<byte[]> keys, Clock clock, Duration tolerance) {
		Assert.hasText(provider, "provider must not be empty");
		Assert.notEmpty(keys, "at least one key is required");
		Assert.notNull(clock, "clock must not be null");
		Assert.isTrue(!tolerance.isNegative(), "tolerance must not be negative");
		this.provider = provider;
		this.keys = List.copyOf(keys);
		this.clock = clock;
		this.tolerance = tolerance;
	}

	/**
	 * A verifier for a Svix secret ({@code whsec_<base64>}, the prefix optional): the HMAC key is
	 * the base64-decoded payload. Clerk and Resend.
	 * @param provider the provider name, e.g. {@code clerk} or {@code resend}
	 * @param secret the signing secret
	 * @return the verifier
	 */
	public static StandardWebhookVerifier svix(String provider, String secret) {
		return svix(provider, secret, Clock.systemUTC());
	}

	/**
	 * A verifier for a Svix secret, with the given clock.
	 * @param provider the provider name
	 * @param secret the signing secret, {@code whsec_<base64>}
	 * @param clock the clock the timestamp is checked against
	 * @return the verifier
	 * @see #svix(String, String)
	 */
	public static StandardWebhookVerifier svix(String provider, String secret, Clock clock) {
		return new StandardWebhookVerifier(provider, List.of(svixKey(secret)), clock, DEFAULT_TOLERANCE);
	}

	/**
	 * A verifier for a Supabase Auth hook secret, {@code v1,whsec_<base64>}; several secrets
	 * separated by {@code |} are all accepted (rotation). Provider {@code supabase}.
	 * @param secret the configured hook secret(s)
	 * @return the verifier
	 */
	public static StandardWebhookVerifier supabaseHook(String secret) {
		return supabaseHook(secret, Clock.systemUTC());
	}

	/**
	 * A verifier for a Supabase Auth hook secret, with the given clock.
	 * @param secret the configured hook secret(s), {@code v1,whsec_<base64>} separated by {@code |}
	 * @param clock the clock the timestamp is checked against
	 * @return the verifier
	 * @see #supabaseHook(String)
	 */
	public static StandardWebhookVerifier supabaseHook(String secret, Clock clock) {
		Assert.notNull(secret, "secret must not be null");
		List<byte[]> keys = new ArrayList<>();
		for (String part : secret.split("\\|")) {
			String trimmed = part.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			if (!trimmed.startsWith(SUPABASE_PREFIX)) {
				throw new IllegalArgumentException(
						"supabase hook secret must have the form v1,whsec_<base64> (asymmetric v1a secrets are not supported)");
			}
			keys.add(svixKey(trimmed.substring(SUPABASE_PREFIX.length())));
		}
		Assert.isTrue(!keys.isEmpty(), "supabase hook secret must not be empty");
		return new StandardWebhookVerifier("supabase", keys, clock, DEFAULT_TOLERANCE);
	}

	/**
	 * A verifier whose HMAC key is the UTF-8 bytes of the secret exactly as given, prefix
	 * included and not base64-decoded: what the ImageKit Java v3 and Node v7 SDKs do.
	 * @param provider the provider name, e.g. {@code imagekit}
	 * @param secret the secret, used as is
	 * @return the verifier
	 */
	public static StandardWebhookVerifier rawKey(String provider, String secret) {
		return rawKey(provider, secret, Clock.systemUTC());
	}

	/**
	 * A raw-key verifier with the given clock.
	 * @param provider the provider name
	 * @param secret the secret, used as is
	 * @param clock the clock the timestamp is checked against
	 * @return the verifier
	 * @see #rawKey(String, String)
	 */
	public static StandardWebhookVerifier rawKey(String provider, String secret, Clock clock) {
		Assert.hasLength(secret, "secret must not be empty");
		return new StandardWebhookVerifier(provider, List.of(secret.getBytes(StandardCharsets.UTF_8)), clock,
				DEFAULT_TOLERANCE);
	}

	/**
	 * A copy of this verifier with another timestamp tolerance, inclusive, in both directions.
	 * @param tolerance the tolerance
	 * @return the new verifier
	 */
	public StandardWebhookVerifier withTolerance(Duration tolerance) {
		Assert.notNull(tolerance, "tolerance must not be null");
		return new StandardWebhookVerifier(this.provider, this.keys, this.clock, tolerance);
	}

	/**
	 * Signs a message with a Svix secret ({@code whsec_<base64>}, the prefix optional).
	 * @param secret the secret
	 * @param id the message id
	 * @param timestamp the timestamp, epoch seconds
	 * @param body the raw body
	 * @return {@code v1,<base64 signature>}
	 */
	public static String sign(String secret, String id, long timestamp, byte[] body) {
		return sign(svixKey(secret), id, timestamp, body);
	}

	/**
	 * Signs a message with an HMAC key as is (e.g. the UTF-8 bytes of a raw-key secret).
	 * @param key the HMAC key
	 * @param id the message id
	 * @param timestamp the timestamp, epoch seconds
	 * @param body the raw body
	 * @return {@code v1,<base64 signature>}
	 */
	public static String sign(byte[] key, String id, long timestamp, byte[] body) {
		return VERSION + "," + signature(key, id, Long.toString(timestamp), body);
	}

	/** The signed content, {@code {id}.{timestamp}.{rawBody}}. */
	static byte[] signedContent(String id, String timestamp, byte[] body) {
		byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
		byte[] content = new byte[prefix.length + body.length];
		System.arraycopy(prefix, 0, content, 0, prefix.length);
		System.arraycopy(body, 0, content, prefix.length, body.length);
		return content;
	}

	private static String signature(byte[] key, String id, String timestamp, byte[] body) {
		return Base64.getEncoder().encodeToString(WebhookSignatures.hmacSha256(key, signedContent(id, timestamp, body)));
	}

	private static byte[] svixKey(String secret) {
		Assert.notNull(secret, "secret must not be null");
		String encoded = secret.trim();
		if (encoded.startsWith(SECRET_PREFIX)) {
			encoded = encoded.substring(SECRET_PREFIX.length());
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(encoded);
		}
		catch (IllegalArgumentException ex) {
			// Never echo the secret, nor the decoder's message (it may quote a character of it)
			throw new IllegalArgumentException("webhook secret is not whsec_<base64>");
		}
		Assert.isTrue(key.length > 0, "webhook secret must not be empty");
		return key;
	}

	@Override
	public VerifiedWebhook verify(HttpHeaders headers, byte[] body) {
		Assert.notNull(headers, "headers must not be null");
		Assert.notNull(body, "body must not be null");
		String id = WebhookSignatures.header(headers, "svix-id", "webhook-id");
		String timestampHeader = WebhookSignatures.header(headers, "svix-timestamp", "webhook-timestamp");
		String signatureHeader = WebhookSignatures.header(headers, "svix-signature", "webhook-signature");
		if (id == null || timestampHeader == null || signatureHeader == null) {
			throw reject("missing required headers (svix-id/webhook-id, svix-timestamp/webhook-timestamp, "
					+ "svix-signature/webhook-signature)");
		}
		Long timestamp = WebhookSignatures.parseDigits(timestampHeader);
		if (timestamp == null) {
			throw reject("invalid signature headers: the timestamp is not an integer of epoch seconds");
		}
		checkTimestamp(timestamp);
		String timestampText = Long.toString(timestamp);
		List<byte[]> candidates = candidates(signatureHeader);
		boolean matched = false;
		for (byte[] key : this.keys) {
			byte[] expected = signature(key, id, timestampText, body).getBytes(StandardCharsets.US_ASCII);
			for (byte[] candidate : candidates) {
				// no early exit: every candidate is compared, in constant time
				matched |= MessageDigest.isEqual(expected, candidate);
			}
		}
		if (!matched) {
			throw reject("no matching signature found");
		}
		return new VerifiedWebhook(this.provider, id, Instant.ofEpochSecond(timestamp), body);
	}

	private void checkTimestamp(long timestamp) {
		long now = this.clock.instant().getEpochSecond();
		long tolerance = this.tolerance.getSeconds();
		if (now - timestamp > tolerance) {
			throw reject("message timestamp too old");
		}
		if (timestamp - now > tolerance) {
			throw reject("message timestamp too new");
		}
	}

	/** The {@code v1} signatures of the header, as ASCII bytes; other versions are skipped. */
	private static List<byte[]> candidates(String header) {
		List<byte[]> candidates = new ArrayList<>();
		for (String entry : header.split("\\s+")) {
			// Supabase joins entries with ", ": the separator comma stays on the entry
			String trimmed = entry.endsWith(",") ? entry.substring(0, entry.length() - 1) : entry;
			int comma = trimmed.indexOf(',');
			if (comma < 0 || !VERSION.equals(trimmed.substring(0, comma))) {
				continue;
			}
			candidates.add(trimmed.substring(comma + 1).getBytes(StandardCharsets.US_ASCII));
		}
		return candidates;
	}

	private WebhookVerificationException reject(String message) {
		return new WebhookVerificationException(this.provider, message);
	}

	@Override
	public String toString() {
		return "StandardWebhookVerifier[provider=" + this.provider + ", keys=" + this.keys.size() + ", tolerance="
				+ this.tolerance + "]";
	}

}
