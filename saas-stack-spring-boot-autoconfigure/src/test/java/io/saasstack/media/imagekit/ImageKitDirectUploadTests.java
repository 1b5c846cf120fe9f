package io.saasstack.media.imagekit;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.media.DirectUpload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser posting the fields of {@link ImageKitStorage#directUpload} to ImageKit's V2 upload,
 * emulated by {@link ImageKitV2UploadStub} as ImageKit documents it: the fields as given are
 * accepted; another folder or file name, overwriting flags, an extra field or a reused token are
 * refused, so that the holder of the fields cannot replace another file of the library.
 */
class ImageKitDirectUploadTests {

	static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC);

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort()
			.extensions(new ImageKitV2UploadStub(ImageKitStorageTests.PUBLIC_KEY, ImageKitStorageTests.PRIVATE_KEY,
					Clock.offset(CLOCK, Duration.ofMinutes(1)), ImageKitStorageTests.UPLOADED)))
		.build();

	private final ImageKitStorage storage = new ImageKitStorage(client(), client(), ImageKitStorageTests.PUBLIC_KEY,
			ImageKitStorageTests.PRIVATE_KEY, URI.create("https://ik.imagekit.io/demo"), CLOCK,
			ImageKitStorage.uploadUrl(URI.create(wm.baseUrl())));

	@BeforeEach
	void stubUpload() {
		wm.stubFor(post(urlEqualTo("/api/v2/files/upload"))
			.willReturn(aResponse().withTransformers(ImageKitV2UploadStub.NAME)));
	}

	@Test
	void fieldsAsGivenAreAccepted() {
		DirectUpload upload = this.storage.directUpload("/avatars/user_42", Duration.ofMinutes(10));
		assertThat(browserPost(upload, upload.fields())).isEqualTo(200);
	}

	@Test
	void anotherFolderIsRefused() {
		DirectUpload upload = this.storage.directUpload("/avatars/user_42", Duration.ofMinutes(10));
		assertThat(browserPost(upload, changed(upload, "folder", "/avatars/user_1"))).isEqualTo(400);
		assertThat(browserPost(upload, changed(upload, "folder", null))).isEqualTo(400);
	}

	@Test
	void anotherFileNameIsRefused() {
		DirectUpload upload = this.storage.directUpload("/avatars/user_42", "avatar.png", Duration.ofMinutes(10));
		assertThat(browserPost(upload, changed(upload, "fileName", "logo.png"))).isEqualTo(400);
		DirectUpload random = this.storage.directUpload("/site", Duration.ofMinutes(10));
		assertThat(browserPost(random, changed(random, "fileName", "logo.png"))).isEqualTo(400);
	}

	@Test
	void overwritingIsRefused() {
		DirectUpload upload = this.storage.directUpload("/site", "logo.png", Duration.ofMinutes(10));
		Map<String, String> overwrite = changed(upload, "useUniqueFileName", "false");
		overwrite.put("overwriteFile", "true");
		assertThat(browserPost(upload, overwrite)).isEqualTo(400);
		assertThat(browserPost(upload, changed(upload, "isPrivateFile", "true"))).isEqualTo(400);
	}

	@Test
	void aTokenIsUsedOnce() {
		DirectUpload upload = this.storage.directUpload("/avatars/user_42", Duration.ofMinutes(10));
		assertThat(browserPost(upload, upload.fields())).isEqualTo(200);
		assertThat(browserPost(upload, upload.fields())).isEqualTo(400);
	}

	private static Map<String, String> changed(DirectUpload upload, String field, String value) {
		Map<String, String> fields = new LinkedHashMap<>(upload.fields());
		if (value != null) {
			fields.put(field, value);
		}
		else {
			fields.remove(field);
		}
		return fields;
	}

	/** The multipart form a browser posts: the fields, then the file. */
	private static int browserPost(DirectUpload upload, Map<String, String> fields) {
		MultipartBodyBuilder form = new MultipartBodyBuilder();
		fields.forEach(form::part);
		form.part("file", new byte[] { (byte) 0x89, 'P', 'N', 'G' }).filename("avatar.png");
		return WebClient.create()
			.post()
			.uri(upload.uploadUrl())
			.body(BodyInserters.fromMultipartData(form.build()))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()))
			.map(HttpStatusCode::value)
			.block(Duration.ofSeconds(10));
	}

	private static io.saasstack.core.SaasHttpClient client() {
		return SaasHttpClientFactory.standalone().client("imagekit").baseUrl(URI.create(wm.baseUrl())).build();
	}

}
