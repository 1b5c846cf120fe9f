package io.saasstack.media.cloudinary;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.Quality;
import io.saasstack.media.ResponsiveImage;
import io.saasstack.media.Transformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CloudinaryUrls} through the provider-neutral API. Expected URLs are the
 * output of the official SDK (com.cloudinary:cloudinary-core 2.3.0, analytics off) for the same
 * transformation written with the SDK's builder, or vectors of the shared reference.
 */
class CloudinaryUrlsTests {

	static final String BASE = "https://res.cloudinary.com/demo/image/upload/";

	final CloudinaryUrls urls = new CloudinaryUrls(CloudinaryUrlSettings.of("demo", "key", "secretXYZ"));

	static Transformation t() {
		return Transformation.create();
	}

	@Test
	void providerIsCloudinary() {
		assertThat(this.urls.provider()).isEqualTo("cloudinary");
	}

	@Test
	void originalHasNoTransformation() {
		assertThat(this.urls.url("sample")).isEqualTo(BASE + "sample");
		assertThat(this.urls.url("sample", t().then().then())).isEqualTo(BASE + "sample");
	}

	@ParameterizedTest
	@EnumSource(Crop.class)
	void everyCrop(Crop crop) {
		assertThat(this.urls.url("sample", t().width(300).height(200).crop(crop)))
			.isEqualTo(BASE + "c_" + crop.name().toLowerCase() + ",h_200,w_300/sample");
	}

	@ParameterizedTest
	@CsvSource({ "AUTO,auto", "FACE,face", "FACES,faces", "CENTER,center", "NORTH,north", "NORTH_EAST,north_east",
			"EAST,east", "SOUTH_EAST,south_east", "SOUTH,south", "SOUTH_WEST,south_west", "WEST,west",
			"NORTH_WEST,north_west" })
	void everyGravity(Gravity gravity, String expected) {
		assertThat(this.urls.url("sample", t().crop(Crop.FILL).gravity(gravity)))
			.isEqualTo(BASE + "c_fill,g_" + expected + "/sample");
	}

	@ParameterizedTest
	@CsvSource({ "AUTO,f_auto", "JPG,f_jpg", "PNG,f_png", "WEBP,f_webp", "AVIF,f_avif", "GIF,f_gif" })
	void everyFormat(Format format, String expected) {
		assertThat(this.urls.url("sample", t().format(format))).isEqualTo(BASE + expected + "/sample");
	}

	@Test
	void quality() {
		assertThat(this.urls.url("sample", t().quality(Quality.AUTO))).isEqualTo(BASE + "q_auto/sample");
		assertThat(this.urls.url("sample", t().quality(Quality.auto("good")))).isEqualTo(BASE + "q_auto:good/sample");
		assertThat(this.urls.url("sample", t().quality(80))).isEqualTo(BASE + "q_80/sample");
	}

	@Test
	void dprIsWrittenAsTheSdkWritesAFloat() {
		assertThat(this.urls.url("sample", t().dpr(2))).isEqualTo(BASE + "dpr_2.0/sample");
		assertThat(this.urls.url("sample", t().dpr(1.5))).isEqualTo(BASE + "dpr_1.5/sample");
	}

	@Test
	void radiusBlurAspectRatio() {
		assertThat(this.urls.url("sample", t().radius(20))).isEqualTo(BASE + "r_20/sample");
		assertThat(this.urls.url("sample", t().maxRadius())).isEqualTo(BASE + "r_max/sample");
		assertThat(this.urls.url("sample", t().blur(300))).isEqualTo(BASE + "e_blur:300/sample");
		assertThat(this.urls.url("sample", t().aspectRatio(16, 9))).isEqualTo(BASE + "ar_16:9/sample");
	}

	@Test
	void background() {
		Transformation pad = t().width(100).height(100).crop(Crop.PAD);
		assertThat(this.urls.url("sample", pad.background("white"))).isEqualTo(BASE + "b_white,c_pad,h_100,w_100/sample");
		assertThat(this.urls.url("sample", pad.background("FF0000")))
			.isEqualTo(BASE + "b_rgb:FF0000,c_pad,h_100,w_100/sample");
		assertThat(this.urls.url("sample", pad.background("#ff0000")))
			.isEqualTo(BASE + "b_rgb:ff0000,c_pad,h_100,w_100/sample");
		assertThat(this.urls.url("sample", pad.background("rgb:00ff0080")))
			.isEqualTo(BASE + "b_rgb:00ff0080,c_pad,h_100,w_100/sample");
	}

