package io.saasstack.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.springframework.http.HttpHeaders;

/**
 * A deterministic corpus (fixed seed) of forged, tampered and malformed deliveries for one webhook
 * scheme: none may be published. Each forgery says the status it must get: 401 for anything that
 * fails verification, 413 for a body over the limit.
 */
final class WebhookForgeries {

	private static final String HEX = "0123456789abcdef";

	private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	private final WebhookSchemes scheme;

	private final long now;

	private final Random random = new Random(HostileTokens.SEED);

	private final List<Forgery> forgeries = new ArrayList<>();

	private int ids;

	private WebhookForgeries(WebhookSchemes scheme, long now) {
		this.scheme = scheme;
		this.now = now;
	}

	/** The corpus of a scheme, with timestamps around {@code now} (epoch seconds). */
	static List<Forgery> corpus(WebhookSchemes scheme, long now) {
		WebhookForgeries generator = new WebhookForgeries(scheme, now);
		generator.generate();
		return List.copyOf(generator.forgeries);
	}

	private void generate() {
		byte[] body = this.scheme.bodyBytes();
		wrongSecret(body);
		flippedBody(body);
		flippedSignature(body);
		truncatedSignature(body);
		missingHeaders(body);
		timestamps(body);
		otherBody(body);
		schemePrefixes(body);
		tamperedHeaders(body);
		huge(body);
	}

	private String id() {
		return "msg_forged_" + (++this.ids);
	}

	private HttpHeaders valid(byte[] body) {
		return this.scheme.sign(this.scheme.secret, id(), this.now, body);
	}

	private void add(String category, HttpHeaders headers, byte[] body) {
		add(category, headers, body, 401);
	}

	private void add(String category, HttpHeaders headers, byte[] body, int status) {
		this.forgeries.add(new Forgery(category, headers, body, status));
	}

	private void wrongSecret(byte[] body) {
		for (int i = 0; i < 20; i++) {
			add("wrong-secret", this.scheme.sign(this.scheme.otherSecret(i), id(), this.now, body), body);
		}
		if (this.scheme == WebhookSchemes.CLOUDINARY) {
			// the right secret with the algorithm the account does not use
			HttpHeaders headers = new HttpHeaders();
			headers.add(this.scheme.timestampHeader, Long.toString(this.now));
			headers.add(this.scheme.signatureHeader, io.saasstack.webhooks.CloudinaryWebhookVerifier.sign(this.scheme.secret,
					io.saasstack.webhooks.CloudinaryWebhookVerifier.Algorithm.SHA256, Long.toString(this.now), body));
			add("wrong-secret", headers, body);
		}
	}

