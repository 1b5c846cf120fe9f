package io.saasstack.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * Verifies Cloudinary notification signatures: headers {@code X-Cld-Signature} and
 * {@code X-Cld-Timestamp}, signature {@code hex(SHA-1(body + timestamp + api_secret))} (SHA-256
 * when the account signs with it). A plain hash, not an HMAC, compared in constant time on the
 * raw body bytes. The timestamp (epoch seconds) must be no older than {@code validFor} (7200 s by
 * default, as the Node SDK) and no further than {@code validFor} in the future.
 *
 * @since 0.1.0
 */
public final class CloudinaryWebhookVerifier implements WebhookVerifier {

	/** The Node SDK's default {@code valid_for}. */
	public static final Duration DEFAULT_VALID_FOR = Duration.ofHours(2);

	private static final String PROVIDER = "cloudinary";

	/** The digest Cloudinary signs with, the account's {@code signature_algorithm}. */
	public enum Algorithm {

		/** SHA-1, Cloudinary's default. */
		SHA1("SHA-1"),

		/** SHA-256. */
		SHA256("SHA-256");

		private final String jcaName;

		Algorithm(String jcaName) {
			this.jcaName = jcaName;
		}

	}

	private final byte[] apiSecret;

	private final Algorithm algorithm;

	private final Duration validFor;

	private final Clock clock;

	/**
	 * A SHA-1 verifier with the default {@code validFor} and the system clock.
	 * @param apiSecret the account's API secret
	 */
	public CloudinaryWebhookVerifier(String apiSecret) {
		this(apiSecret, Algorithm.SHA1, DEFAULT_VALID_FOR, Clock.systemUTC());
	}

	/**
	 * A verifier.
	 * @param apiSecret the account's API secret
	 * @param algorithm the signature algorithm of the account
	 * @param validFor how old (or how far in the future) the timestamp may be, inclusive
	 * @param clock the clock the timestamp is checked against
	 */
	public CloudinaryWebhookVerifier(String apiSecret, Algorithm algorithm, Duration validFor, Clock clock) {
		Assert.hasLength(apiSecret, "apiSecret must not be empty");
		Assert.notNull(algorithm, "algorithm must not be null");
		Assert.isTrue(validFor != null && !validFor.isNegative(), "validFor must not be negative");
		Assert.notNull(clock, "clock must not be null");
		this.apiSecret = apiSecret.getBytes(StandardCharsets.UTF_8);
		this.algorithm = algorithm;
		this.validFor = validFor;
		this.clock = clock;
	}

	/**
	 * Signs a body as Cloudinary does.
	 * @param apiSecret the API secret
	 * @param algorithm the signature algorithm
	 * @param timestamp the {@code X-Cld-Timestamp} value
	 * @param body the raw body
	 * @return the {@code X-Cld-Signature} value, lower-case hex
	 */
	public static String sign(String apiSecret, Algorithm algorithm, String timestamp, byte[] body) {
		return signature(apiSecret.getBytes(StandardCharsets.UTF_8), algorithm, timestamp, body);
	}

	private static String signature(byte[] apiSecret, Algorithm algorithm, String timestamp, byte[] body) {
		return HexFormat.of()
			.formatHex(WebhookSignatures.digest(algorithm.jcaName, body, timestamp.getBytes(StandardCharsets.UTF_8),
					apiSecret));
	}

	@Override
	public VerifiedWebhook verify(HttpHeaders headers, byte[] body) {
		Assert.notNull(headers, "headers must not be null");
		Assert.notNull(body, "body must not be null");
		String signature = WebhookSignatures.header(headers, "X-Cld-Signature");
		String timestampHeader = WebhookSignatures.header(headers, "X-Cld-Timestamp");
		if (signature == null || timestampHeader == null) {
			throw reject("missing required headers (X-Cld-Signature, X-Cld-Timestamp)");
		}
		Long timestamp = WebhookSignatures.parseDigits(timestampHeader);
		if (timestamp == null) {
			throw reject("invalid signature headers: X-Cld-Timestamp is not an integer of epoch seconds");
		}
		long now = this.clock.instant().getEpochSecond();
		long validFor = this.validFor.getSeconds();
		if (now - timestamp > validFor) {
			throw reject("message timestamp too old");
		}
		if (timestamp - now > validFor) {
			throw reject("message timestamp too new");
		}
		byte[] expected = signature(this.apiSecret, this.algorithm, timestampHeader, body)
			.getBytes(StandardCharsets.US_ASCII);
		byte[] given = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(expected, given)) {
			throw reject("no matching signature found");
		}
		return new VerifiedWebhook(PROVIDER, null, Instant.ofEpochSecond(timestamp), body);
	}

	private static WebhookVerificationException reject(String message) {
		return new WebhookVerificationException(PROVIDER, message);
	}

	@Override
	public String toString() {
		return "CloudinaryWebhookVerifier[algorithm=" + this.algorithm + ", validFor=" + this.validFor + "]";
	}

}
