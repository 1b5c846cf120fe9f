package io.saasstack.media.cloudinary;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.media.ResourceType;
import io.saasstack.media.Transformation;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Issue 13, items 8 and 9: the id of a Cloudinary upload names its asset, whatever its resource
 * type, for {@link CloudinaryStorage#delete(String)} and for {@link CloudinaryUrls}, and the
 * upload's own URL is the URL of its id. Answers are Cloudinary's Upload API shapes for an
 * image, a video and a raw file (docs {@code image_upload_api_reference}, "Sample response").
 */
class CloudinaryResourceTypesTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String IMAGE = """
			{"asset_id":"b5e6d2b39ba3e0869d67141ba7dba6cf","public_id":"avatars/avatar","version":1700000001,
			 "version_id":"98f52566f43d8e516a486958a45c1eb9","signature":"abcdefc2c2a1ecd1c8b1c63e6e5d3d9b1a0e7f2a",
			 "width":512,"height":512,"format":"png","resource_type":"image","created_at":"2023-11-14T22:13:21Z",
			 "tags":[],"pages":1,"bytes":48213,"type":"upload","etag":"0b6d9d40d3eb0fae08c8eaf5d6ad1fd8",
			 "placeholder":false,"url":"http://res.cloudinary.com/demo/image/upload/v1700000001/avatars/avatar.png",
			 "secure_url":"https://res.cloudinary.com/demo/image/upload/v1700000001/avatars/avatar.png",
			 "asset_folder":"avatars","display_name":"avatar","original_filename":"avatar","api_key":"614335564976464"}
			""";

	static final String VIDEO = """
			{"asset_id":"7b4a0e8b5f0c4f6e9b2d1a3c5e7f9a1b","public_id":"clips/intro","version":1700000002,
			 "version_id":"5f3e7a9b1c2d4e6f8a0b1c2d3e4f5a6b","signature":"0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4",
			 "width":1280,"height":720,"format":"mp4","resource_type":"video","created_at":"2023-11-14T22:13:22Z",
			 "tags":[],"pages":0,"bytes":1055736,"type":"upload","etag":"e1f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4",
			 "placeholder":false,"url":"http://res.cloudinary.com/demo/video/upload/v1700000002/clips/intro.mp4",
			 "secure_url":"https://res.cloudinary.com/demo/video/upload/v1700000002/clips/intro.mp4",
			 "playback_url":"https://res.cloudinary.com/demo/video/upload/sp_auto/v1700000002/clips/intro.m3u8",
			 "asset_folder":"clips","display_name":"intro",
			 "audio":{"codec":"aac","bit_rate":"128000","frequency":44100,"channels":2,"channel_layout":"stereo"},
			 "video":{"pix_format":"yuv420p","codec":"h264","level":31,"profile":"High","bit_rate":"1200000",
			 "time_base":"1/12800"},"is_audio":false,"frame_rate":25.0,"bit_rate":1330000,"duration":6.4,
			 "rotation":0,"original_filename":"intro","nb_frames":160,"api_key":"614335564976464"}
			""";

	static final String RAW = """
			{"asset_id":"0a1b2c3d4e5f60718293a4b5c6d7e8f9","public_id":"docs/notes.txt","version":1700000003,
			 "version_id":"1a2b3c4d5e6f708192a3b4c5d6e7f809","signature":"1234567890abcdef1234567890abcdef12345678",
			 "resource_type":"raw","created_at":"2023-11-14T22:13:23Z","tags":[],"bytes":27,"type":"upload",
			 "etag":"2c3d4e5f60718293a4b5c6d7e8f90a1b","placeholder":false,
			 "url":"http://res.cloudinary.com/demo/raw/upload/v1700000003/docs/notes.txt",
			 "secure_url":"https://res.cloudinary.com/demo/raw/upload/v1700000003/docs/notes.txt",
			 "asset_folder":"docs","display_name":"notes.txt","original_filename":"notes","api_key":"614335564976464"}
			""";

	final CloudinaryStorage storage = new CloudinaryStorage(http(),
			CloudinaryUrlSettings.of("demo", CloudinaryStorageTests.API_KEY, CloudinaryStorageTests.API_SECRET),
			CloudinaryStorageTests.CLOCK);

	final CloudinaryUrls urls = new CloudinaryUrls(
			CloudinaryUrlSettings.of("demo", CloudinaryStorageTests.API_KEY, CloudinaryStorageTests.API_SECRET));

	static SaasHttpClient http() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.getRetry().setMaxAttempts(1);
		return CloudinaryStorage.httpClient(SaasHttpClientFactory.standalone(), properties,
				CloudinaryStorageTests.API_KEY, CloudinaryStorageTests.API_SECRET);
	}

	UploadResult upload(String answer, String fileName, String folder) {
		wm.stubFor(post(urlEqualTo("/v1_1/demo/auto/upload")).willReturn(okJson(answer)));
		UploadResult result = this.storage
			.upload(UploadRequest.of("content".getBytes(StandardCharsets.UTF_8), fileName).inFolder(folder))
			.block(Duration.ofSeconds(10));
		assertThat(result).isNotNull();
		return result;
	}

	String sentPublicId() {
		return CloudinaryStorageTests.parts(wm.findAll(postRequestedFor(urlEqualTo("/v1_1/demo/auto/upload"))).get(0))
			.get("public_id");
	}

	/** Deletes by the result's id and asserts the exact signed destroy call. */
	void deletesAt(UploadResult result, String resourceType, String publicId) {
		String path = "/v1_1/demo/" + resourceType + "/destroy";
		wm.stubFor(post(urlEqualTo(path)).willReturn(okJson("{\"result\":\"ok\"}")));
		this.storage.delete(result.id()).block(Duration.ofSeconds(10));
		String signature = CloudinaryStorageTests
			.sha1("invalidate=true&public_id=" + publicId + "&timestamp=" + CloudinaryStorageTests.NOW);
		wm.verify(exactly(1), postRequestedFor(urlEqualTo(path))
			.withHeader("Content-Type", matching("application/x-www-form-urlencoded.*"))
			.withHeader("Authorization", equalTo(CloudinaryStorageTests.basicAuth()))
			.withRequestBody(equalTo("invalidate=true&public_id=" + publicId.replace("/", "%2F") + "&timestamp="
					+ CloudinaryStorageTests.NOW + "&api_key=" + CloudinaryStorageTests.API_KEY + "&signature="
					+ signature)));
		assertThat(wm.findAll(postRequestedFor(anyUrl()))).filteredOn((request) -> request.getUrl().endsWith("/destroy"))
			.hasSize(1);
	}

	@Test
	void anImageKeepsNoExtensionInItsPublicIdAndItsUrlIsTheUrlOfItsId() {
		UploadResult result = upload(IMAGE, "avatar.png", "avatars");
		assertThat(sentPublicId()).isEqualTo("avatar");
		assertThat(result.id()).isEqualTo("image/upload/v1700000001/avatars/avatar.png");
		assertThat(result.path()).isEqualTo(result.id());
		assertThat(result.resourceType()).isEqualTo(ResourceType.IMAGE);
		assertThat(result.format()).isEqualTo("png");
		assertThat(result.url()).isEqualTo("https://res.cloudinary.com/demo/image/upload/v1700000001/avatars/avatar.png")
			.isEqualTo(this.urls.url(result.id()))
			.doesNotContain(".png.png");
		assertThat(this.urls.url(result.id(), Transformation.create().width(300)))
			.isEqualTo("https://res.cloudinary.com/demo/image/upload/w_300/v1700000001/avatars/avatar.png");
		deletesAt(result, "image", "avatars/avatar");
	}

	@Test
	void aVideoIsDeliveredAndDeletedAsAVideo() {
		UploadResult result = upload(VIDEO, "intro.mp4", "clips");
		assertThat(sentPublicId()).isEqualTo("intro");
		assertThat(result.id()).isEqualTo("video/upload/v1700000002/clips/intro.mp4");
		assertThat(result.resourceType()).isEqualTo(ResourceType.VIDEO);
		assertThat(result.format()).isEqualTo("mp4");
		assertThat(result.width()).isEqualTo(1280);
		assertThat(result.url()).isEqualTo(this.urls.url(result.id()))
			.isEqualTo("https://res.cloudinary.com/demo/video/upload/v1700000002/clips/intro.mp4");
		assertThat(this.urls.url(result.id(), Transformation.create().width(640)))
			.isEqualTo("https://res.cloudinary.com/demo/video/upload/w_640/v1700000002/clips/intro.mp4");
		deletesAt(result, "video", "clips/intro");
	}

	@Test
	void aRawFileKeepsItsExtensionInItsPublicIdAndTakesNoTransformation() {
		UploadResult result = upload(RAW, "notes.txt", "docs");
		assertThat(sentPublicId()).isEqualTo("notes.txt");
		assertThat(result.id()).isEqualTo("raw/upload/v1700000003/docs/notes.txt");
		assertThat(result.resourceType()).isEqualTo(ResourceType.RAW);
		assertThat(result.format()).isEqualTo("txt");
		assertThat(result.width()).isNull();
		assertThat(result.url()).isEqualTo(this.urls.url(result.id()))
			.isEqualTo("https://res.cloudinary.com/demo/raw/upload/v1700000003/docs/notes.txt");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.urls.url(result.id(), Transformation.create().width(300)))
			.withMessageContaining("does not transform raw files");
		deletesAt(result, "raw", "docs/notes.txt");
	}

	@Test
	void signedUrlsOfAnIdSignThePublicIdAndFormatWithoutTheVersion() {
		// the string to sign of reference §3: transformation, '/', public id and format, then the secret
		String signed = this.urls.signedUrl("video/upload/v1700000002/clips/intro.mp4",
				Transformation.create().width(640));
		String expected = urlSignature("w_640/clips/intro.mp4" + CloudinaryStorageTests.API_SECRET);
		assertThat(signed).isEqualTo("https://res.cloudinary.com/demo/video/upload/s--" + expected
				+ "--/w_640/v1700000002/clips/intro.mp4");
	}

	/** The first 8 characters of the URL-safe Base64 of the SHA-1 (reference §3), written out. */
	static String urlSignature(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().encodeToString(hash).substring(0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aBarePublicIdIsStillAnUploadedImage() {
		assertThat(this.urls.url("avatars/avatar")).isEqualTo("https://res.cloudinary.com/demo/image/upload/v1/avatars/avatar");
		wm.stubFor(post(urlEqualTo("/v1_1/demo/image/destroy")).willReturn(okJson("{\"result\":\"ok\"}")));
		this.storage.delete("avatars/avatar").block(Duration.ofSeconds(10));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/v1_1/demo/image/destroy")));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void theIdParsesBackToItsParts() {
		assertThat(CloudinaryAssetId.parse("image/upload/v1700000001/avatars/avatar.png"))
			.isEqualTo(new CloudinaryAssetId(ResourceType.IMAGE, "upload", 1700000001L, "avatars/avatar", "png"));
		assertThat(CloudinaryAssetId.parse("raw/upload/v3/docs/notes.v2.txt"))
			.isEqualTo(new CloudinaryAssetId(ResourceType.RAW, "upload", 3L, "docs/notes.v2.txt", null));
		assertThat(CloudinaryAssetId.parse("folder/v1/x.png").isBare()).isTrue();
		assertThat(CloudinaryAssetId.parse("video/upload/v7/clips/intro.mp4").value())
			.isEqualTo("video/upload/v7/clips/intro.mp4");
	}

	@Test
	void theExtensionOfAnImageOrVideoNameIsDroppedAndOtherNamesKeptAsTheyAre() {
		assertThat(CloudinaryStorage.publicId("avatar.png")).isEqualTo("avatar");
		assertThat(CloudinaryStorage.publicId("a/b/photo.JPG")).isEqualTo("a/b/photo");
		assertThat(CloudinaryStorage.publicId("report.pdf")).isEqualTo("report");
		assertThat(CloudinaryStorage.publicId("song.mp3")).isEqualTo("song");
		assertThat(CloudinaryStorage.publicId("notes.txt")).isEqualTo("notes.txt");
		assertThat(CloudinaryStorage.publicId("archive.v2")).isEqualTo("archive.v2");
		assertThat(CloudinaryStorage.publicId("me")).isEqualTo("me");
		assertThat(CloudinaryStorage.publicId(".png")).isEqualTo(".png");
	}

}