	/** One bit flipped at each end, in the middle and at 60 random places of a signed body. */
	private void flippedBody(byte[] body) {
		List<Integer> positions = new ArrayList<>(List.of(0, body.length / 2, body.length - 1));
		for (int i = 0; i < 60; i++) {
			positions.add(this.random.nextInt(body.length));
		}
		for (int position : positions) {
			HttpHeaders headers = valid(body);
			byte[] flipped = body.clone();
			flipped[position] ^= (byte) (1 << this.random.nextInt(8));
			add("flipped-body", headers, flipped);
		}
		HttpHeaders headers = valid(body);
		add("flipped-body", headers, (new String(body, StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8));
		add("flipped-body", valid(body), (new String(body, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
		add("flipped-body", valid(body), new byte[0]);
	}

	/** Each character of the signature replaced by another of its alphabet. */
	private void flippedSignature(byte[] body) {
		HttpHeaders original = valid(body);
		String value = original.getFirst(this.scheme.signatureHeader);
		String alphabet = (this.scheme == WebhookSchemes.CLOUDINARY || this.scheme == WebhookSchemes.IMAGEKIT_LEGACY) ? HEX
				: BASE64;
		for (int i = this.scheme.signatureStart(value); i < value.length(); i++) {
			char current = value.charAt(i);
			if (alphabet.indexOf(current) < 0) {
				continue;
			}
			char other;
			do {
				other = alphabet.charAt(this.random.nextInt(alphabet.length()));
			}
			while (other == current);
			HttpHeaders headers = copy(original);
			headers.set(this.scheme.signatureHeader, value.substring(0, i) + other + value.substring(i + 1));
			add("flipped-signature", headers, body);
		}
	}

	/** Every prefix of the signature header, from empty to one character short. */
	private void truncatedSignature(byte[] body) {
		HttpHeaders original = valid(body);
		String value = original.getFirst(this.scheme.signatureHeader);
		for (int length = 0; length < value.length(); length++) {
			HttpHeaders headers = copy(original);
			headers.set(this.scheme.signatureHeader, value.substring(0, length));
			add("truncated-signature", headers, body);
		}
	}

	private void missingHeaders(byte[] body) {
		HttpHeaders original = valid(body);
		for (String name : original.headerNames()) {
			HttpHeaders headers = copy(original);
			headers.remove(name);
			add("missing-header", headers, body);
			headers = copy(original);
			headers.set(name, "");
			add("missing-header", headers, body);
		}
		add("missing-header", new HttpHeaders(), body);
	}

	/**
	 * Signed correctly, at a time outside the tolerance, or with a timestamp that is not one. The
	 * future ones are well beyond the tolerance: the clock moves on while the corpus is sent.
	 */
	private void timestamps(byte[] body) {
		long tolerance = this.scheme.toleranceSeconds;
		for (long at : List.of(this.now - tolerance - 1, this.now - tolerance - 60, this.now - 86_400, this.now - 365L * 86_400,
				0L, 1L, this.now + tolerance + 600, this.now + 2 * tolerance + 600, this.now + 86_400, this.now + 10L * 365 * 86_400,
				99_999_999_999L)) {
			add("stale-or-future", this.scheme.sign(this.scheme.secret, id(), at, body), body);
		}
		if (this.scheme.timestampHeader != null) {
			// (blanks around the value and leading zeros leave the same signed timestamp: not forgeries)
			for (String bad : List.of("abc", "-1", "1e9", "+" + this.now, this.now + ".0", "0x" + Long.toHexString(this.now),
					"9".repeat(19), "9".repeat(400), this.now + "x", "\u0661\u0667\u0660\u0660", this.now + " " + this.now)) {
				HttpHeaders headers = valid(body);
				headers.set(this.scheme.timestampHeader, bad);
				add("bad-timestamp", headers, body);
			}
		}
		else {
			// ImageKit legacy: the timestamp lives inside the signature header
			for (String bad : List.of("t=abc,v1=00", "v1=00", "t=" + this.now * 1000, "t=,v1=", ",,,", "t=-1,v1=00")) {
				HttpHeaders headers = new HttpHeaders();
				headers.add(this.scheme.signatureHeader, bad);
				add("bad-timestamp", headers, body);
			}
		}
	}

	/** A genuine signature of another body, of an empty body and of a prefix of the body. */
	private void otherBody(byte[] body) {
		byte[] other = "{\"type\":\"user.deleted\",\"data\":{\"id\":\"user_2\"}}".getBytes(StandardCharsets.UTF_8);
		add("other-body", valid(other), body);
		add("other-body", valid(new byte[0]), body);
		add("other-body", valid(java.util.Arrays.copyOf(body, body.length / 2)), body);
		add("other-body", valid(body), other);
		if (this.scheme.hasId()) {
			// the signature of the same body under another message id
			HttpHeaders headers = valid(body);
			headers.set(this.scheme.idHeader, id());
			add("other-body", headers, body);
		}
	}

	/** The signature under a scheme version or prefix the verifier must not accept. */
	private void schemePrefixes(byte[] body) {
		HttpHeaders original = valid(body);
		String value = original.getFirst(this.scheme.signatureHeader);
		String signature = value.substring(this.scheme.signatureStart(value));
		List<String> variants = switch (this.scheme) {
			case CLERK, RESEND, SUPABASE, IMAGEKIT -> List.of("v2," + signature, "v1a," + signature, "V1," + signature,
					"v0," + signature, "v1" + signature, "v1=" + signature, "v1 ," + signature, "," + signature, signature,
					"sha256=" + signature, "v1,v1," + signature, "v2," + signature + " v3," + signature);
			case IMAGEKIT_LEGACY -> List.of(value.replace("v1=", "v2="), value.replace("v1=", "V1="),
					value.replace("t=", "T="), value.replace(",v1=", ";v1="), value.replace("v1=", "v1=sha256="),
					"v1=" + signature);
			case CLOUDINARY -> List.of("sha1=" + signature, "v1," + signature, signature + "0", "0" + signature,
					signature.substring(1) + "0", signature + "," + signature, signature.substring(0, 39) + " "
							+ signature.substring(39));
		};
		for (String variant : variants) {
			HttpHeaders headers = copy(original);
			headers.set(this.scheme.signatureHeader, variant);
			add("scheme-prefix", headers, body);
		}
	}

	/** A header changed after signing, or a second copy of it. */
	private void tamperedHeaders(byte[] body) {
		if (this.scheme.timestampHeader != null) {
			HttpHeaders headers = valid(body);
			String timestamp = headers.getFirst(this.scheme.timestampHeader);
			headers.set(this.scheme.timestampHeader, Long.toString(Long.parseLong(timestamp) + 1));
			add("tampered-header", headers, body);
			headers = valid(body);
			headers.set(this.scheme.timestampHeader, Long.toString(Long.parseLong(timestamp) - 1));
			add("tampered-header", headers, body);
		}
		if (this.scheme.hasId()) {
			HttpHeaders headers = valid(body);
			headers.set(this.scheme.idHeader, headers.getFirst(this.scheme.idHeader) + "x");
			add("tampered-header", headers, body);
		}
		// the genuine signature header of another provider's scheme
		for (WebhookSchemes other : WebhookSchemes.values()) {
			if (!other.provider.equals(this.scheme.provider)) {
				add("cross-provider", other.sign(other.secret, id(), this.now, body), body);
			}
		}
	}

	private void huge(byte[] body) {
		// one byte over the documented 1 MiB, not over the constant: a limit changed in the code must fail here
		byte[] big = new byte[1024 * 1024 + 1];
		java.util.Arrays.fill(big, (byte) ' ');
		System.arraycopy(body, 0, big, 0, body.length);
		add("huge", valid(big), big, 413);
		byte[] tenMegabytes = new byte[10 * 1024 * 1024];
		java.util.Arrays.fill(tenMegabytes, (byte) '[');
		add("huge", valid(body), tenMegabytes, 413);
		HttpHeaders headers = valid(body);
		headers.set(this.scheme.signatureHeader, "v1," + "A".repeat(1024 * 1024));
		add("huge", headers, body);
		headers = valid(body);
		StringBuilder many = new StringBuilder();
		for (int i = 0; i < 10_000; i++) {
			many.append("v1,").append(java.util.Base64.getEncoder().encodeToString(new byte[] { (byte) i, (byte) (i >> 8) }))
				.append(' ');
		}
		headers.set(this.scheme.signatureHeader, many.toString());
		add("huge", headers, body);
		if (this.scheme.hasId()) {
			headers = this.scheme.sign(this.scheme.otherSecret(999), "m".repeat(100_000), this.now, body);
			add("huge", headers, body);
		}
	}

	private static HttpHeaders copy(HttpHeaders headers) {
		HttpHeaders copy = new HttpHeaders();
		copy.addAll(headers);
		return copy;
	}

	/** One forged delivery and the status it must get. */
	record Forgery(String category, HttpHeaders headers, byte[] body, int expectedStatus) {

	}

}