	@Test
	void everyParameterSortedAsTheSdkWithRawLast() {
		Transformation all = t().width(300)
			.height(200)
			.aspectRatio(16, 9)
			.crop(Crop.PAD)
			.gravity(Gravity.NORTH_EAST)
			.quality(Quality.auto("eco"))
			.format(Format.AUTO)
			.dpr(2.0)
			.maxRadius()
			.blur(100)
			.background("#112233")
			.raw("cloudinary", "e_sepia:50");
		assertThat(this.urls.url("folder/sample", all)).isEqualTo(BASE
				+ "ar_16:9,b_rgb:112233,c_pad,dpr_2.0,e_blur:100,f_auto,g_north_east,h_200,q_auto:eco,r_max,w_300,e_sepia:50/v1/folder/sample");
	}

	@Test
	void rawOfOtherProvidersIsIgnored() {
		assertThat(this.urls.url("sample", t().width(100).raw("imagekit", "e-grayscale")))
			.isEqualTo(BASE + "w_100/sample");
		assertThat(this.urls.url("sample", t().raw("imagekit", "e-grayscale").then().width(100)))
			.isEqualTo(BASE + "w_100/sample");
		assertThat(this.urls.url("sample", t().raw("cloudinary", "e_sepia").raw("cloudinary", "fl_progressive")))
			.isEqualTo(BASE + "e_sepia,fl_progressive/sample");
	}

	@Test
	void chainedStepsAndEmptyStepsDropped() {
		Transformation fillThenAuto = t().width(400)
			.height(300)
			.crop(Crop.FILL)
			.gravity(Gravity.AUTO)
			.then()
			.format(Format.AUTO)
			.quality(Quality.AUTO);
		assertThat(this.urls.url("sample", fillThenAuto)).isEqualTo(BASE + "c_fill,g_auto,h_300,w_400/f_auto,q_auto/sample");
		assertThat(this.urls.url("sample", t().then().crop(Crop.FILL).width(320).then().then().width(640).then()))
			.isEqualTo(BASE + "c_fill,w_320/w_640/sample");
		assertThat(CloudinaryTransformations.render(fillThenAuto)).isEqualTo("c_fill,g_auto,h_300,w_400/f_auto,q_auto");
	}

	@Test
	void publicIdsAreEscapedAndVersionedAsTheSdk() {
		assertThat(this.urls.url("a b/ü.jpg", t().quality(80).dpr(1.5).radius(20)))
			.isEqualTo(BASE + "dpr_1.5,q_80,r_20/v1/a%20b/%C3%BC.jpg");
		assertThat(this.urls.url("a%20b")).isEqualTo(BASE + "a%20b");
		assertThat(this.urls.url("a??b")).isEqualTo(BASE + "a%3F%3Fb");
		assertThat(this.urls.url("x+y")).isEqualTo(BASE + "x%2By");
		assertThat(this.urls.url("v1234/folder/test")).isEqualTo(BASE + "v1234/folder/test");
		assertThat(this.urls.url("folder//x")).isEqualTo(BASE + "v1/folder/x");
		assertThat(this.urls.url("/v1/x")).isEqualTo(BASE + "v1/x");
	}

	@Test
	void absoluteUrlsAreFetched() {
		assertThat(this.urls.url("https://example.com/a b.jpg", t().width(100)))
			.isEqualTo("https://res.cloudinary.com/demo/image/fetch/w_100/https://example.com/a%20b.jpg");
		assertThat(this.urls.signedUrl("https://example.com/a b.jpg", t().width(100)))
			.isEqualTo("https://res.cloudinary.com/demo/image/fetch/s--0h3Svjhy--/w_100/https://example.com/a%20b.jpg");
	}

