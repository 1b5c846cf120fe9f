package io.saasstack.webhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Stream;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.webhooks.CloudinaryWebhookVerifier.Algorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

import static io.saasstack.webhooks.WebhookTestSupport.clockAt;
import static io.saasstack.webhooks.WebhookTestSupport.headers;
import static io.saasstack.webhooks.WebhookTestSupport.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link CloudinaryWebhookVerifier}: the {@code cld-notify-*} vectors, then tampering, freshness
 * and secrecy. The vectors fix no clock: each is verified with the clock at its own timestamp and
 * an explicit {@code validFor}, and the Java SDK's timestamp {@code 0} is refused by any real
 * clock, by design.
 */
class CloudinaryWebhookVerifierTests {

	private static final String VECTORS = "/vectors/media-webhooks.json";

	private static final String SECRET = "someApiSecret";

	private static final long NOW = 1700000000L;

	private static final byte[] BODY = utf8("{\"public_id\":\"sample\",\"notification_type\":\"upload\"}");

	static Stream<Arguments> vectors() {
		return WebhookTestSupport.vectors(VECTORS, "webhook")
			.filter((arguments) -> ((String) arguments.get()[0]).startsWith("cld-notify-"));
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
			String apiSecret = v.get("config.api_secret").asString();
			String algorithmName = v.get("config.signature_algorithm").asString();
			Algorithm algorithm = Algorithm.valueOf(algorithmName.toUpperCase(Locale.ROOT));
			byte[] body = utf8(v.get("input.body").asString());
			String timestamp = v.get("input.X-Cld-Timestamp").asString();
			String signature = v.get("expected.X-Cld-Signature").asString();
			assertThat(CloudinaryWebhookVerifier.sign(apiSecret, algorithm, timestamp, body)).isEqualTo(signature);
			HttpHeaders headers = headers("X-Cld-Signature", signature, "X-Cld-Timestamp", timestamp);
			long seconds = Long.parseLong(timestamp);
			CloudinaryWebhookVerifier verifier = new CloudinaryWebhookVerifier(apiSecret, algorithm, Duration.ofHours(2),
					clockAt(seconds));
			VerifiedWebhook webhook = verifier.verify(headers, body);
			assertThat(webhook.provider()).isEqualTo("cloudinary");
			assertThat(webhook.id()).isNull();
			assertThat(webhook.timestamp()).isEqualTo(Instant.ofEpochSecond(seconds));
			assertThat(webhook.body()).isEqualTo(body);
			// upper-case hex is the same signature
			assertThat(verifier.verify(headers("X-Cld-Signature", signature.toUpperCase(Locale.ROOT), "X-Cld-Timestamp",
					timestamp), body).provider()).isEqualTo("cloudinary");
			// the other algorithm does not match
			Algorithm other = (algorithm == Algorithm.SHA1) ? Algorithm.SHA256 : Algorithm.SHA1;
			assertRejected(new CloudinaryWebhookVerifier(apiSecret, other, Duration.ofHours(2), clockAt(seconds)), headers,
					body, "no matching signature");
			if (seconds == 0) {
				assertRejected(new CloudinaryWebhookVerifier(apiSecret, algorithm, Duration.ofHours(2), Clock.systemUTC()),
						headers, body, "timestamp too old");
			}
		});
		RUNS.ran(name);
	}

	@Test
	void rejectsTamperedBodyTimestampAndSecret() {
		HttpHeaders headers = signed(NOW, BODY);
		assertRejected(verifier(), headers, utf8("{}"), "no matching signature");
		HttpHeaders otherTimestamp = headers("X-Cld-Signature", headers.getFirst("X-Cld-Signature"), "X-Cld-Timestamp",
				Long.toString(NOW - 1));
		assertRejected(verifier(), otherTimestamp, BODY, "no matching signature");
		CloudinaryWebhookVerifier otherSecret = new CloudinaryWebhookVerifier("anotherSecret", Algorithm.SHA1,
				Duration.ofHours(2), clockAt(NOW));
		assertRejected(otherSecret, headers, BODY, "no matching signature");
	}

	@Test
	void rejectsMissingOrMalformedHeaders() {
		HttpHeaders headers = signed(NOW, BODY);
		assertRejected(verifier(), headers("X-Cld-Signature", headers.getFirst("X-Cld-Signature")), BODY,
				"missing required headers");
		assertRejected(verifier(), headers("X-Cld-Timestamp", Long.toString(NOW)), BODY, "missing required headers");
		assertRejected(verifier(), headers("x-cld-signature", "abc", "x-cld-timestamp", "soon"), BODY,
				"invalid signature headers");
	}

	@Test
	void headersAreCaseInsensitive() {
		HttpHeaders headers = signed(NOW, BODY);
		HttpHeaders lower = headers("x-cld-signature", headers.getFirst("X-Cld-Signature"), "x-cld-timestamp",
				Long.toString(NOW));
		assertThat(verifier().verify(lower, BODY).timestamp()).isEqualTo(Instant.ofEpochSecond(NOW));
	}

	@Test
	void validForIsInclusiveAndConfigurable() {
		assertThat(verifier().verify(signed(NOW - 7200, BODY), BODY).provider()).isEqualTo("cloudinary");
		assertThat(verifier().verify(signed(NOW + 7200, BODY), BODY).provider()).isEqualTo("cloudinary");
		assertRejected(verifier(), signed(NOW - 7201, BODY), BODY, "timestamp too old");
		assertRejected(verifier(), signed(NOW + 7201, BODY), BODY, "timestamp too new");
		CloudinaryWebhookVerifier strict = new CloudinaryWebhookVerifier(SECRET, Algorithm.SHA1, Duration.ofSeconds(60),
				clockAt(NOW));
		assertRejected(strict, signed(NOW - 61, BODY), BODY, "timestamp too old");
	}

	@Test
	void messagesNeverContainTheSecretNorTheExpectedSignature() {
		String expected = CloudinaryWebhookVerifier.sign(SECRET, Algorithm.SHA1, Long.toString(NOW), utf8("{}"));
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> verifier().verify(signed(NOW, BODY), utf8("{}")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET, expected));
		assertThat(verifier().toString()).doesNotContain(SECRET);
	}

	private static CloudinaryWebhookVerifier verifier() {
		return new CloudinaryWebhookVerifier(SECRET, Algorithm.SHA1, CloudinaryWebhookVerifier.DEFAULT_VALID_FOR,
				clockAt(NOW));
	}

	private static HttpHeaders signed(long timestamp, byte[] body) {
		return headers("X-Cld-Signature",
				CloudinaryWebhookVerifier.sign(SECRET, Algorithm.SHA1, Long.toString(timestamp), body),
				"X-Cld-Timestamp", Long.toString(timestamp));
	}

	private static void assertRejected(CloudinaryWebhookVerifier verifier, HttpHeaders headers, byte[] body,
			String reason) {
		assertThatExceptionOfType(WebhookVerificationException.class).isThrownBy(() -> verifier.verify(headers, body))
			.satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase(reason))
			.satisfies((ex) -> assertThat(ex.getProvider()).isEqualTo("cloudinary"))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET));
	}

}
