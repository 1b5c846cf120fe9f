package io.saasstack.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import static io.saasstack.webhooks.WebhookTestSupport.clockAt;
import static io.saasstack.webhooks.WebhookTestSupport.clockAtMillis;
import static io.saasstack.webhooks.WebhookTestSupport.headers;
import static io.saasstack.webhooks.WebhookTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ImageKitWebhookVerifier}: the {@code ik-webhook-*} vectors (legacy {@code x-ik-signature}
 * and current Standard Webhooks with the raw-key derivation of the SDKs), both schemes accepted.
 * The vectors fix no clock: the clock is set to the vector's own timestamp.
 */
class ImageKitWebhookVerifierTests {

	private static final String VECTORS = "/vectors/media-webhooks.json";

	private static final String SECRET = "whsec_xeO2UNkfKMQnfJf7Q/Qx+fYptL1wabXd";

	private static final long NOW = 1700000000L;

	private static final long NOW_MS = NOW * 1000;

	private static final byte[] BODY = utf8("{\"type\":\"file.created\",\"id\":\"evt_1\",\"data\":{}}");

	static Stream<Arguments> vectors() {
		return WebhookTestSupport.vectors(VECTORS, "webhook")
			.filter((arguments) -> ((String) arguments.get()[0]).startsWith("ik-webhook-"));
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(vectors().map((arguments) -> (String) arguments.get()[0]).toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void vector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			String secret = v.get("config.webhookSecret").asString();
			byte[] body = utf8(v.get("input.body").asString());
			if (v.has("input.x-ik-signature")) {
				long timestampMs = v.get("expected.timestamp_ms").asLong();
				String header = v.get("input.x-ik-signature").asString();
				assertThat(header).isEqualTo("t=" + timestampMs + ",v1=" + v.get("expected.v1").asString());
				assertThat(ImageKitWebhookVerifier.signLegacy(secret, timestampMs, body)).isEqualTo(header);
				ImageKitWebhookVerifier verifier = new ImageKitWebhookVerifier(secret, clockAtMillis(timestampMs),
						Duration.ofMinutes(5));
				VerifiedWebhook webhook = verifier.verify(headers("x-ik-signature", header), body);
				assertThat(v.get("expected.valid").asBoolean()).isTrue();
				assertThat(webhook.provider()).isEqualTo("imagekit");
				assertThat(webhook.id()).isNull();
				assertThat(webhook.timestamp()).isEqualTo(Instant.ofEpochMilli(timestampMs));
				assertThat(webhook.body()).isEqualTo(body);
			}
			else {
				String id = v.get("input.webhook-id").asString();
				long timestamp = Long.parseLong(v.get("input.webhook-timestamp").asString());
				String signature = v.get("expected.webhook-signature").asString();
				assertThat(StandardWebhookVerifier.sign(utf8(secret), id, timestamp, body)).isEqualTo(signature);
				HttpHeaders headers = headers("webhook-id", id, "webhook-timestamp", Long.toString(timestamp),
						"webhook-signature", signature);
				VerifiedWebhook webhook = new ImageKitWebhookVerifier(secret, clockAt(timestamp), Duration.ofMinutes(5))
					.verify(headers, body);
				assertThat(webhook.provider()).isEqualTo("imagekit");
				assertThat(webhook.id()).isEqualTo(id);
				assertThat(webhook.timestamp()).isEqualTo(Instant.ofEpochSecond(timestamp));
				assertThat(StandardWebhookVerifier.rawKey("imagekit", secret, clockAt(timestamp)).verify(headers, body)
					.id()).isEqualTo(id);
			}
		});
		RUNS.ran(name);
	}

	@Test
	void legacyRejectsTamperedBodyAndTimestamp() {
		String header = ImageKitWebhookVerifier.signLegacy(SECRET, NOW_MS, BODY);
		assertRejected(verifier(), headers("x-ik-signature", header), utf8("{}"), "no matching signature");
		assertRejected(verifier(), headers("x-ik-signature", header.replace("t=" + NOW_MS, "t=" + (NOW_MS + 1))), BODY,
				"no matching signature");
	}

	@Test
	void legacyRejectsAnotherSecret() {
		String header = ImageKitWebhookVerifier.signLegacy("whsec_another", NOW_MS, BODY);
		assertRejected(verifier(), headers("x-ik-signature", header), BODY, "no matching signature");
	}

	@Test
	void legacyTimestampIsInMillisecondsWithAnInclusiveTolerance() {
		for (long skew : new long[] { -300_000, 300_000 }) {
			String header = ImageKitWebhookVerifier.signLegacy(SECRET, NOW_MS + skew, BODY);
			assertThat(verifier().verify(headers("x-ik-signature", header), BODY).timestamp())
				.isEqualTo(Instant.ofEpochMilli(NOW_MS + skew));
		}
		assertRejected(verifier(), legacy(NOW_MS - 300_001), BODY, "timestamp too old");
		assertRejected(verifier(), legacy(NOW_MS + 300_001), BODY, "timestamp too new");
		ImageKitWebhookVerifier strict = new ImageKitWebhookVerifier(SECRET, clockAt(NOW), Duration.ofSeconds(1));
		assertRejected(strict, legacy(NOW_MS - 1001), BODY, "timestamp too old");
	}

	@Test
	void legacyRejectsMalformedHeaders() {
		for (String header : new String[] { "v1=abc", "t=abc,v1=abc", "t=" + NOW_MS, "garbage" }) {
			assertRejected(verifier(), headers("x-ik-signature", header), BODY, "invalid signature headers");
		}
	}

	@Test
	void legacyAcceptsAnyOfTwoSignatures() {
		String other = ImageKitWebhookVerifier.signLegacy("whsec_old", NOW_MS, BODY);
		String current = ImageKitWebhookVerifier.signLegacy(SECRET, NOW_MS, BODY);
		String header = other + "," + current.substring(current.indexOf("v1="));
		assertThat(verifier().verify(headers("x-ik-signature", header), BODY).id()).isNull();
	}

	@Test
	void currentSchemeRejectsTamperingAndAcceptsRotation() {
		HttpHeaders headers = standardHeaders("msg_1", NOW,
				StandardWebhookVerifier.sign(utf8(SECRET), "msg_1", NOW, BODY));
		assertThat(verifier().verify(headers, BODY).id()).isEqualTo("msg_1");
		assertRejected(verifier(), headers, utf8("{}"), "no matching signature");
		HttpHeaders otherId = standardHeaders("msg_2", NOW, headers.getFirst("webhook-signature"));
		assertRejected(verifier(), otherId, BODY, "no matching signature");
		HttpHeaders otherTimestamp = standardHeaders("msg_1", NOW + 1, headers.getFirst("webhook-signature"));
		assertRejected(verifier(), otherTimestamp, BODY, "no matching signature");
		String rotated = StandardWebhookVerifier.sign(utf8("whsec_old"), "msg_1", NOW, BODY) + " "
				+ headers.getFirst("webhook-signature");
		assertThat(verifier().verify(standardHeaders("msg_1", NOW, rotated), BODY).id()).isEqualTo("msg_1");
		assertRejected(verifier(), standardHeaders("msg_1", NOW - 301,
				StandardWebhookVerifier.sign(utf8(SECRET), "msg_1", NOW - 301, BODY)), BODY, "timestamp too old");
	}

	@Test
	void currentSchemeDoesNotUseTheSvixKeyDerivation() {
		String svixSigned = StandardWebhookVerifier.sign(SECRET, "msg_1", NOW, BODY);
		assertRejected(verifier(), standardHeaders("msg_1", NOW, svixSigned), BODY, "no matching signature");
	}

	@Test
	void rejectsMissingHeaders() {
		assertRejected(verifier(), new HttpHeaders(), BODY, "missing required headers");
		HttpHeaders noId = headers("webhook-timestamp", Long.toString(NOW), "webhook-signature",
				StandardWebhookVerifier.sign(utf8(SECRET), "msg_1", NOW, BODY));
		assertRejected(verifier(), noId, BODY, "missing required headers");
	}

	@Test
	void messagesNeverContainTheSecretNorTheExpectedSignature() {
		String expectedLegacy = ImageKitWebhookVerifier.signLegacy(SECRET, NOW_MS, utf8("{}"));
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> verifier().verify(legacy(NOW_MS), utf8("{}")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET, SECRET.substring(6),
					expectedLegacy.substring(expectedLegacy.indexOf("v1=") + 3)));
		assertThat(verifier().toString()).doesNotContain(SECRET.substring(6));
	}

	private static ImageKitWebhookVerifier verifier() {
		return new ImageKitWebhookVerifier(SECRET, clockAt(NOW), Duration.ofMinutes(5));
	}

	private static HttpHeaders legacy(long timestampMillis) {
		return headers("x-ik-signature", ImageKitWebhookVerifier.signLegacy(SECRET, timestampMillis, BODY));
	}

	private static HttpHeaders standardHeaders(String id, long timestamp, String signature) {
		return headers("webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature", signature);
	}

	private static void assertRejected(ImageKitWebhookVerifier verifier, HttpHeaders headers, byte[] body,
			String reason) {
		assertThatExceptionOfType(WebhookVerificationException.class).isThrownBy(() -> verifier.verify(headers, body))
			.satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase(reason))
			.satisfies((ex) -> assertThat(ex.getProvider()).isEqualTo("imagekit"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET.substring(6)));
	}

}