	@Test
	void signedUrl() {
		Transformation fillThenAuto = t().width(400)
			.height(300)
			.crop(Crop.FILL)
			.gravity(Gravity.AUTO)
			.then()
			.format(Format.AUTO)
			.quality(Quality.AUTO);
		assertThat(this.urls.signedUrl("folder/sample", fillThenAuto))
			.isEqualTo(BASE + "s--576Uxu8t--/c_fill,g_auto,h_300,w_400/f_auto,q_auto/v1/folder/sample");
		assertThat(this.urls.signedUrl("folder/sample", fillThenAuto, null))
			.isEqualTo(this.urls.signedUrl("folder/sample", fillThenAuto));
	}

	@Test
	void signedUrlVectors() {
		CloudinaryUrls test123 = new CloudinaryUrls(CloudinaryUrlSettings.of("test123", "a", "b"));
		String base = "https://res.cloudinary.com/test123/image/upload/";
		// vectors cld-signed-plain, cld-signed-f-auto-q-auto, cld-signed-folder-default-v1
		assertThat(test123.signedUrl("sample.jpg", t())).isEqualTo(base + "s--v2fTPYTu--/sample.jpg");
		assertThat(test123.signedUrl("sample.jpg", t().format(Format.AUTO).quality(Quality.AUTO)))
			.isEqualTo(base + "s--6pPOcTVK--/f_auto,q_auto/sample.jpg");
		assertThat(test123.signedUrl("folder/test.jpg", t())).isEqualTo(base + "s--DfRGN6Li--/v1/folder/test.jpg");
		// vectors cld-signed-long, cld-signed-long-folder
		CloudinaryUrls longSignatures = new CloudinaryUrls(
				new CloudinaryUrlSettings("test123", "a", "b", true, null, false, null, SignatureAlgorithm.SHA1, true));
		assertThat(longSignatures.signedUrl("sample.jpg", t()))
			.isEqualTo(base + "s--2hbrSMPOjj5BJ4xV7SgFbRDevFaQNUFf--/sample.jpg");
		assertThat(longSignatures.signedUrl("folder/test.jpg", t().width(100).crop(Crop.SCALE)))
			.isEqualTo(base + "s---y3tFcEYygw-1kZfxF7nxH-GEY03yb_t--/c_scale,w_100/v1/folder/test.jpg");
	}

	@Test
	void signatureAlgorithmOfTheAccount() {
		CloudinaryUrls sha256 = new CloudinaryUrls(new CloudinaryUrlSettings("demo", "key", "secretXYZ", true, null,
				false, null, SignatureAlgorithm.SHA256, false));
		assertThat(sha256.signedUrl("sample", t().width(100))).isEqualTo(BASE + "s--x2l6sKfq--/w_100/sample");
		CloudinaryUrls longSignature = new CloudinaryUrls(new CloudinaryUrlSettings("demo", "key", "secretXYZ", true,
				null, false, null, SignatureAlgorithm.SHA1, true));
		assertThat(longSignature.signedUrl("sample", t().width(100)))
			.isEqualTo(BASE + "s--x2l6sKfqJ_g4pnc-mvosK9Qn6RYz3sXy--/w_100/sample");
	}

