package io.saasstack.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.stream.Stream;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link StandardWebhookVerifier}: the {@code standard-webhooks/sign|verify} and
 * {@code supabase/hook-secret-format} vectors, then tampering, rotation, freshness and secrecy.
 * <p>
 * One vector records a deliberate divergence: {@code com.standardwebhooks} 1.2.0 only knows the
 * {@code webhook-*} names and reports {@code svix-*} headers as missing; we look {@code svix-*} up
 * first (as the svix library and {@code @clerk/backend} do), so that case is accepted here.
 */
class StandardWebhookVerifierTests {

	private static final String VECTORS = "/vectors/standard-webhooks.json";

	private static final String SUPABASE_VECTORS = "/vectors/supabase-hook-secret-format.json";

	private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String OTHER_SECRET = "whsec_"
			+ Base64.getEncoder().encodeToString(utf8("another-key-of-32-bytes-length!!"));

	private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";

	private static final long NOW = 1614265330L;

	private static final byte[] BODY = utf8("{\"test\": 2432232314}");

	private static final String JAVA_LIBRARY_SVIX_MISS = "svix-* header names given to a pure Standard Webhooks verifier "
			+ "(Java com.standardwebhooks 1.2.0)";

	static Stream<Arguments> signVectors() {
		return WebhookTestSupport.vectors(VECTORS, "standard-webhooks/sign");
	}

	static Stream<Arguments> verifyVectors() {
		return WebhookTestSupport.vectors(VECTORS, "standard-webhooks/verify");
	}

	static Stream<Arguments> supabaseVectors() {
		return WebhookTestSupport.vectors(SUPABASE_VECTORS, "supabase/hook-secret-format");
	}

	static final VectorRuns SIGN_RUNS = new VectorRuns();

	static final VectorRuns VERIFY_RUNS = new VectorRuns();

	static final VectorRuns SUPABASE_RUNS = new VectorRuns();

