package io.saasstack.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * Verifies ImageKit webhooks in both of ImageKit's schemes, until it is confirmed which one the
 * server sends:
 * <ul>
 * <li><b>current</b>, Standard Webhooks ({@code webhook-id}, {@code webhook-timestamp},
 * {@code webhook-signature}) with the HMAC key taken as the UTF-8 bytes of the secret as given,
 * as the Java v3 and Node v7 SDKs do ({@link StandardWebhookVerifier#rawKey});</li>
 * <li><b>legacy</b>, {@code x-ik-signature: t=<epoch ms>,v1=<hex>} where {@code v1} is
 * {@code hex(HMAC-SHA256(secret as is, including whsec_, "<t>.<rawBody>"))}; the message has no
 * id.</li>
 * </ul>
 * When the Standard Webhooks signature header is present that scheme is used, otherwise the
 * legacy one. Both check the timestamp against the tolerance (300 s by default, inclusive).
 *
 * @since 0.1.0
 */
public final class ImageKitWebhookVerifier implements WebhookVerifier {

	private static final String PROVIDER = "imagekit";

	private static final String LEGACY_HEADER = "x-ik-signature";

	private final byte[] key;

	private final Clock clock;

	private final Duration tolerance;

	private final StandardWebhookVerifier standard;

	/**
	 * A verifier for the ImageKit webhook secret, with the system clock and a 300 s tolerance.
	 * @param secret the webhook secret ({@code whsec_…}), used as is
	 */
	public ImageKitWebhookVerifier(String secret) {
		this(secret, Clock.systemUTC(), StandardWebhookVerifier.DEFAULT_TOLERANCE);
	}

	/**
	 * A verifier for the ImageKit webhook secret.
	 * @param secret the webhook secret ({@code whsec_…}), used as is
	 * @param clock the clock the timestamps are checked against
	 * @param tolerance the timestamp tolerance, inclusive, in both directions
	 */
	public ImageKitWebhookVerifier(String secret, Clock clock, Duration tolerance) {
		Assert.hasLength(secret, "secret must not be empty");
		Assert.notNull(clock, "clock must not be null");
		Assert.isTrue(tolerance != null && !tolerance.isNegative(), "tolerance must not be negative");
		this.key = secret.getBytes(StandardCharsets.UTF_8);
		this.clock = clock;
		this.tolerance = tolerance;
		this.standard = StandardWebhookVerifier.rawKey(PROVIDER, secret, clock).withTolerance(tolerance);
	}

	/**
	 * Signs a body in the legacy scheme.
	 * @param secret the webhook secret, used as is
	 * @param timestampMillis the timestamp, epoch milliseconds
	 * @param body the raw body
	 * @return the {@code x-ik-signature} value, {@code t=<ms>,v1=<hex>}
	 */
	public static String signLegacy(String secret, long timestampMillis, byte[] body) {
		return "t=" + timestampMillis + ",v1="
				+ legacySignature(secret.getBytes(StandardCharsets.UTF_8), Long.toString(timestampMillis), body);
	}

	@Override
	public VerifiedWebhook verify(HttpHeaders headers, byte[] body) {
		Assert.notNull(headers, "headers must not be null");
		Assert.notNull(body, "body must not be null");
		if (WebhookSignatures.header(headers, "webhook-signature", "svix-signature") != null) {
			return this.standard.verify(headers, body);
		}
		String legacy = WebhookSignatures.header(headers, LEGACY_HEADER);
		if (legacy == null) {
			throw reject("missing required headers (webhook-id, webhook-timestamp, webhook-signature, "
					+ "or the legacy x-ik-signature)");
		}
		return verifyLegacy(legacy, body);
	}

	private VerifiedWebhook verifyLegacy(String header, byte[] body) {
		String timestampText = null;
		List<byte[]> candidates = new ArrayList<>();
		for (String part : header.split(",")) {
			String item = part.trim();
			if (item.startsWith("t=")) {
				timestampText = item.substring(2);
			}
			else if (item.startsWith("v1=")) {
				candidates.add(item.substring(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
			}
		}
		Long timestamp = (timestampText != null) ? WebhookSignatures.parseDigits(timestampText) : null;
		if (timestamp == null || candidates.isEmpty()) {
			throw reject("invalid signature headers: x-ik-signature is not t=<epoch ms>,v1=<hex>");
		}
		long now = this.clock.millis();
		long tolerance = this.tolerance.toMillis();
		if (now - timestamp > tolerance) {
			throw reject("message timestamp too old");
		}
		if (timestamp - now > tolerance) {
			throw reject("message timestamp too new");
		}
		byte[] expected = legacySignature(this.key, Long.toString(timestamp), body)
			.getBytes(StandardCharsets.US_ASCII);
		boolean matched = false;
		for (byte[] candidate : candidates) {
			matched |= MessageDigest.isEqual(expected, candidate);
		}
		if (!matched) {
			throw reject("no matching signature found");
		}
		return new VerifiedWebhook(PROVIDER, null, Instant.ofEpochMilli(timestamp), body);
	}

	private static String legacySignature(byte[] key, String timestamp, byte[] body) {
		byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
		return HexFormat.of().formatHex(WebhookSignatures.hmacSha256(key, prefix, body));
	}

	private static WebhookVerificationException reject(String message) {
		return new WebhookVerificationException(PROVIDER, message);
	}

	@Override
	public String toString() {
		return "ImageKitWebhookVerifier[tolerance=" + this.tolerance + "]";
	}

}