	@Test
	void signedUrlsDoNotExpire() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.urls.signedUrl("sample", t(), Duration.ofMinutes(5)))
			.withMessageContaining("do not expire");
	}

	@Test
	void signedUrlNeedsTheSecret() {
		CloudinaryUrls unsigned = new CloudinaryUrls(CloudinaryUrlSettings.of("demo", null, null));
		assertThat(unsigned.url("sample")).isEqualTo(BASE + "sample");
		assertThatIllegalStateException().isThrownBy(() -> unsigned.signedUrl("sample", t()))
			.withMessageContaining("api-secret");
	}

	@Test
	void deliveryHostsOfTheSettings() {
		CloudinaryUrls distribution = new CloudinaryUrls(new CloudinaryUrlSettings("demo", null, null, true,
				"cdn.example.com", true, null, SignatureAlgorithm.SHA1, false));
		assertThat(distribution.url("sample", t().width(100))).isEqualTo("https://cdn.example.com/image/upload/w_100/sample");
		CloudinaryUrls httpPrivate = new CloudinaryUrls(
				new CloudinaryUrlSettings("demo", null, null, false, null, true, null, SignatureAlgorithm.SHA1, false));
		assertThat(httpPrivate.url("sample", t().width(100))).isEqualTo("http://demo-res.cloudinary.com/image/upload/w_100/sample");
		CloudinaryUrls cname = new CloudinaryUrls(new CloudinaryUrlSettings("demo", null, null, false, null, false,
				"img.example.com", SignatureAlgorithm.SHA1, false));
		assertThat(cname.url("sample")).isEqualTo("http://img.example.com/demo/image/upload/sample");
	}

	@Test
	void responsiveSrcset() {
		Transformation hero = t().crop(Crop.FILL).gravity(Gravity.AUTO).aspectRatio(16, 9).format(Format.AUTO)
			.quality(Quality.AUTO);
		ResponsiveImage image = this.urls.responsive("hero", hero, List.of(1280, 320, 640), "100vw");
		String url = BASE + "ar_16:9,c_fill,f_auto,g_auto,q_auto,w_%d/hero";
		assertThat(image.src()).isEqualTo(url.formatted(1280));
		assertThat(image.srcset()).isEqualTo(url.formatted(320) + " 320w, " + url.formatted(640) + " 640w, "
				+ url.formatted(1280) + " 1280w");
		assertThat(image.sizes()).isEqualTo("100vw");
		// a last step with a width gets a chained resize
		ResponsiveImage chained = this.urls.responsive("hero", t().width(2000), List.of(320), "100vw");
		assertThat(chained.src()).isEqualTo(BASE + "w_2000/w_320/hero");
	}

	@Test
	void nativeOptionsRenderTheNeutralTransformationTheSameWay() {
		Transformation all = t().width(300).crop(Crop.FILL).gravity(Gravity.FACE).background("FF0000").dpr(2)
			.then().format(Format.WEBP).quality(Quality.auto("good")).maxRadius().blur(50).raw("cloudinary", "e_sepia");
		String neutral = this.urls.url("folder/x", all);
		assertThat(this.urls.url("folder/x", CloudinaryUrlOptions.builder().transformation(all).build())).isEqualTo(neutral);
		assertThat(CloudinaryTransformations.render(CloudinaryTransformations.toOptions(all)))
			.isEqualTo(CloudinaryTransformations.render(all));
		// with use_fetch_format, the format joins the last step, sorted, as in the SDK
		assertThat(this.urls.url("x", CloudinaryUrlOptions.builder().transformation(t().width(100)).format("png")
			.useFetchFormat(true).build())).isEqualTo(BASE + "f_png,w_100/x");
	}

	@Test
	void nativeOptionsCoverWhatTheNeutralModelDoesNot() {
		CloudinaryUrlOptions video = CloudinaryUrlOptions.builder()
			.resourceType("video")
			.type("authenticated")
			.version(1700000000)
			.format("mp4")
			.transformation(List.of(Map.of("width", 640, "crop", "limit"), Map.of("transformation", List.of("my preset"))))
			.signed(true)
			.build();
		assertThat(this.urls.url("clips/intro", video)).startsWith("https://res.cloudinary.com/demo/video/authenticated/s--")
			.endsWith("--/c_limit,w_640/t_my%20preset/v1700000000/clips/intro.mp4");
		assertThat(this.urls.url("x", CloudinaryUrlOptions.builder().rawTransformation("co_red,e_colorize:50").build()))
			.isEqualTo(BASE + "co_red,e_colorize:50/x");
		assertThat(this.urls.url("https://example.com/a.png", CloudinaryUrlOptions.DEFAULT))
			.isEqualTo("https://example.com/a.png");
	}

	@Test
	void secretNeverInToString() {
		CloudinaryUrlSettings settings = CloudinaryUrlSettings.of("demo", "key", "secretXYZ");
		assertThat(settings.toString()).doesNotContain("secretXYZ").contains("******");
		assertThat(new CloudinaryUrls(settings).toString()).doesNotContain("secretXYZ");
	}

}
