package io.saasstack.media.local;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.MutableClock;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.ResourceType;
import io.saasstack.media.UploadResult;
import io.saasstack.media.cloudinary.CloudinaryUrlSettings;
import io.saasstack.media.cloudinary.CloudinaryUrls;
import io.saasstack.media.imagekit.ImageKitUrls;
import io.saasstack.media.imagekit.TransformationPosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.InputStreamResource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LocalMediaStorage}.
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalMediaStorageTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Instant NOW = Instant.parse("2030-05-04T10:15:30Z");

	private static final long MB = 1024 * 1024;

	private final MutableClock clock = new MutableClock(NOW);

	private final CloudinaryUrls cloudinary = new CloudinaryUrls(CloudinaryUrlSettings.of("demo", null, null));

	private final ImageKitUrls imageKit = new ImageKitUrls(java.net.URI.create("https://ik.imagekit.io/demo"), null,
			TransformationPosition.QUERY, this.clock);

	@Test
	void withoutUrlsKeepsTheUploadUnderItsNameWithALocalUrl() throws IOException {
		LocalMediaStorage storage = storage(null);
		byte[] png = png(3, 2);
		UploadResult result = storage.upload(UploadRequest.of(png, "ada").inFolder("avatars").withTags("user"))
			.block();
		assertThat(storage.provider()).isEqualTo("local");
		assertThat(result).isEqualTo(new UploadResult("avatars/ada", "avatars/ada", "local:avatars/ada", 3, 2, "png",
				png.length, ResourceType.IMAGE));
		assertThat(storage.uploads()).singleElement().satisfies((upload) -> {
			assertThat(upload.result()).isEqualTo(result);
			assertThat(upload.id()).isEqualTo("avatars/ada");
			assertThat(upload.fileName()).isEqualTo("ada");
			assertThat(upload.folder()).isEqualTo("avatars");
			assertThat(upload.tags()).containsExactly("user");
			assertThat(upload.sourceUrl()).isNull();
			assertThat(upload.uploadedAt()).isEqualTo(NOW);
			assertThat(upload.content()).isEqualTo(png);
		});
	}

	@Test
	void followsCloudinaryConventionsAndBuildsItsUrls() throws IOException {
		LocalMediaStorage storage = storage(this.cloudinary);
		UploadResult result = storage.upload(UploadRequest.of(jpeg(40, 30), "team").inFolder("/photos/")).block();
		assertThat(storage.provider()).isEqualTo("cloudinary");
		assertThat(result.id()).isEqualTo("photos/team");
		assertThat(result.path()).isEqualTo("photos/team");
		assertThat(result.url()).isEqualTo(this.cloudinary.url("photos/team"))
			.startsWith("https://res.cloudinary.com/demo/image/upload/");
		assertThat(result.format()).isEqualTo("jpg");
		assertThat(result.width()).isEqualTo(40);
		assertThat(result.height()).isEqualTo(30);
	}

	@Test
	void cloudinaryGivesARandomPublicIdWhenTheRequestNamesNoFile() {
		LocalMediaStorage storage = storage(this.cloudinary);
		UploadRequest request = UploadRequest.of(new ByteArrayResource(bytes(10)), null).inFolder("docs");
		UploadResult first = storage.upload(request).block();
		UploadResult second = storage.upload(request).block();
		assertThat(first.id()).matches("docs/[a-z0-9]{20}");
		assertThat(second.id()).matches("docs/[a-z0-9]{20}").isNotEqualTo(first.id());
		assertThat(storage.uploads()).hasSize(2);
	}

	@Test
	void cloudinaryKeepsTheExistingAssetUnlessTheUploadOverwrites() {
		LocalMediaStorage storage = storage(this.cloudinary);
		UploadResult first = storage.upload(UploadRequest.of(bytes(10), "logo.txt")).block();
		UploadResult kept = storage.upload(UploadRequest.of(bytes(20), "logo.txt")).block();
		assertThat(kept).isEqualTo(first);
		assertThat(storage.uploads()).singleElement().satisfies((upload) -> assertThat(upload.content()).hasSize(10));
		UploadResult replaced = storage.upload(UploadRequest.of(bytes(20), "logo.txt").overwrite(true)).block();
		assertThat(replaced.id()).isEqualTo("logo.txt");
		assertThat(replaced.bytes()).isEqualTo(20);
		assertThat(replaced.format()).isEqualTo("txt");
		assertThat(storage.uploads()).singleElement().satisfies((upload) -> assertThat(upload.content()).hasSize(20));
	}

	@Test
	void followsImageKitConventions() {
		LocalMediaStorage storage = storage(this.imageKit);
		UploadResult result = storage.upload(UploadRequest.of(bytes(5), "photo.JPG").inFolder("team")).block();
		assertThat(storage.provider()).isEqualTo("imagekit");
		assertThat(result.id()).matches("[0-9a-f]{24}");
		assertThat(result.path()).matches("/team/photo_[A-Za-z0-9]{9}\\.JPG");
		assertThat(result.url()).isEqualTo("https://ik.imagekit.io/demo" + result.path());
		assertThat(result.format()).isEqualTo("jpg");
		assertThat(result.width()).isNull();
		UploadResult again = storage.upload(UploadRequest.of(bytes(5), "photo.JPG").inFolder("team")).block();
		assertThat(again.path()).isNotEqualTo(result.path());
		assertThat(again.id()).isNotEqualTo(result.id());
	}

	@Test
	void imageKitOverwritesAtTheSamePathAndKeepsTheFileId() {
		LocalMediaStorage storage = storage(this.imageKit);
		UploadResult first = storage.upload(UploadRequest.of(bytes(5), "cv.pdf").overwrite(true)).block();
		assertThat(first.path()).isEqualTo("/cv.pdf");
		UploadResult second = storage.upload(UploadRequest.of(bytes(7), "cv.pdf").overwrite(true)).block();
		assertThat(second.path()).isEqualTo("/cv.pdf");
		assertThat(second.id()).isEqualTo(first.id());
		assertThat(storage.uploads()).singleElement().satisfies((upload) -> assertThat(upload.content()).hasSize(7));
	}

	@Test
	void imageKitNeedsAFileName() {
		LocalMediaStorage storage = storage(this.imageKit);
		UploadRequest unnamed = UploadRequest.of(new ByteArrayResource(bytes(3)), null);
		assertThatIllegalArgumentException().isThrownBy(() -> storage.upload(unnamed).block())
			.withMessageContaining("file name");
		UploadRequest named = UploadRequest.of(new ByteArrayResource(bytes(3)) {
			@Override
			public String getFilename() {
				return "notes.txt";
			}
		}, null);
		assertThat(storage.upload(named).block().path()).matches("/notes_[A-Za-z0-9]{9}\\.txt");
		assertThat(storage.uploads()).hasSize(1);
	}

	@Test
	void recordsAUrlUploadWithoutFetchingIt() {
		LocalMediaStorage storage = storage(this.imageKit);
		String url = wireMock.baseUrl() + "/images/cat.png?size=large";
		UploadResult result = storage.upload(UploadRequest.fromUrl(url, null, "http").inFolder("pets")).block();
		assertThat(result.path()).matches("/pets/cat_[A-Za-z0-9]{9}\\.png");
		assertThat(result.format()).isEqualTo("png");
		assertThat(result.bytes()).isZero();
		assertThat(storage.get(result.id())).get().satisfies((upload) -> {
			assertThat(upload.sourceUrl()).isEqualTo(url);
			assertThat(upload.content()).isNull();
		});
		wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void readsAStreamWhole() throws IOException {
		LocalMediaStorage storage = storage(null);
		byte[] png = png(64, 48);
		UploadResult result = storage
			.upload(UploadRequest.of(new InputStreamResource(new ByteArrayInputStream(png)), "chart")).block();
		assertThat(result.bytes()).isEqualTo(png.length);
		assertThat(result.width()).isEqualTo(64);
		assertThat(storage.get("chart")).get().satisfies((upload) -> assertThat(upload.content()).isEqualTo(png));
	}

	@Test
	void keepsTheNewestUploads() {
		LocalMediaStorage storage = new LocalMediaStorage(2, MB, null, this.clock, new Random(1));
		for (int i = 1; i <= 3; i++) {
			storage.upload(UploadRequest.of(bytes(1), "file-" + i)).block();
		}
		assertThat(storage.uploads()).extracting(LocalUpload::id).containsExactly("file-2", "file-3");
		assertThat(storage.get("file-1")).isEmpty();
		assertThat(storage.awaitUploads(3, Duration.ZERO)).isTrue();
	}

	@Test
	void dropsTheOldestUploadsBeyondTheByteCap() {
		LocalMediaStorage storage = new LocalMediaStorage(100, 100, null, this.clock, new Random(1));
		storage.upload(UploadRequest.of(bytes(40), "a")).block();
		storage.upload(UploadRequest.of(bytes(40), "b")).block();
		storage.upload(UploadRequest.of(bytes(30), "c")).block();
		assertThat(storage.uploads()).extracting(LocalUpload::id).containsExactly("b", "c");
		storage.delete("b").block();
		storage.upload(UploadRequest.of(bytes(70), "d")).block();
		assertThat(storage.uploads()).extracting(LocalUpload::id).containsExactly("c", "d");
	}

	@Test
	void keepsAnUploadLargerThanTheCapWithoutItsContent() throws IOException {
		LocalMediaStorage storage = new LocalMediaStorage(100, 10, null, this.clock, new Random(1));
		storage.upload(UploadRequest.of(bytes(5), "small")).block();
		byte[] png = png(300, 200);
		UploadResult result = storage.upload(UploadRequest.of(png, "big")).block();
		assertThat(result.bytes()).isEqualTo(png.length);
		assertThat(result.width()).isEqualTo(300);
		assertThat(result.height()).isEqualTo(200);
		assertThat(storage.uploads()).extracting(LocalUpload::id).containsExactly("small", "big");
		assertThat(storage.get("big")).get().satisfies((upload) -> assertThat(upload.content()).isNull());
	}

	@Test
	void deleteRemovesAndIgnoresUnknownIds() {
		LocalMediaStorage storage = storage(this.cloudinary);
		storage.upload(UploadRequest.of(bytes(1), "a")).block();
		storage.upload(UploadRequest.of(bytes(1), "b")).block();
		storage.delete("a").block();
		storage.delete("a").block();
		storage.delete("unknown").block();
		assertThat(storage.uploads()).extracting(LocalUpload::id).containsExactly("b");
		assertThatIllegalArgumentException().isThrownBy(() -> storage.delete(" ").block());
	}

	@Test
	void directUploadNamesThePropertiesToSet() {
		assertThatIllegalStateException().isThrownBy(() -> storage(null).directUpload("x", Duration.ofMinutes(5)))
			.withMessageContaining("saas.media.cloudinary.api-key")
			.withMessageContaining("saas.media.imagekit.private-key")
			.withMessageContaining("saas.media.capture.enabled");
	}

	@Test
	void nothingHappensUntilSubscribed() {
		LocalMediaStorage storage = storage(null);
		Mono<UploadResult> upload = storage.upload(UploadRequest.of(bytes(1), "a"));
		assertThat(storage.uploads()).isEmpty();
		upload.block();
		assertThat(storage.uploads()).hasSize(1);
	}

	@Test
	void awaitUploadsWaitsForBackgroundUploadsAndClearRestartsTheCount() throws Exception {
		LocalMediaStorage storage = storage(null);
		assertThat(storage.awaitUploads(1, Duration.ofMillis(50))).isFalse();
		CompletableFuture<Boolean> waiting = CompletableFuture
			.supplyAsync(() -> storage.awaitUploads(2, Duration.ofSeconds(30)));
		storage.upload(UploadRequest.of(bytes(1), "a")).subscribe();
		storage.upload(UploadRequest.of(bytes(1), "b")).subscribe();
		assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
		storage.clear();
		assertThat(storage.uploads()).isEmpty();
		assertThat(storage.awaitUploads(1, Duration.ZERO)).isFalse();
		storage.upload(UploadRequest.of(bytes(1), "c")).block();
		assertThat(storage.awaitUploads(1, Duration.ZERO)).isTrue();
	}

	@Test
	void contentIsACopy() {
		LocalMediaStorage storage = storage(null);
		storage.upload(UploadRequest.of(bytes(3), "a")).block();
		storage.get("a").get().content()[0] = 42;
		assertThat(storage.get("a").get().content()).containsExactly(0, 1, 2);
	}

	@Test
	void logsOneLineWithoutTheContent(CapturedOutput output) {
		LocalMediaStorage storage = storage(null);
		storage.upload(UploadRequest.of("secret-content".getBytes(), "evil\nname")).block();
		storage.upload(UploadRequest.fromUrl("https://example.com/a.png?X-Amz-Signature=s3cr3t", "remote")).block();
		assertThat(output).contains("Media upload (kept in memory, not stored) path=evil\\nname bytes=14 id=evil\\nname")
			.contains("path=remote url=https://example.com/a.png?… (not fetched) id=remote")
			.doesNotContain("secret-content")
			.doesNotContain("s3cr3t");
		assertThat(storage.get("remote")).get().satisfies((upload) -> {
			assertThat(upload.sourceUrl()).endsWith("s3cr3t");
			assertThat(upload.toString()).doesNotContain("s3cr3t");
		});
	}

	@Test
	void rejectsInvalidLimits() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LocalMediaStorage(0, MB, null));
		assertThatIllegalArgumentException().isThrownBy(() -> new LocalMediaStorage(1, -1, null));
	}

	private LocalMediaStorage storage(MediaUrls urls) {
		return new LocalMediaStorage(10, MB, urls, this.clock, new Random(7));
	}

	private static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	private static byte[] png(int width, int height) throws IOException {
		return image(width, height, "png");
	}

	private static byte[] jpeg(int width, int height) throws IOException {
		return image(width, height, "jpg");
	}

	private static byte[] image(int width, int height, String format) throws IOException {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int x = 0; x < width; x++) {
			image.setRGB(x, 0, x * 997);
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(ImageIO.write(image, format, out)).isTrue();
		return out.toByteArray();
	}

}
