package io.saasstack.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DefaultWebhookVerifiersTests {

	private static final long NOW = 1_700_000_000L;

	private static final byte[] BODY = "{\"type\":\"user.created\",\"data\":{\"id\":\"user_1\"}}"
		.getBytes(StandardCharsets.UTF_8);

	private static final String SVIX_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private final DefaultWebhookVerifiers verifiers = new DefaultWebhookVerifiers(
			CloudinaryWebhookVerifier.Algorithm.SHA256, Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

	@Test
	void clerkAndResendUseSvixHeadersAndKeepTheMessageId() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("svix-id", "msg_1");
		headers.set("svix-timestamp", String.valueOf(NOW));
		headers.set("svix-signature", StandardWebhookVerifier.sign(SVIX_SECRET, "msg_1", NOW, BODY));
		VerifiedWebhook clerk = this.verifiers.clerk(SVIX_SECRET).verify(headers, BODY);
		assertThat(clerk.provider()).isEqualTo("clerk");
		assertThat(clerk.id()).isEqualTo("msg_1");
		assertThat(this.verifiers.resend(SVIX_SECRET).verify(headers, BODY).provider()).isEqualTo("resend");
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifiers.clerk("whsec_" + "A".repeat(32)).verify(headers, BODY));
	}

	@Test
	void supabaseHooksUseTheVersionedSecret() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("webhook-id", "0f9a3a5e-1f1e-4c55-9a2c-5d3c2b1a0e9f");
		headers.set("webhook-timestamp", String.valueOf(NOW));
		headers.set("webhook-signature",
				StandardWebhookVerifier.sign(SVIX_SECRET, "0f9a3a5e-1f1e-4c55-9a2c-5d3c2b1a0e9f", NOW, BODY));
		assertThat(this.verifiers.supabase("v1," + SVIX_SECRET).verify(headers, BODY).provider()).isEqualTo("supabase");
	}

	@Test
	void imageKitAcceptsTheLegacyHeader() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-ik-signature", ImageKitWebhookVerifier.signLegacy("whsec_ik", NOW * 1000, BODY));
		assertThat(this.verifiers.imagekit("whsec_ik").verify(headers, BODY).provider()).isEqualTo("imagekit");
	}

	@Test
	void cloudinaryUsesTheConfiguredAlgorithm() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("X-Cld-Timestamp", String.valueOf(NOW - 60));
		headers.set("X-Cld-Signature", CloudinaryWebhookVerifier.sign("api-secret",
				CloudinaryWebhookVerifier.Algorithm.SHA256, String.valueOf(NOW - 60), BODY));
		assertThat(this.verifiers.cloudinary("api-secret").verify(headers, BODY).provider()).isEqualTo("cloudinary");
		headers.set("X-Cld-Signature", CloudinaryWebhookVerifier.sign("api-secret",
				CloudinaryWebhookVerifier.Algorithm.SHA1, String.valueOf(NOW - 60), BODY));
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifiers.cloudinary("api-secret").verify(headers, BODY));
	}

}
