package io.saasstack.media.imagekit;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.media.ResourceType;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 8 for ImageKit: the result of an image, a video and a raw file upload names the
 * file for {@link ImageKitStorage#delete} (its id) and for {@link ImageKitUrls} (its path, whose
 * URL is the upload's URL), and says its resource type and format. Answers are ImageKit's upload
 * response shapes (V1 upload API, {@code fileType} {@code image} or {@code non-image}; videos
 * carry codecs and a duration).
 */
class ImageKitResourceTypesTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String IMAGE = """
			{"fileId":"6673f1a2e375273f604c7a01","name":"avatar_Xa1B2c.png","size":48213,
			 "versionInfo":{"id":"6673f1a2e375273f604c7a01","name":"Version 1"},"filePath":"/avatars/avatar_Xa1B2c.png",
			 "url":"https://ik.imagekit.io/demo/avatars/avatar_Xa1B2c.png","fileType":"image","height":512,"width":512,
			 "orientation":1,"AITags":null,"thumbnailUrl":"https://ik.imagekit.io/demo/tr:n-ik_ml_thumbnail/avatars/avatar_Xa1B2c.png"}
			""";

	static final String VIDEO = """
			{"fileId":"6673f1a2e375273f604c7a02","name":"intro_Yb2C3d.mp4","size":1055736,
			 "versionInfo":{"id":"6673f1a2e375273f604c7a02","name":"Version 1"},"filePath":"/clips/intro_Yb2C3d.mp4",
			 "url":"https://ik.imagekit.io/demo/clips/intro_Yb2C3d.mp4","fileType":"non-image","height":720,"width":1280,
			 "bitRate":1330000,"duration":6,"videoCodec":"h264","audioCodec":"aac","AITags":null,
			 "thumbnailUrl":"https://ik.imagekit.io/demo/clips/intro_Yb2C3d.mp4/ik-thumbnail.jpg"}
			""";

	static final String RAW = """
			{"fileId":"6673f1a2e375273f604c7a03","name":"notes_Zc3D4e.txt","size":27,
			 "versionInfo":{"id":"6673f1a2e375273f604c7a03","name":"Version 1"},"filePath":"/docs/notes_Zc3D4e.txt",
			 "url":"https://ik.imagekit.io/demo/docs/notes_Zc3D4e.txt","fileType":"non-image","AITags":null}
			""";

	final ImageKitStorage storage = storage();

	static ImageKitStorage storage() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.getRetry().setMaxAttempts(1);
		SaasHttpClientFactory factory = SaasHttpClientFactory.standalone();
		return new ImageKitStorage(
				ImageKitStorage.uploadHttpClient(factory, URI.create(wm.baseUrl()), properties,
						ImageKitStorageTests.PRIVATE_KEY),
				ImageKitStorage.apiHttpClient(factory, properties, ImageKitStorageTests.PRIVATE_KEY), null,
				ImageKitStorageTests.PRIVATE_KEY, URI.create("https://ik.imagekit.io/demo"), ImageKitStorageTests.CLOCK);
	}

	final ImageKitUrls urls = new ImageKitUrls(URI.create("https://ik.imagekit.io/demo"),
			ImageKitStorageTests.PRIVATE_KEY, TransformationPosition.QUERY, ImageKitStorageTests.CLOCK);

	UploadResult upload(String answer, String fileName, String folder) {
		wm.stubFor(post(urlEqualTo("/api/v1/files/upload")).willReturn(okJson(answer)));
		UploadResult result = this.storage.upload(UploadRequest.of(new byte[] { 1, 2, 3 }, fileName).inFolder(folder))
			.block(Duration.ofSeconds(10));
		assertThat(result).isNotNull();
		return result;
	}

	void deletesById(UploadResult result) {
		String path = "/v1/files/" + result.id();
		wm.stubFor(delete(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
		this.storage.delete(result.id()).block(Duration.ofSeconds(10));
		wm.verify(exactly(1), deleteRequestedFor(urlEqualTo(path))
			.withHeader("Authorization", equalTo(ImageKitStorageTests.AUTHORIZATION)));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
	}

	@Test
	void anImage() {
		UploadResult result = upload(IMAGE, "avatar.png", "avatars");
		assertThat(result.resourceType()).isEqualTo(ResourceType.IMAGE);
		assertThat(result.format()).isEqualTo("png");
		assertThat(result.url()).isEqualTo(this.urls.url(result.path())).doesNotContain(".png.png");
		deletesById(result);
	}

	@Test
	void aVideo() {
		UploadResult result = upload(VIDEO, "intro.mp4", "clips");
		assertThat(result.resourceType()).isEqualTo(ResourceType.VIDEO);
		assertThat(result.format()).isEqualTo("mp4");
		assertThat(result.width()).isEqualTo(1280);
		assertThat(result.url()).isEqualTo(this.urls.url(result.path()));
		deletesById(result);
	}

	@Test
	void aRawFile() {
		UploadResult result = upload(RAW, "notes.txt", "docs");
		assertThat(result.resourceType()).isEqualTo(ResourceType.RAW);
		assertThat(result.format()).isEqualTo("txt");
		assertThat(result.url()).isEqualTo(this.urls.url(result.path()))
			.isEqualTo("https://ik.imagekit.io/demo/docs/notes_Zc3D4e.txt");
		deletesById(result);
	}

}
