package io.saasstack.media.imagekit;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasAuthenticationException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.media.BlockingMediaStorage;
import io.saasstack.media.DirectUpload;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.ResourceType;
import io.saasstack.media.UploadResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
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
 * Tests for {@link ImageKitStorage} against a WireMock server: the exact multipart upload form,
 * the result, errors, deletes, and the signed fields of browser uploads.
 */
class ImageKitStorageTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String VECTORS = "/vectors/media-imagekit.json";

	static final String PRIVATE_KEY = "private_test_key_0123456789";

	static final String PUBLIC_KEY = "public_test_key_abc";

	static final String AUTHORIZATION = "Basic "
			+ Base64.getEncoder().encodeToString((PRIVATE_KEY + ":").getBytes(StandardCharsets.UTF_8));

	static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC);

	static final String UPLOADED = """
			{"fileId":"598821f949c0a938d57563bd","name":"photo_Xa1B2c.JPG","size":102117,
			 "versionInfo":{"id":"598821f949c0a938d57563bd","name":"Version 1"},
			 "filePath":"/products/photo_Xa1B2c.JPG","url":"https://ik.imagekit.io/demo/products/photo_Xa1B2c.JPG",
			 "fileType":"image","height":700,"width":1050,"AITags":null,
			 "thumbnailUrl":"https://ik.imagekit.io/demo/tr:n-ik_ml_thumbnail/products/photo_Xa1B2c.JPG"}
			""";

	static final String HELP = "For support kindly contact us at support@imagekit.io .";

	final ImageKitStorage storage = storage(PUBLIC_KEY);

	static ImageKitStorage storage(String publicKey) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.getRetry().setMaxAttempts(1);
		SaasHttpClientFactory factory = SaasHttpClientFactory.standalone();
		SaasHttpClient upload = ImageKitStorage.uploadHttpClient(factory, URI.create(wm.baseUrl()), properties,
				PRIVATE_KEY);
		SaasHttpClient api = ImageKitStorage.apiHttpClient(factory, properties, PRIVATE_KEY);
		return new ImageKitStorage(upload, api, publicKey, PRIVATE_KEY, URI.create("https://ik.imagekit.io/demo"),
				CLOCK);
	}

	static void stubUpload(ResponseDefinitionBuilder response) {
		wm.stubFor(post(urlEqualTo("/api/v1/files/upload")).willReturn(response));
	}

	static LoggedRequest uploadRequest() {
		List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo("/api/v1/files/upload")));
		assertThat(requests).hasSize(1);
		LoggedRequest request = requests.get(0);
		assertThat(request.getHeader("Authorization")).isEqualTo(AUTHORIZATION);
		assertThat(request.getHeader("Content-Type")).startsWith("multipart/form-data;boundary=");
		return request;
	}

	/** The text parts of a multipart request, in order, by name. */
	static Map<String, String> textParts(LoggedRequest request) {
		Map<String, String> parts = new LinkedHashMap<>();
		for (Request.Part part : request.getParts()) {
			if (part.getFileName() == null) {
				parts.put(part.getName(), part.getBody().asString());
			}
		}
		return parts;
	}

	static Request.Part part(LoggedRequest request, String name) {
		return request.getParts().stream().filter((part) -> part.getName().equals(name)).findFirst().orElseThrow();
	}

	UploadResult upload(UploadRequest request) {
		return new BlockingMediaStorage(this.storage).upload(request);
	}

	@Test
	void uploadsBytes() {
		stubUpload(okJson(UPLOADED));
		byte[] content = { (byte) 0xFF, (byte) 0xD8, 0, 1, 2, (byte) 0xFF, (byte) 0xD9 };
		UploadResult result = upload(UploadRequest.of(content, "photo.jpg"));
		assertThat(result).isEqualTo(new UploadResult("598821f949c0a938d57563bd", "/products/photo_Xa1B2c.JPG",
				"https://ik.imagekit.io/demo/products/photo_Xa1B2c.JPG", 1050, 700, "jpg", 102117, ResourceType.IMAGE));
		LoggedRequest request = uploadRequest();
		wm.verify(postRequestedFor(urlEqualTo("/api/v1/files/upload")).withHeader("Authorization", equalTo(AUTHORIZATION))
			.withHeader("User-Agent", matching("saas-stack/.+"))
			.withAnyRequestBodyPart(aMultipart().withName("file")
				.withFileName("photo.jpg")
				.withHeader("Content-Type", equalTo("image/jpeg"))
				.withBody(binaryEqualTo(content)))
			.withAnyRequestBodyPart(aMultipart().withName("fileName").withBody(equalTo("photo.jpg"))));
		assertThat(request.getParts()).extracting(Request.Part::getName)
			.containsExactly("file", "fileName", "useUniqueFileName");
		assertThat(textParts(request)).containsExactly(Map.entry("fileName", "photo.jpg"),
				Map.entry("useUniqueFileName", "true"));
	}

	@Test
	void uploadsAResourceIntoAFolderWithTagsOverwriting(@TempDir Path directory) throws IOException {
		stubUpload(okJson(UPLOADED));
		byte[] content = "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII);
		Path file = Files.write(directory.resolve("report 2026.pdf"), content);
		upload(UploadRequest.of(new FileSystemResource(file), null)
			.inFolder("/invoices/2026")
			.withTags("invoice", "q1")
			.overwrite(true));
		LoggedRequest request = uploadRequest();
		Request.Part filePart = part(request, "file");
		assertThat(filePart.getBody().asBytes()).isEqualTo(content);
		assertThat(filePart.getFileName()).isEqualTo("report 2026.pdf");
		assertThat(filePart.getHeader("Content-Type").firstValue()).isEqualTo("application/pdf");
		assertThat(request.getParts()).extracting(Request.Part::getName)
			.containsExactly("file", "fileName", "folder", "tags", "useUniqueFileName", "overwriteFile");
		assertThat(textParts(request)).containsExactly(Map.entry("fileName", "report 2026.pdf"),
				Map.entry("folder", "/invoices/2026"), Map.entry("tags", "invoice,q1"),
				Map.entry("useUniqueFileName", "false"), Map.entry("overwriteFile", "true"));
	}

	@Test
	void uploadsAStreamReadingItOnce() {
		stubUpload(okJson(UPLOADED));
		byte[] content = new byte[300_000];
		for (int i = 0; i < content.length; i++) {
			content[i] = (byte) (i * 31);
		}
		upload(UploadRequest.of(new InputStreamResource(new ByteArrayInputStream(content)), "data.bin"));
		LoggedRequest request = uploadRequest();
		assertThat(part(request, "file").getBody().asBytes()).isEqualTo(content);
		assertThat(part(request, "file").getHeader("Content-Type").firstValue()).isEqualTo("application/octet-stream");
		assertThat(textParts(request)).containsExactly(Map.entry("fileName", "data.bin"),
				Map.entry("useUniqueFileName", "true"));
	}

	@Test
	void streamsBuffersOfADeclaredLengthWithTheirFileName() {
		stubUpload(okJson(UPLOADED));
		Flux<DataBuffer> buffers = Flux.range(0, 3)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[] { i.byteValue(), (byte) (i + 10) }));
		upload(UploadRequest.of(buffers, 6, "photo.png"));
		LoggedRequest request = uploadRequest();
		assertThat(part(request, "file").getBody().asBytes()).containsExactly(0, 10, 1, 11, 2, 12);
		assertThat(part(request, "file").getHeader("Content-Type").firstValue()).isEqualTo("image/png");
		assertThat(textParts(request)).containsExactly(Map.entry("fileName", "photo.png"),
				Map.entry("useUniqueFileName", "true"));
	}

	@Test
	void uploadsARemoteUrl() {
		stubUpload(okJson(UPLOADED));
		upload(UploadRequest.fromUrl("https://example.com/images/cat.png?size=large#top", null).withTags("pets"));
		LoggedRequest request = uploadRequest();
		assertThat(textParts(request)).containsExactly(Map.entry("file", "https://example.com/images/cat.png?size=large#top"),
				Map.entry("fileName", "cat.png"), Map.entry("tags", "pets"), Map.entry("useUniqueFileName", "true"));
	}

	@Test
	void fileNameIsDerivedFromTheResourceOrTheUrl() {
		assertThat(ImageKitStorage.fileName(UploadRequest.of(new ByteArrayResource(new byte[1]), "given.png")))
			.isEqualTo("given.png");
		assertThat(ImageKitStorage.fileName(UploadRequest.of(new FileSystemResource("/tmp/x/derived.gif"), null)))
			.isEqualTo("derived.gif");
		assertThat(ImageKitStorage.fileName(UploadRequest.fromUrl("https://example.com/a/b/c.webp/", null)))
			.isEqualTo("c.webp");
		assertThat(ImageKitStorage.fileName(UploadRequest.fromUrl("http://example.com/photo.jpg?x=/y.png", "", "http")))
			.isEqualTo("photo.jpg");
	}

	@Test
	void uploadWithoutAFileNameFailsBeforeAnyRequest() {
		Mono<UploadResult> upload = this.storage.upload(UploadRequest.of(new ByteArrayResource(new byte[1]), null));
		assertThatIllegalArgumentException().isThrownBy(upload::block)
			.withMessage("ImageKit needs a file name: set the upload request's file name (the file has no name to "
					+ "derive it from)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.storage.upload(UploadRequest.fromUrl("https://example.com", null)).block());
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void resultWithoutUrlOrSizeUsesTheEndpointAndZero() {
		stubUpload(okJson("{\"fileId\":\"f1\",\"filePath\":\"/docs/readme\",\"fileType\":\"non-image\"}"));
		UploadResult result = upload(UploadRequest.of(new byte[] { 1 }, "readme"));
		assertThat(result).isEqualTo(new UploadResult("f1", "/docs/readme", "https://ik.imagekit.io/demo/docs/readme",
				null, null, null, 0, ResourceType.RAW));
	}

	@Test
	void resultWithoutFileIdIsMalformed() {
		stubUpload(okJson("{\"name\":\"a.jpg\"}"));
		assertThatExceptionOfType(SaasMalformedResponseException.class)
			.isThrownBy(() -> upload(UploadRequest.of(new byte[] { 1 }, "a.jpg")))
			.withMessage("imagekit files.upload returned HTTP 200 with an unreadable body: no fileId or filePath in "
					+ "the response");
	}

	@Test
	void uploadRejectedAsABadRequest() {
		stubUpload(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Your request contains invalid fileName parameter.\",\"help\":\"" + HELP + "\"}"));
		SaasApiException ex = catchApiException(() -> upload(UploadRequest.of(new byte[] { 1 }, "a.jpg")));
		assertThat(ex.getStatus()).isEqualTo(400);
		assertThat(ex.getProviderMessage()).isEqualTo("Your request contains invalid fileName parameter.");
		assertThat(ex.isRetryable()).isFalse();
		assertThat(ex.getMessage()).contains("imagekit files.upload", "HTTP 400",
				"Your request contains invalid fileName parameter.");
	}

	@Test
	void uploadWithAWrongKeyIsAnAuthenticationFailureWithoutTheKey() {
		stubUpload(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Your account cannot be authenticated with key " + PRIVATE_KEY + ".\",\"help\":\""
					+ HELP + "\"}"));
		SaasApiException ex = catchApiException(() -> upload(UploadRequest.of(new byte[] { 1 }, "a.jpg")));
		assertThat(ex).isInstanceOf(SaasAuthenticationException.class);
		assertThat(ex.getStatus()).isEqualTo(401);
		assertThat(ex.getMessage()).contains("Your account cannot be authenticated with key ******.")
			.doesNotContain(PRIVATE_KEY)
			.doesNotContain(AUTHORIZATION.substring(6));
	}

	@Test
	void uploadRateLimitedWaitsTheResetInMilliseconds() {
		stubUpload(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("X-RateLimit-Limit", "10")
			.withHeader("X-RateLimit-Reset", "1500")
			.withHeader("X-RateLimit-Interval", "1000")
			.withBody("{\"message\":\"Too many requests\",\"help\":\"" + HELP + "\"}"));
		SaasApiException ex = catchApiException(() -> upload(UploadRequest.of(new byte[] { 1 }, "a.jpg")));
		assertThat(ex).isInstanceOf(SaasRateLimitException.class);
		assertThat(((SaasRateLimitException) ex).getRetryAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(ex.getRateLimit().limit()).isEqualTo(10L);
		assertThat(ex.isRetryable()).isTrue();
		assertThat(ex.getProviderMessage()).isEqualTo("Too many requests");
	}

	@Test
	void deletesByFileId() {
		wm.stubFor(delete(urlEqualTo("/v1/files/598821f949c0a938d57563bd")).willReturn(aResponse().withStatus(204)));
		new BlockingMediaStorage(this.storage).delete("598821f949c0a938d57563bd");
		wm.verify(deleteRequestedFor(urlEqualTo("/v1/files/598821f949c0a938d57563bd"))
			.withHeader("Authorization", equalTo(AUTHORIZATION)));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void deleteOfAnUnknownFileSucceedsLikeCloudinary() {
		wm.stubFor(delete(urlEqualTo("/v1/files/missing")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"The requested file does not exist.\",\"help\":\"" + HELP + "\"}")));
		this.storage.delete("missing").block();
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void deleteFailuresOtherThanNotFoundPropagate() {
		wm.stubFor(delete(urlEqualTo("/v1/files/locked")).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Your account cannot be authenticated.\",\"help\":\"" + HELP + "\"}")));
		SaasApiException ex = catchApiException(() -> this.storage.delete("locked").block());
		assertThat(ex.getStatus()).isEqualTo(403);
		assertThat(ex.getOperation()).isEqualTo("files.delete");
	}

	@Test
	void deleteEncodesTheIdAndRejectsABlankOne() {
		wm.stubFor(delete(urlEqualTo("/v1/files/a%2Fb%20c")).willReturn(aResponse().withStatus(204)));
		this.storage.delete("a/b c").block();
		wm.verify(deleteRequestedFor(urlEqualTo("/v1/files/a%2Fb%20c")));
		assertThatIllegalArgumentException().isThrownBy(() -> this.storage.delete(" ").block());
		assertThatIllegalArgumentException().isThrownBy(() -> this.storage.delete("..").block());
		assertThatIllegalArgumentException().isThrownBy(() -> this.storage.delete("../purge").block());
		assertThat(wm.findAll(deleteRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void directUploadIsAV2UploadWhoseTokenBindsEveryField() {
		DirectUpload upload = this.storage.directUpload("/users/42", Duration.ofMinutes(30));
		assertThat(upload.uploadUrl()).isEqualTo("https://upload.imagekit.io/api/v2/files/upload");
		assertThat(upload.expiresAt()).isEqualTo(Instant.ofEpochSecond(1700001800));
		Map<String, String> fields = upload.fields();
		assertThat(fields).containsOnlyKeys("fileName", "folder", "useUniqueFileName", "overwriteFile", "token")
			.containsEntry("folder", "/users/42")
			.containsEntry("useUniqueFileName", "true")
			.containsEntry("overwriteFile", "false");
		assertThat(fields.get("fileName")).matches("[0-9a-f]{32}");
		Map<String, Object> claims = ImageKitV2UploadStub.verify(fields.get("token"), PUBLIC_KEY, PRIVATE_KEY);
		assertThat(claims).containsEntry("fileName", fields.get("fileName"))
			.containsEntry("folder", "/users/42")
			.containsEntry("useUniqueFileName", "true")
			.containsEntry("overwriteFile", "false")
			.containsEntry("iat", 1700000000L)
			.containsEntry("exp", 1700001800L)
			.hasSize(6);
		assertThat(this.storage.directUpload("/users/42", Duration.ofMinutes(30)).fields().get("fileName"))
			.isNotEqualTo(fields.get("fileName"));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void directUploadWithAFileNameWithoutFolderAndToAnotherUrl() {
		ImageKitStorage storage = new ImageKitStorage(client(), client(), PUBLIC_KEY, PRIVATE_KEY,
				URI.create("https://ik.imagekit.io/demo"), CLOCK,
				ImageKitStorage.uploadUrl(URI.create("https://upload.example.com/")));
		DirectUpload upload = storage.directUpload(" ", "avatar \"42\".png", Duration.ofHours(1));
		assertThat(upload.uploadUrl()).isEqualTo("https://upload.example.com/api/v2/files/upload");
		assertThat(upload.fields()).containsOnlyKeys("fileName", "useUniqueFileName", "overwriteFile", "token")
			.containsEntry("fileName", "avatar \"42\".png");
		assertThat(ImageKitV2UploadStub.verify(upload.fields().get("token"), PUBLIC_KEY, PRIVATE_KEY))
			.containsEntry("fileName", "avatar \"42\".png")
			.containsEntry("exp", 1700003600L);
		assertThatIllegalArgumentException().isThrownBy(() -> storage.directUpload(null, " ", Duration.ofHours(1)));
	}

	@Test
	void directUploadLifetimeIsPositiveAndAtMostAnHour() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.storage.directUpload(null, Duration.ofSeconds(3601)))
			.withMessage("expiresIn must be at most 1 hour: ImageKit refuses upload signatures expiring later (was "
					+ "PT1H1S)");
		assertThatIllegalArgumentException().isThrownBy(() -> this.storage.directUpload(null, Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> this.storage.directUpload(null, Duration.ofSeconds(-5)));
	}

	@Test
	void directUploadNeedsThePublicKey() {
		assertThatIllegalStateException().isThrownBy(() -> storage(" ").directUpload(null, Duration.ofMinutes(5)))
			.withMessage("ImageKit direct uploads need the public key");
	}

	static Stream<Arguments> authParamsVectors() {
		return Vectors.arguments(VECTORS)
			.filter((arguments) -> ((JsonNode) arguments.get()[1]).get("kind").asString().equals("auth-params"));
	}

	static final VectorRuns AUTH_PARAMS_RUNS = new VectorRuns();

	@AfterAll
	static void everyAuthParamsVectorRan() {
		AUTH_PARAMS_RUNS.assertEveryCaseRan(Vectors.names(authParamsVectors()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("authParamsVectors")
	void authParamsVector(String id, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			String privateKey = v.require("config.privateKey").asString();
			ImageKitStorage storage = new ImageKitStorage(client(), client(), PUBLIC_KEY, privateKey,
					URI.create("https://ik.imagekit.io/demo"), CLOCK);
			Map<String, String> parameters = storage.authenticationParameters(v.require("input.token").asString(),
					v.require("input.expire").asLong());
			assertThat(parameters).containsExactly(Map.entry("token", v.require("expected.token").asString()),
					Map.entry("expire", v.require("expected.expire").asString()),
					Map.entry("signature", v.require("expected.signature").asString()));
			assertThat(parameters.get("signature"))
				.isEqualTo(ImageKitUrlsTests.hmac(privateKey, v.require("string_to_sign").asString()));
		});
		AUTH_PARAMS_RUNS.ran(id);
	}

	@Test
	void toStringHasNoSecrets() {
		assertThat(this.storage.toString()).isEqualTo("ImageKitStorage[SaasHttpClient[imagekit], SaasHttpClient[imagekit]]")
			.doesNotContain(PRIVATE_KEY);
		assertThat(this.storage.provider()).isEqualTo("imagekit");
	}

	static SaasHttpClient client() {
		return SaasHttpClientFactory.standalone().client("imagekit").baseUrl(URI.create(wm.baseUrl())).build();
	}

	static SaasApiException catchApiException(Runnable call) {
		try {
			call.run();
		}
		catch (SaasApiException ex) {
			return ex;
		}
		throw new AssertionError("no SaasApiException");
	}

}