	@AfterAll
	static void everyVectorRan() {
		SIGN_RUNS.assertEveryCaseRan(Vectors.names(signVectors()));
		VERIFY_RUNS.assertEveryCaseRan(Vectors.names(verifyVectors()));
		SUPABASE_RUNS.assertEveryCaseRan(Vectors.names(supabaseVectors()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("signVectors")
	void signVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			String secret = v.require("input.secret").asString();
			String id = v.require("input.msgId").asString();
			long timestamp = v.require("input.timestamp").asLong();
			byte[] payload = utf8(v.require("input.payload").asString());
			String signature = v.require("expected.signature").asString();
			assertThat(StandardWebhookVerifier.sign(secret, id, timestamp, payload)).isEqualTo(signature);
			assertThat(new String(StandardWebhookVerifier.signedContent(id, Long.toString(timestamp), payload),
					StandardCharsets.UTF_8))
				.isEqualTo(v.require("expected.signedContent").asString());
			// and what we sign, we verify
			VerifiedWebhook webhook = StandardWebhookVerifier.svix("clerk", secret, clockAt(timestamp))
				.verify(headers("webhook-id", id, "webhook-timestamp", Long.toString(timestamp), "webhook-signature",
						signature), payload);
			assertThat(webhook.id()).isEqualTo(id);
			assertThat(webhook.timestamp()).isEqualTo(Instant.ofEpochSecond(timestamp));
		});
		SIGN_RUNS.ran(name);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("verifyVectors")
	void verifyVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			if (name.equals(JAVA_LIBRARY_SVIX_MISS)) {
				svixHeadersGivenToAPureStandardWebhooksVerifier(v);
				return;
			}
			v.ignore("input.verifier", "names the SDK whose outcome the case records; ours must be the same");
			StandardWebhookVerifier verifier = StandardWebhookVerifier.svix("clerk", v.require("input.secret").asString(),
					clockAt(v.require("input.nowEpochSeconds").asLong()));
			// every header of the case is sent, whatever its name
			HttpHeaders headers = headers(v.require("input.headers"));
			byte[] payload = utf8(v.require("input.payload").asString());
			if (v.require("expected.valid").asBoolean()) {
				VerifiedWebhook webhook = verifier.verify(headers, payload);
				assertThat(webhook.provider()).isEqualTo("clerk");
				assertThat(webhook.id()).isEqualTo(header(headers, "id"));
				assertThat(webhook.timestamp()).isEqualTo(Instant.ofEpochSecond(Long.parseLong(header(headers, "timestamp"))));
				assertThat(webhook.body()).isEqualTo(payload);
			}
			else {
				String error = v.require("expected.error").asString();
				assertThatExceptionOfType(WebhookVerificationException.class)
					.isThrownBy(() -> verifier.verify(headers, payload))
					.satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase(error))
					.satisfies((ex) -> assertThat(ex.getProvider()).isEqualTo("clerk"))
					.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET, SECRET.substring(6)));
			}
		});
		VERIFY_RUNS.ran(name);
	}

	/** The svix-* header, else the webhook-* one, of any case: what a verified message must carry. */
	private static String header(HttpHeaders headers, String name) {
		String svix = headers.getFirst("svix-" + name);
		return (svix != null) ? svix : headers.getFirst("webhook-" + name);
	}

	/**
	 * The Java library misses {@code svix-*} headers ("Missing required headers"); we map them, so
	 * the same request (placeholders filled) is accepted, and the same message without them is
	 * refused with the library's reason. The case has no secret, payload nor clock: ours are used.
	 */
	private void svixHeadersGivenToAPureStandardWebhooksVerifier(VectorCase v) {
		assertThat(v.require("expected.valid").asBoolean()).isFalse();
		StandardWebhookVerifier verifier = StandardWebhookVerifier.svix("clerk", SECRET, clockAt(NOW));
		HttpHeaders headers = new HttpHeaders();
		v.require("input.headers").properties().forEach((entry) -> headers.add(entry.getKey(), entry.getValue()
			.asString()
			.replace("<now>", Long.toString(NOW))
			.replace("<valid>", StandardWebhookVerifier.sign(SECRET, ID, NOW, BODY).substring(3))));
		assertThat(verifier.verify(headers, BODY).id()).isEqualTo(ID);
		String error = v.require("expected.error").asString();
		HttpHeaders webhookOnly = headers("webhook-id", ID);
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> verifier.verify(webhookOnly, BODY))
			.satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase(error));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("supabaseVectors")
	void supabaseHookSecretFormatVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> supabaseHookSecretFormat(v));
		SUPABASE_RUNS.ran(name);
	}

	private static void supabaseHookSecretFormat(VectorCase v) {
		String configured = v.require("input.configured").asString();
		assertThat(configured).containsPattern(v.require("expected.acceptedByServerRegex").asString());
		byte[] key = Base64.getDecoder().decode(v.require("expected.hmacKeyBase64").asString());
		String id = UUID.randomUUID().toString();
		assertThat(UUID.fromString(id).version()).as(v.require("expected.webhookIdFormat").asString()).isEqualTo(4);
		// the vector quotes the separator: "\", \""
		String join = v.require("expected.signatureHeaderJoin").asString().replace("\"", "");
		assertThat(join).isEqualTo(", ");
		String header = StandardWebhookVerifier.sign(key, id, NOW, BODY) + join
				+ StandardWebhookVerifier.sign(utf8("a key of another secret, unknown"), id, NOW, BODY);
		StandardWebhookVerifier verifier = StandardWebhookVerifier.supabaseHook(configured, clockAt(NOW));
		VerifiedWebhook webhook = verifier.verify(
				headers("webhook-id", id, "webhook-timestamp", Long.toString(NOW), "webhook-signature", header), BODY);
		assertThat(webhook.provider()).isEqualTo("supabase");
		assertThat(webhook.id()).isEqualTo(id);
		// expected.strip, in prose: the leading "v1," goes, then whsec_ as usual; "|" separates secrets
		String strip = v.require("expected.strip").asString();
		assertThat(strip).contains("\"v1,\"", "whsec_", "\"|\"");
		assertThat(configured).startsWith("v1,whsec_");
		StandardWebhookVerifier stripped = StandardWebhookVerifier.svix("supabase", configured.substring(3), clockAt(NOW));
		assertThat(stripped.verify(
				headers("webhook-id", id, "webhook-timestamp", Long.toString(NOW), "webhook-signature", header), BODY)
			.id()).isEqualTo(id);
		StandardWebhookVerifier rotated = StandardWebhookVerifier
			.supabaseHook("v1," + OTHER_SECRET + "|" + configured, clockAt(NOW));
		assertThat(rotated.verify(
				headers("webhook-id", id, "webhook-timestamp", Long.toString(NOW), "webhook-signature", header), BODY)
			.id()).isEqualTo(id);
	}

	@Test
	void acceptsAValidMessage() {
		VerifiedWebhook webhook = verifier().verify(signed(ID, NOW, BODY), BODY);
		assertThat(webhook).extracting(VerifiedWebhook::provider, VerifiedWebhook::id, VerifiedWebhook::timestamp)
			.containsExactly("clerk", ID, Instant.ofEpochSecond(NOW));
		assertThat(webhook.body()).isSameAs(BODY);
	}

	@Test
	void svixHeadersWinOverWebhookHeaders() {
		HttpHeaders headers = signed(ID, NOW, BODY);
		headers.add("webhook-id", "msg_other");
		headers.add("webhook-signature", "v1,AAAA");
		assertThat(verifier().verify(headers, BODY).id()).isEqualTo(ID);
	}

	@Test
	void rejectsATamperedBody() {
		assertRejected(verifier(), signed(ID, NOW, BODY), utf8("{\"test\": 2432232315}"), "no matching signature");
	}

	@Test
	void rejectsATamperedId() {
		HttpHeaders headers = signed(ID, NOW, BODY);
		headers.set("svix-id", "msg_replayed");
		assertRejected(verifier(), headers, BODY, "no matching signature");
	}

	@Test
	void rejectsATamperedTimestamp() {
		HttpHeaders headers = signed(ID, NOW, BODY);
		headers.set("svix-timestamp", Long.toString(NOW + 1));
		assertRejected(verifier(), headers, BODY, "no matching signature");
	}

	@Test
	void rejectsAnotherSecret() {
		assertRejected(StandardWebhookVerifier.svix("clerk", OTHER_SECRET, clockAt(NOW)), signed(ID, NOW, BODY), BODY,
				"no matching signature");
	}

	@Test
	void rejectsMissingHeaders() {
		for (String missing : new String[] { "svix-id", "svix-timestamp", "svix-signature" }) {
			HttpHeaders headers = signed(ID, NOW, BODY);
			headers.remove(missing);
			assertRejected(verifier(), headers, BODY, "missing required headers");
		}
		HttpHeaders blank = signed(ID, NOW, BODY);
		blank.set("svix-id", " ");
		assertRejected(verifier(), blank, BODY, "missing required headers");
	}

	@Test
	void rejectsSignaturesOfOtherVersionsOnly() {
		HttpHeaders headers = signed(ID, NOW, BODY);
		headers.set("svix-signature", headers.getFirst("svix-signature").replace("v1,", "v2,") + " v1a,xyz");
		assertRejected(verifier(), headers, BODY, "no matching signature");
	}

	@Test
	void secretRotationAnyOfTwoSignaturesMatches() {
		String header = StandardWebhookVerifier.sign(OTHER_SECRET, ID, NOW, BODY) + " "
				+ StandardWebhookVerifier.sign(SECRET, ID, NOW, BODY);
		HttpHeaders headers = headers("svix-id", ID, "svix-timestamp", Long.toString(NOW), "svix-signature", header);
		assertThat(verifier().verify(headers, BODY).id()).isEqualTo(ID);
		assertThat(StandardWebhookVerifier.svix("clerk", OTHER_SECRET, clockAt(NOW)).verify(headers, BODY).id())
			.isEqualTo(ID);
	}

	@Test
	void toleranceIsInclusiveInBothDirections() {
		for (long skew : new long[] { -300, 300 }) {
			assertThat(verifier().verify(signed(ID, NOW + skew, BODY), BODY).timestamp())
				.isEqualTo(Instant.ofEpochSecond(NOW + skew));
		}
		assertRejected(verifier(), signed(ID, NOW - 301, BODY), BODY, "timestamp too old");
		assertRejected(verifier(), signed(ID, NOW + 301, BODY), BODY, "timestamp too new");
	}

	@Test
	void toleranceIsConfigurable() {
		StandardWebhookVerifier strict = verifier().withTolerance(Duration.ofSeconds(10));
		assertThat(strict.verify(signed(ID, NOW - 10, BODY), BODY).id()).isEqualTo(ID);
		assertRejected(strict, signed(ID, NOW - 11, BODY), BODY, "timestamp too old");
		assertRejected(strict, signed(ID, NOW + 11, BODY), BODY, "timestamp too new");
	}

	@Test
	void rejectsANonIntegerTimestamp() {
		for (String timestamp : new String[] { "abc", "-1", "1614265330.5", "+1614265330", "99999999999999999999" }) {
			HttpHeaders headers = signed(ID, NOW, BODY);
			headers.set("svix-timestamp", timestamp);
			assertRejected(verifier(), headers, BODY, "invalid signature headers");
		}
	}

	@Test
	void whsecPrefixIsOptional() {
		StandardWebhookVerifier verifier = StandardWebhookVerifier.svix("resend", SECRET.substring(6), clockAt(NOW));
		assertThat(verifier.verify(signed(ID, NOW, BODY), BODY).provider()).isEqualTo("resend");
	}

	@Test
	void rawKeyUsesTheSecretBytesAsGiven() {
		String secret = "whsec_test_secret";
		StandardWebhookVerifier verifier = StandardWebhookVerifier.rawKey("imagekit", secret, clockAt(NOW));
		String signature = StandardWebhookVerifier.sign(utf8(secret), ID, NOW, BODY);
		HttpHeaders headers = headers("webhook-id", ID, "webhook-timestamp", Long.toString(NOW), "webhook-signature",
				signature);
		assertThat(verifier.verify(headers, BODY).provider()).isEqualTo("imagekit");
	}

	@Test
	void invalidSecretsAreRefusedWithoutEchoingThem() {
		String secret = "whsec_not*base64!secret";
		assertThatIllegalArgumentException().isThrownBy(() -> StandardWebhookVerifier.svix("clerk", secret))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("not*base64", "*", "!"));
		assertThatIllegalArgumentException().isThrownBy(() -> StandardWebhookVerifier.svix("clerk", "whsec_"));
		assertThatIllegalArgumentException().isThrownBy(() -> StandardWebhookVerifier.supabaseHook(SECRET))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET.substring(6)));
		assertThatIllegalArgumentException().isThrownBy(() -> StandardWebhookVerifier.supabaseHook(" | "));
	}

	@Test
	void messagesNeverContainTheSecretNorTheExpectedSignature() {
		String expectedSignature = StandardWebhookVerifier.sign(SECRET, ID, NOW, utf8("tampered")).substring(3);
		HttpHeaders headers = signed(ID, NOW, BODY);
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> verifier().verify(headers, utf8("tampered")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET, SECRET.substring(6),
					expectedSignature, headers.getFirst("svix-signature").substring(3)));
		assertThat(verifier().toString()).doesNotContain(SECRET.substring(6));
	}

	private static StandardWebhookVerifier verifier() {
		return StandardWebhookVerifier.svix("clerk", SECRET, clockAt(NOW));
	}

	private static HttpHeaders signed(String id, long timestamp, byte[] body) {
		return headers("svix-id", id, "svix-timestamp", Long.toString(timestamp), "svix-signature",
				StandardWebhookVerifier.sign(SECRET, id, timestamp, body));
	}

	private static void assertRejected(StandardWebhookVerifier verifier, HttpHeaders headers, byte[] body,
			String reason) {
		assertThatExceptionOfType(WebhookVerificationException.class).isThrownBy(() -> verifier.verify(headers, body))
			.satisfies((ex) -> assertThat(ex.getMessage()).containsIgnoringCase(reason))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET.substring(6), OTHER_SECRET.substring(6)));
	}

}
