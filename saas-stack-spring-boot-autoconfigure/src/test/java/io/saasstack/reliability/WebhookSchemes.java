package io.saasstack.reliability;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.saasstack.webhooks.CloudinaryWebhookVerifier;
import io.saasstack.webhooks.ImageKitWebhookVerifier;
import io.saasstack.webhooks.StandardWebhookVerifier;

import org.springframework.http.HttpHeaders;

/**
 * How each webhook endpoint's sender signs a message, with the secrets of the tests: what the
 * forgery corpus imitates, and what a genuine delivery looks like.
 */
enum WebhookSchemes {

	/** Clerk: Svix headers, {@code whsec_} secret. */
	CLERK("clerk", "saas.auth.clerk.webhook-secret", svixSecret(1), "svix-id", "svix-timestamp", "svix-signature", 300,
			"{\"type\":\"user.created\",\"object\":\"event\",\"data\":{\"id\":\"user_1\",\"primary_email_address_id\":\"idn_1\","
					+ "\"email_addresses\":[{\"id\":\"idn_1\",\"email_address\":\"ada@example.com\"}]}}"),

	/** Resend: Svix headers, {@code whsec_} secret. */
	RESEND("resend", "saas.mail.resend.webhook-secret", svixSecret(2), "svix-id", "svix-timestamp", "svix-signature", 300,
			"{\"type\":\"email.bounced\",\"created_at\":\"2026-01-01T00:00:00Z\",\"data\":{\"email_id\":\"em_1\","
					+ "\"to\":[\"ada@example.com\"],\"subject\":\"Hi\",\"bounce\":{\"type\":\"Permanent\"}}}"),

	/** Supabase Auth hooks: Standard Webhooks headers, {@code v1,whsec_} secret. */
	SUPABASE("supabase", "saas.auth.supabase.hook-secret", "v1," + svixSecret(3), "webhook-id", "webhook-timestamp",
			"webhook-signature", 300,
			"{\"user\":{\"id\":\"123e4567-e89b-12d3-a456-426614174000\",\"email\":\"ada@example.com\"},"
					+ "\"email_data\":{\"token\":\"123456\",\"email_action_type\":\"signup\"}}"),

	/** ImageKit, current scheme: Standard Webhooks headers, the secret's bytes as the key. */
	IMAGEKIT("imagekit", "saas.media.imagekit.webhook-secret", "whsec_imagekit-reliability-secret", "webhook-id",
			"webhook-timestamp", "webhook-signature", 300,
			"{\"type\":\"upload.pre-transform.success\",\"id\":\"evt_1\",\"data\":{\"fileId\":\"file_1\",\"url\":\"https://ik.imagekit.io/x/a.jpg\"}}"),

	/** ImageKit, legacy scheme: {@code x-ik-signature: t=<ms>,v1=<hex>}, no message id. */
	IMAGEKIT_LEGACY("imagekit", "saas.media.imagekit.webhook-secret", "whsec_imagekit-reliability-secret", null, null, "x-ik-signature", 300,
			"{\"type\":\"upload.pre-transform.success\",\"id\":\"evt_2\",\"data\":{\"fileId\":\"file_2\",\"url\":\"https://ik.imagekit.io/x/b.jpg\"}}"),

	/** Cloudinary: {@code X-Cld-Signature} over body, timestamp and API secret, no message id. */
	CLOUDINARY("cloudinary", "saas.media.cloudinary.api-secret", "cloudinary-reliability-api-secret", null,
			"X-Cld-Timestamp", "X-Cld-Signature", 7200,
			"{\"notification_type\":\"upload\",\"public_id\":\"folder/a\",\"secure_url\":\"https://res.cloudinary.com/demo/a.jpg\"}");

	final String provider;

	final String secretProperty;

	final String secret;

	final String idHeader;

	final String timestampHeader;

	final String signatureHeader;

	final long toleranceSeconds;

	final String body;

	WebhookSchemes(String provider, String secretProperty, String secret, String idHeader, String timestampHeader,
			String signatureHeader, long toleranceSeconds, String body) {
		this.provider = provider;
		this.secretProperty = secretProperty;
		this.secret = secret;
		this.idHeader = idHeader;
		this.timestampHeader = timestampHeader;
		this.signatureHeader = signatureHeader;
		this.toleranceSeconds = toleranceSeconds;
		this.body = body;
	}

	String path() {
		return "/webhooks/" + this.provider;
	}

	byte[] bodyBytes() {
		return this.body.getBytes(StandardCharsets.UTF_8);
	}

	/** The properties that switch the endpoint on. */
	List<String> properties() {
		if (this == CLOUDINARY) {
			return List.of(this.secretProperty + "=" + this.secret, "saas.webhooks.cloudinary.enabled=true");
		}
		return List.of(this.secretProperty + "=" + this.secret);
	}

	/** Whether the scheme names its messages (else the replay key is the body's hash). */
	boolean hasId() {
		return this.idHeader != null;
	}

	/** A secret of the same shape that is not the endpoint's. */
	String otherSecret(int seed) {
		return switch (this) {
			case CLERK, RESEND -> svixSecret(100 + seed);
			case SUPABASE -> "v1," + svixSecret(100 + seed);
			case IMAGEKIT, IMAGEKIT_LEGACY -> "whsec_other-" + seed;
			case CLOUDINARY -> "other-api-secret-" + seed;
		};
	}

	/** The headers of a delivery signed with the given secret. */
	HttpHeaders sign(String secret, String id, long epochSeconds, byte[] body) {
		HttpHeaders headers = new HttpHeaders();
		switch (this) {
			case CLERK, RESEND -> {
				headers.add(this.idHeader, id);
				headers.add(this.timestampHeader, Long.toString(epochSeconds));
				headers.add(this.signatureHeader, StandardWebhookVerifier.sign(secret, id, epochSeconds, body));
			}
			case SUPABASE -> {
				headers.add(this.idHeader, id);
				headers.add(this.timestampHeader, Long.toString(epochSeconds));
				headers.add(this.signatureHeader,
						StandardWebhookVerifier.sign(secret.substring("v1,".length()), id, epochSeconds, body));
			}
			case IMAGEKIT -> {
				headers.add(this.idHeader, id);
				headers.add(this.timestampHeader, Long.toString(epochSeconds));
				headers.add(this.signatureHeader, StandardWebhookVerifier.sign(secret.getBytes(StandardCharsets.UTF_8), id,
						epochSeconds, body));
			}
			case IMAGEKIT_LEGACY -> headers.add(this.signatureHeader,
					ImageKitWebhookVerifier.signLegacy(secret, epochSeconds * 1000, body));
			case CLOUDINARY -> {
				headers.add(this.timestampHeader, Long.toString(epochSeconds));
				headers.add(this.signatureHeader, CloudinaryWebhookVerifier.sign(secret,
						CloudinaryWebhookVerifier.Algorithm.SHA1, Long.toString(epochSeconds), body));
			}
		}
		return headers;
	}

	/** The part of the signature header that is the signature itself (after the scheme prefix). */
	int signatureStart(String signatureValue) {
		return switch (this) {
			case CLERK, RESEND, SUPABASE, IMAGEKIT -> signatureValue.indexOf(',') + 1;
			case IMAGEKIT_LEGACY -> signatureValue.indexOf("v1=") + 3;
			case CLOUDINARY -> 0;
		};
	}

	private static String svixSecret(int seed) {
		byte[] key = new byte[24];
		for (int i = 0; i < key.length; i++) {
			key[i] = (byte) (seed * 31 + i * 7);
		}
		return "whsec_" + Base64.getEncoder().encodeToString(key);
	}

}
