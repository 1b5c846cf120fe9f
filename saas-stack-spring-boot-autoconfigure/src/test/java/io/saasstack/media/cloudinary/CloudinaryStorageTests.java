package io.saasstack.media.cloudinary;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasAuthenticationException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasTransportException;
import io.saasstack.media.DirectUpload;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.ResourceType;
import io.saasstack.media.UploadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CloudinaryStorage} against WireMock: the exact multipart and form fields,
 * their signatures (recomputed here from the documented string to sign, independently of
 * {@link CloudinarySignatures}), the mapping of results and errors, and direct uploads.
 */
class CloudinaryStorageTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String API_KEY = "614335564976464";

	static final String API_SECRET = "cld-secret-0123456789abcdef";

	static final long NOW = 1700000000L;

	static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW, 123_000_000), ZoneOffset.UTC);

	static final String UPLOAD_PATH = "/v1_1/demo/auto/upload";

	static final String UPLOAD_RESPONSE = """
			{"asset_id":"3515c6000a548515f1134043f9785c2f","public_id":"avatars/me","version":1700000001,
			 "signature":"f8645b000be7d717599affc89a068157e4748276","width":864,"height":576,"format":"jpg",
			 "resource_type":"image","created_at":"2023-11-14T22:13:21Z","tags":["a","b"],"bytes":120253,
			 "type":"upload","url":"http://res.cloudinary.com/demo/image/upload/v1700000001/avatars/me.jpg",
			 "secure_url":"https://res.cloudinary.com/demo/image/upload/v1700000001/avatars/me.jpg"}
			""";

	static SaasHttpClient http(int maxAttempts) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(2));
		properties.setResponseTimeout(Duration.ofSeconds(10));
		properties.getRetry().setMaxAttempts(maxAttempts);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(20));
		return CloudinaryStorage.httpClient(SaasHttpClientFactory.standalone(), properties, API_KEY, API_SECRET);
	}

	static CloudinaryStorage storage() {
		return storage(1);
	}

	static CloudinaryStorage storage(int maxAttempts) {
		return new CloudinaryStorage(http(maxAttempts), CloudinaryUrlSettings.of("demo", API_KEY, API_SECRET), CLOCK);
	}

	static String basicAuth() {
		return "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":" + API_SECRET).getBytes(StandardCharsets.UTF_8));
	}

	/** hex(sha1(stringToSign + secret)), the documented algorithm written out. */
	static String sha1(String stringToSign) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-1")
				.digest((stringToSign + API_SECRET).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = wm.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/** The text parts of a multipart request, in order, and the file part's body under "file". */
	static Map<String, String> parts(LoggedRequest request) {
		Map<String, String> parts = new LinkedHashMap<>();
		for (Request.Part part : request.getParts()) {
			parts.put(part.getName(), part.getBody().asString());
		}
		return parts;
	}

	static Request.Part part(LoggedRequest request, String name) {
		return request.getParts().stream().filter((part) -> part.getName().equals(name)).findFirst().orElseThrow();
	}

	static void stubUpload() {
		wm.stubFor(post(urlEqualTo(UPLOAD_PATH)).willReturn(okJson(UPLOAD_RESPONSE)));
	}

	@Test
	void providerIsCloudinary() {
		assertThat(storage().provider()).isEqualTo("cloudinary");
	}

	@Test
	void uploadsBytesWithSignedFields() {
		stubUpload();
		byte[] content = "JPEG bytes".getBytes(StandardCharsets.UTF_8);
		UploadResult result = storage().upload(UploadRequest.of(content, "me").inFolder("avatars").withTags("a", "b"))
			.block(Duration.ofSeconds(10));
		LoggedRequest request = onlyRequest();
		wm.verify(postRequestedFor(urlEqualTo(UPLOAD_PATH)).withHeader("Content-Type", matching("multipart/form-data;.*boundary=.+"))
			.withHeader("Authorization", equalTo(basicAuth()))
			.withHeader("User-Agent", matching("saas-stack/.+")));
		Map<String, String> parts = parts(request);
		assertThat(parts.keySet()).containsExactly("folder", "overwrite", "public_id", "tags", "timestamp", "api_key",
				"signature", "file");
		assertThat(parts).containsEntry("folder", "avatars")
			.containsEntry("overwrite", "false")
			.containsEntry("public_id", "me")
			.containsEntry("tags", "a,b")
			.containsEntry("timestamp", "1700000000")
			.containsEntry("api_key", API_KEY)
			.containsEntry("signature", sha1("folder=avatars&overwrite=false&public_id=me&tags=a,b&timestamp=1700000000"))
			.containsEntry("file", "JPEG bytes");
		Request.Part file = part(request, "file");
		assertThat(file.getHeader("Content-Disposition").firstValue()).contains("name=\"file\"").contains("filename=\"me\"");
		assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("application/octet-stream");
		assertThat(result).isEqualTo(new UploadResult("image/upload/v1700000001/avatars/me.jpg",
				"image/upload/v1700000001/avatars/me.jpg",
				"https://res.cloudinary.com/demo/image/upload/v1700000001/avatars/me.jpg", 864, 576, "jpg", 120253,
				ResourceType.IMAGE));
	}

	@Test
	void streamsAResourceWithItsOwnNameWhenNoneIsGiven(@TempDir Path directory) throws IOException {
		stubUpload();
		Path photo = directory.resolve("photo.png");
		Files.write(photo, new byte[] { (byte) 0x89, 'P', 'N', 'G' });
		storage().upload(UploadRequest.of(new FileSystemResource(photo), null)).block(Duration.ofSeconds(10));
		LoggedRequest request = onlyRequest();
		Map<String, String> parts = parts(request);
		assertThat(parts.keySet()).containsExactly("overwrite", "timestamp", "api_key", "signature", "file");
		assertThat(parts).containsEntry("signature", sha1("overwrite=false&timestamp=1700000000"));
		Request.Part file = part(request, "file");
		assertThat(file.getBody().asBytes()).containsExactly((byte) 0x89, 'P', 'N', 'G');
		assertThat(file.getHeader("Content-Disposition").firstValue()).contains("filename=\"photo.png\"");
		assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("image/png");
	}

	@Test
	void uploadsAStreamOfUnknownLength() {
		stubUpload();
		InputStreamResource stream = new InputStreamResource(
				new java.io.ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)));
		storage().upload(UploadRequest.of(stream, "folder/doc.pdf")).block(Duration.ofSeconds(10));
		LoggedRequest request = onlyRequest();
		assertThat(parts(request)).containsEntry("public_id", "folder/doc").containsEntry("file", "streamed");
		Request.Part file = part(request, "file");
		assertThat(file.getHeader("Content-Disposition").firstValue()).contains("filename=\"doc.pdf\"");
		assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("application/pdf");
	}

	@Test
	void streamsBuffersAsTheyArriveWithTheNameGiven() {
		stubUpload();
		Flux<DataBuffer> buffers = Flux.just("str", "eamed")
			.map((text) -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
		storage().upload(UploadRequest.of(buffers, 8, "folder/doc.pdf")).block(Duration.ofSeconds(10));
		LoggedRequest request = onlyRequest();
		assertThat(parts(request)).containsEntry("public_id", "folder/doc").containsEntry("file", "streamed");
		Request.Part file = part(request, "file");
		assertThat(file.getHeader("Content-Disposition").firstValue()).contains("filename=\"doc.pdf\"");
		assertThat(file.getHeader("Content-Type").firstValue()).isEqualTo("application/pdf");
	}

	@Test
	void aStreamReadOnceIsNotSentEmptyOnARetry() {
		wm.stubFor(post(urlEqualTo(UPLOAD_PATH)).willReturn(aResponse().withStatus(420)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Rate Limit Exceeded\"}}")));
		Flux<DataBuffer> buffers = Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(new byte[] { 1, 2 }));
		assertThatExceptionOfType(SaasTransportException.class)
			.isThrownBy(() -> storage(3).upload(UploadRequest.of(buffers, "x.bin")).block(Duration.ofSeconds(10)))
			.havingRootCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessageStartingWith("A streamed upload can be read once, and 'x.bin' was read already");
		// the first attempt read the stream; the retry failed before sending anything
		wm.verify(exactly(1), postRequestedFor(urlEqualTo(UPLOAD_PATH)));
		assertThat(part(onlyRequest(), "file").getBody().asBytes()).containsExactly(1, 2);
	}

	@Test
	void uploadsARemoteUrlForCloudinaryToFetch() {
		stubUpload();
		storage().upload(UploadRequest.fromUrl("https://example.com/cat.jpg?size=large", "cat").overwrite(true))
			.block(Duration.ofSeconds(10));
		Map<String, String> parts = parts(onlyRequest());
		assertThat(parts.keySet()).containsExactly("invalidate", "overwrite", "public_id", "timestamp", "api_key",
				"signature", "file");
		assertThat(parts).containsEntry("invalidate", "true")
			.containsEntry("overwrite", "true")
			.containsEntry("file", "https://example.com/cat.jpg?size=large")
			.containsEntry("signature", sha1("invalidate=true&overwrite=true&public_id=cat&timestamp=1700000000"));
	}

	@Test
	void signatureErrorIsABadRequestWithCloudinarysMessage() {
		wm.stubFor(post(urlEqualTo(UPLOAD_PATH)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Invalid Signature 0123. String to sign - 'timestamp=1700000000'.\"}}")));
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> storage().upload(UploadRequest.of(new byte[] { 1 }, "x")).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(400);
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getMessage()).contains("Invalid Signature 0123. String to sign - 'timestamp=1700000000'.")
					.doesNotContain(API_SECRET);
			});
	}

	@Test
	void wrongCredentialsAreAnAuthenticationError() {
		wm.stubFor(post(urlEqualTo(UPLOAD_PATH)).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Invalid api_key " + API_KEY + " with secret " + API_SECRET + "\"}}")));
		assertThatExceptionOfType(SaasAuthenticationException.class)
			.isThrownBy(() -> storage().upload(UploadRequest.of(new byte[] { 1 }, "x")).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("Invalid api_key").doesNotContain(API_SECRET));
	}

	@Test
	void status420IsRateLimitedAndRetried() {
		wm.stubFor(post(urlEqualTo(UPLOAD_PATH)).willReturn(aResponse().withStatus(420)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Rate Limit Exceeded\"}}")));
		assertThatExceptionOfType(SaasRateLimitException.class)
			.isThrownBy(() -> storage(2).upload(UploadRequest.of(new byte[] { 1, 2 }, "x")).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(420));
		// the retry sends the same signed request, the bytes read again
		wm.verify(exactly(2), postRequestedFor(urlEqualTo(UPLOAD_PATH)));
		List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo(UPLOAD_PATH)));
		assertThat(parts(requests.get(1))).isEqualTo(parts(requests.get(0)));
	}

	@Test
	void serverErrorsOfUploadsAreNotRetried() {
		wm.stubFor(post(urlEqualTo(UPLOAD_PATH)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"General Error\"}}")));
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> storage(3).upload(UploadRequest.of(new byte[] { 1 }, "x")).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(500));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo(UPLOAD_PATH)));
	}

	@Test
	void uploadWithoutPublicIdIsMalformed() {
		wm.stubFor(post(urlEqualTo(UPLOAD_PATH)).willReturn(okJson("{\"secure_url\":\"https://x\"}")));
		assertThatExceptionOfType(SaasMalformedResponseException.class)
			.isThrownBy(() -> storage().upload(UploadRequest.of(new byte[] { 1 }, "x")).block(Duration.ofSeconds(10)))
			.withMessageContaining("no public_id");
	}

	@Test
	void deletesWithASignedForm() {
		wm.stubFor(post(urlEqualTo("/v1_1/demo/image/destroy")).willReturn(okJson("{\"result\":\"ok\"}")));
		storage().delete("avatars/me").block(Duration.ofSeconds(10));
		String signature = sha1("invalidate=true&public_id=avatars/me&timestamp=1700000000");
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1_1/demo/image/destroy"))
			.withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
			.withHeader("Authorization", equalTo(basicAuth()))
			.withRequestBody(equalTo("invalidate=true&public_id=avatars%2Fme&timestamp=1700000000&api_key=" + API_KEY
					+ "&signature=" + signature)));
	}

	@Test
	void deletingWhatIsNotThereSucceeds() {
		wm.stubFor(post(urlEqualTo("/v1_1/demo/image/destroy")).willReturn(okJson("{\"result\":\"not found\"}")));
		storage().delete("nope").block(Duration.ofSeconds(10));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1_1/demo/image/destroy")));
	}

	@Test
	void deletesOtherResourceTypes() {
		wm.stubFor(post(urlEqualTo("/v1_1/demo/video/destroy")).willReturn(okJson("{\"result\":\"ok\"}")));
		storage().delete("clips/intro", "video").block(Duration.ofSeconds(10));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1_1/demo/video/destroy")));
	}

	@Test
	void deleteIsRetriedOnServerErrors() {
		wm.stubFor(post(urlEqualTo("/v1_1/demo/image/destroy")).willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> storage(2).delete("x").block(Duration.ofSeconds(10)));
		wm.verify(exactly(2), postRequestedFor(urlEqualTo("/v1_1/demo/image/destroy")));
	}

	@Test
	void unexpectedDeleteResultIsMalformed() {
		wm.stubFor(post(urlEqualTo("/v1_1/demo/image/destroy")).willReturn(okJson("{\"result\":\"error\"}")));
		assertThatExceptionOfType(SaasMalformedResponseException.class)
			.isThrownBy(() -> storage().delete("x").block(Duration.ofSeconds(10)))
			.withMessageContaining("unexpected result 'error'");
	}

	@Test
	void directUploadFieldsAreSignedForOneHour() {
		DirectUpload upload = storage().directUpload("avatars", Duration.ofMinutes(10));
		assertThat(upload.uploadUrl()).isEqualTo("https://api.cloudinary.com/v1_1/demo/auto/upload");
		assertThat(upload.fields().keySet()).containsExactly("api_key", "timestamp", "folder", "signature");
		assertThat(upload.fields()).containsEntry("api_key", API_KEY)
			.containsEntry("timestamp", "1700000000")
			.containsEntry("folder", "avatars")
			.containsEntry("signature", sha1("folder=avatars&timestamp=1700000000"));
		// what Cloudinary recomputes from the posted fields
		Map<String, Object> posted = new LinkedHashMap<>(upload.fields());
		posted.put("file", "(the file)");
		assertThat(CloudinarySignatures.uploadSignature(posted, API_SECRET, SignatureAlgorithm.SHA1))
			.isEqualTo(upload.fields().get("signature"));
		assertThat(upload.expiresAt()).isEqualTo(Instant.ofEpochSecond(NOW + 3600));
		assertThat(upload.toString()).doesNotContain(API_SECRET);
	}

	@Test
	void directUploadWithoutFolderAndToAnotherApiUrl() {
		CloudinaryStorage storage = new CloudinaryStorage(http(1), CloudinaryUrlSettings.of("demo", API_KEY, API_SECRET),
				CLOCK, URI.create("https://api-eu.cloudinary.com/"));
		DirectUpload upload = storage.directUpload(null, Duration.ofHours(1));
		assertThat(upload.uploadUrl()).isEqualTo("https://api-eu.cloudinary.com/v1_1/demo/auto/upload");
		assertThat(upload.fields()).containsOnlyKeys("api_key", "timestamp", "signature")
			.containsEntry("signature", sha1("timestamp=1700000000"));
	}

	@Test
	void directUploadCannotOutliveTheSignature() {
		assertThatIllegalArgumentException().isThrownBy(() -> storage().directUpload(null, Duration.ofMinutes(61)))
			.withMessageContaining("one hour");
		assertThatIllegalArgumentException().isThrownBy(() -> storage().directUpload(null, Duration.ZERO));
	}

	@Test
	void sha256Accounts() {
		CloudinaryStorage storage = new CloudinaryStorage(http(1), new CloudinaryUrlSettings("demo", API_KEY, API_SECRET,
				true, null, false, null, SignatureAlgorithm.SHA256, false), CLOCK);
		assertThat(storage.directUpload(null, Duration.ofMinutes(5)).fields().get("signature"))
			.isEqualTo(CloudinarySignaturesTests.sha256Hex("timestamp=1700000000" + API_SECRET));
	}

	@Test
	void uploadsNeedTheKeyAndSecret() {
		CloudinaryStorage storage = new CloudinaryStorage(http(1), CloudinaryUrlSettings.of("demo", null, null), CLOCK);
		assertThatIllegalStateException().isThrownBy(() -> storage.directUpload(null, Duration.ofMinutes(5)));
		assertThatIllegalStateException()
			.isThrownBy(() -> storage.upload(UploadRequest.of(new byte[] { 1 }, "x")).block(Duration.ofSeconds(10)));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void secretsNeverInMessagesNorToString() {
		wm.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(400).withBody("bad " + API_SECRET)));
		List<String> messages = new ArrayList<>();
		for (Runnable call : List.<Runnable>of(
				() -> storage().upload(UploadRequest.of(new byte[] { 1 }, "x")).block(Duration.ofSeconds(10)),
				() -> storage().delete("x").block(Duration.ofSeconds(10)))) {
			try {
				call.run();
			}
			catch (SaasException ex) {
				messages.add(ex.getMessage());
			}
		}
		assertThat(messages).hasSize(2).allSatisfy((message) -> assertThat(message).doesNotContain(API_SECRET));
		assertThat(storage().toString()).doesNotContain(API_SECRET);
		assertThat(http(1).toString()).doesNotContain(API_SECRET);
	}

}
