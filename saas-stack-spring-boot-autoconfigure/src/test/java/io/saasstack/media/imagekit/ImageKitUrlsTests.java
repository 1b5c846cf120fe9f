package io.saasstack.media.imagekit;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.core.SaasJson;
import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.ResponsiveImage;
import io.saasstack.media.Transformation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ImageKitUrls}: every {@code ik-*} URL and signed-URL vector (through the native
 * options, and through the neutral {@link Transformation} wherever it can express the input),
 * then paths, encoding, query parameters, signing and responsive images.
 */
class ImageKitUrlsTests {

	static final String VECTORS = "/vectors/media-imagekit.json";

	static final String KEY = "private_key_test";

	static final Instant NOW = Instant.ofEpochSecond(1700000000);

	static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	final ImageKitUrls urls = new ImageKitUrls(URI.create("https://ik.imagekit.io/demo"), KEY,
			TransformationPosition.QUERY, CLOCK);

	final ImageKitUrls pathUrls = new ImageKitUrls(URI.create("https://ik.imagekit.io/demo"), KEY,
			TransformationPosition.PATH, CLOCK);

	static Stream<Arguments> urlVectors() {
		return Vectors.arguments(VECTORS).filter((arguments) -> {
			JsonNode vector = (JsonNode) arguments.get()[1];
			String kind = vector.get("kind").asString();
			return (kind.equals("url") || kind.equals("signed-url"))
					&& !vector.get("input").has("buildTransformationString");
		});
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everyUrlAndSignedUrlVectorRan() {
		RUNS.assertEveryCaseRan(urlVectors().map((arguments) -> (String) arguments.get()[0]).toList());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("urlVectors")
	void vector(String id, JsonNode vector) {
		VectorCase.run(vector, (v) -> run(v));
		RUNS.ran(id);
	}

	private static void run(VectorCase v) {
		v.ignore("expected_node_v7", "the Node v7 key order; saas-stack follows Java v3, which is expected");
		String endpoint = v.has("input.urlEndpoint") ? v.text("input.urlEndpoint") : v.text("config.urlEndpoint");
		long now = v.get("config.clock_epoch_seconds").asLong(0);
		Clock clock = Clock.fixed(Instant.ofEpochSecond(now), ZoneOffset.UTC);
		String privateKey = v.text("config.privateKey");
		TransformationPosition position = "path".equals(v.text("input.transformationPosition"))
				? TransformationPosition.PATH : TransformationPosition.QUERY;
		ImageKitUrls urls = new ImageKitUrls(URI.create(endpoint), privateKey, TransformationPosition.QUERY, clock);
		String src = v.has("input.src") ? v.text("input.src") : v.has("input.path") ? v.text("input.path")
				: v.text("input.url");
		List<?> steps = v.has("input.transformation")
				? SaasJson.mapper().convertValue(v.get("input.transformation"), List.class) : List.of();
		ImageKitUrlOptions.Builder options = ImageKitUrlOptions.builder(src).steps(steps);
		if (v.has("input.transformationPosition")) {
			options.position(position);
		}
		if (v.has("input.queryParameters")) {
			options.queryParameters(SaasJson.mapper().convertValue(v.get("input.queryParameters"), Map.class));
		}
		boolean signed = v.get("input.signed").asBoolean(false) || v.has("input.expiryTimestamp");
		options.signed(signed);
		long expiresIn = v.get("input.expiresIn").asLong(0);
		// the legacy signUrl's absolute expiry: 0 (or none) never expires, else a lifetime from now
		long expiryTimestamp = v.get("input.expiryTimestamp").asLong(0);
		if (expiryTimestamp > 0) {
			assertThat(expiryTimestamp).as("an absolute expiry after the case's clock").isGreaterThan(now);
			assertThat(expiresIn).as("expiresIn and expiryTimestamp together").isZero();
			expiresIn = expiryTimestamp - now;
		}
		if (expiresIn > 0) {
			options.expiresIn(Duration.ofSeconds(expiresIn));
		}
		String url = urls.url(options.build());
		JsonNode expected = v.get("expected");
		if (expected.isObject()) {
			// a legacy signUrl literal: the signature of a URL built elsewhere, or the whole URL
			if (v.has("expected.ik-s")) {
				assertThat(url).endsWith("ik-s=" + v.text("expected.ik-s"));
				if (expiryTimestamp == 0 && !v.has("expected.url")) {
					assertThat(url).isEqualTo(src + "?ik-s=" + v.text("expected.ik-s"));
				}
			}
			if (v.has("expected.url")) {
				assertThat(url).isEqualTo(v.text("expected.url"));
			}
			assertThat(v.has("expected.ik-s") || v.has("expected.url")).as("an expected ik-s or url").isTrue();
		}
		else {
			assertThat(url).isEqualTo(expected.asString());
		}
		if (v.raw().has("string_to_sign")) {
			assertThat(url).endsWith("ik-s=" + hmac(privateKey, v.raw().get("string_to_sign").asString()));
		}
		Transformation neutral = neutral(steps);
		if (neutral != null && !v.has("input.queryParameters")) {
			ImageKitUrls neutralUrls = new ImageKitUrls(URI.create(endpoint), privateKey, position, clock);
			String neutralUrl = (expiresIn > 0) ? neutralUrls.signedUrl(src, neutral, Duration.ofSeconds(expiresIn))
					: signed ? neutralUrls.signedUrl(src, neutral) : neutralUrls.url(src, neutral);
			assertThat(neutralUrl).as("through the neutral Transformation").isEqualTo(url);
		}
	}

	@Test
	void someVectorsAreAlsoCheckedThroughTheNeutralTransformation() {
		long neutral = urlVectors().map((arguments) -> (JsonNode) arguments.get()[1])
			.filter((vector) -> !vector.get("input").has("queryParameters"))
			.filter((vector) -> neutral(vector.get("input").has("transformation") ? SaasJson.mapper()
				.convertValue(vector.get("input").get("transformation"), List.class) : List.of()) != null)
			.count();
		assertThat(neutral).as("vectors also checked through the neutral Transformation").isPositive();
	}

	@Test
	void urlOfAnOriginalFile() {
		assertThat(this.urls.url("folder/photo.jpg")).isEqualTo("https://ik.imagekit.io/demo/folder/photo.jpg");
		assertThat(this.pathUrls.url("/folder/photo.jpg")).isEqualTo("https://ik.imagekit.io/demo/folder/photo.jpg");
	}

	@Test
	void transformationInTheQueryOrInThePath() {
		Transformation transformation = Transformation.create().width(400).height(300).crop(Crop.FILL)
			.gravity(Gravity.AUTO).then().format(Format.AUTO);
		assertThat(this.urls.url("photo.jpg", transformation))
			.isEqualTo("https://ik.imagekit.io/demo/photo.jpg?tr=w-400,h-300,c-maintain_ratio,fo-auto:f-auto");
		assertThat(this.pathUrls.url("photo.jpg", transformation))
			.isEqualTo("https://ik.imagekit.io/demo/tr:w-400,h-300,c-maintain_ratio,fo-auto:f-auto/photo.jpg");
	}

	@Test
	void emptyTransformationWritesNoTr() {
		assertThat(this.pathUrls.url("photo.jpg", Transformation.create().then()))
			.isEqualTo("https://ik.imagekit.io/demo/photo.jpg");
		assertThat(this.urls.url("photo.jpg", Transformation.create().raw("cloudinary", "e_sepia")))
			.isEqualTo("https://ik.imagekit.io/demo/photo.jpg");
	}

	@Test
	void slashesAreTrimmedAndCollapsed() {
		assertThat(this.urls.url("//a///b//c.jpg//")).isEqualTo("https://ik.imagekit.io/demo/a/b/c.jpg");
		assertThat(this.pathUrls.url("/", Transformation.create().width(1)))
			.isEqualTo("https://ik.imagekit.io/demo/tr:w-1/");
		ImageKitUrls root = new ImageKitUrls(URI.create("https://images.example.com"), null,
				TransformationPosition.PATH, CLOCK);
		assertThat(root.url("/")).isEqualTo("https://images.example.com/");
		assertThat(root.url("a.jpg", Transformation.create().width(1))).isEqualTo("https://images.example.com/tr:w-1/a.jpg");
	}

	@Test
	void endpointPathIsNormalisedAndItsPortKeptUnlessDefault() {
		ImageKitUrls urls = new ImageKitUrls(URI.create("https://IK.example.com:8443//id//pattern/"), null,
				TransformationPosition.PATH, CLOCK);
		assertThat(urls.url("a.jpg", Transformation.create().width(1)))
			.isEqualTo("https://IK.example.com:8443/id/pattern/tr:w-1/a.jpg");
		ImageKitUrls defaultPort = new ImageKitUrls(URI.create("https://ik.imagekit.io:443/id"), null,
				TransformationPosition.QUERY, CLOCK);
		assertThat(defaultPort.url("a.jpg")).isEqualTo("https://ik.imagekit.io/id/a.jpg");
		ImageKitUrls encoded = new ImageKitUrls(URI.create("http://localhost:8080/my%20id/"), null,
				TransformationPosition.QUERY, CLOCK);
		assertThat(encoded.url("a b.jpg")).isEqualTo("http://localhost:8080/my%20id/a%20b.jpg");
	}

	@Test
	void filePathIsPercentEncodedAsUtf8() {
		assertThat(this.urls.url("dir/a b?c#d%e[f]{g}|h^i`j\"k<l>m\\n.jpg")).isEqualTo(
				"https://ik.imagekit.io/demo/dir/a%20b%3Fc%23d%25e%5Bf%5D%7Bg%7D%7Ch%5Ei%60j%22k%3Cl%3Em%5Cn.jpg");
		assertThat(this.urls.url("keep-_.!~*'():@&=+$,;.jpg"))
			.isEqualTo("https://ik.imagekit.io/demo/keep-_.!~*'():@&=+$,;.jpg");
		assertThat(this.urls.url("ünï/日本/😀.png"))
			.isEqualTo("https://ik.imagekit.io/demo/%C3%BCn%C3%AF/%E6%97%A5%E6%9C%AC/%F0%9F%98%80.png");
	}

	@Test
	void filePathEncodingIsTheJdkUriEncodingOfTheSdk() throws URISyntaxException {
		Random random = new Random(42);
		String alphabet = "abcXYZ019 -_.!~*'():@&=+$,;/?#%[]{}|^`\"<>\\\téü€日😀\u00a0\u0001";
		for (int i = 0; i < 2000; i++) {
			StringBuilder path = new StringBuilder();
			int length = 1 + random.nextInt(12);
			for (int j = 0; j < length; j++) {
				int index = random.nextInt(alphabet.length());
				char c = alphabet.charAt(index);
				path.append(c);
				if (Character.isHighSurrogate(c)) {
					path.append(alphabet.charAt(index + 1));
				}
				else if (Character.isLowSurrogate(c)) {
					path.setLength(path.length() - 1);
				}
			}
			String src = path.toString();
			if (src.replace("/", "").isEmpty()) {
				continue;
			}
			String sdkPath = "/demo/" + src.replaceAll("^/+|/+$", "");
			String expected = new URI("https", null, "ik.imagekit.io", -1, sdkPath.replaceAll("/+", "/"), null, null)
				.toASCIIString();
			assertThat(this.urls.url(src)).as(src).isEqualTo(expected);
		}
	}

	@Test
	void absoluteUrlGetsItsTransformationInTheQueryAfterItsOwnQuery() {
		Transformation transformation = Transformation.create().width(300);
		assertThat(this.pathUrls.url("https://example.com/images/a b.jpg?v=1&x=%20#top", transformation))
			.isEqualTo("https://example.com/images/a%20b.jpg?v=1&x=%20&tr=w-300");
		assertThat(this.urls.url("http://user:pw@example.com:80/a%20b.jpg", transformation))
			.isEqualTo("http://example.com/a%20b.jpg?tr=w-300");
		assertThat(this.urls.url("https://example.com:8443", transformation))
			.isEqualTo("https://example.com:8443?tr=w-300");
		assertThat(this.urls.url("https://[::1]:9000/é.png")).isEqualTo("https://[::1]:9000/%C3%A9.png");
		assertThatIllegalArgumentException().isThrownBy(() -> this.urls.url("https://example.com:x/a.png"));
	}

	@Test
	void queryParametersAreSortedAndEncodedBeforeTheTransformation() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("z", "last value");
		parameters.put("a", 1);
		parameters.put("é&", "x=y/ü");
		String url = this.urls.url(ImageKitUrlOptions.builder("photo.jpg")
			.queryParameters(parameters)
			.step(Map.of("width", 100))
			.build());
		assertThat(url).isEqualTo("https://ik.imagekit.io/demo/photo.jpg?a=1&z=last+value&%C3%A9%26=x%3Dy%2F%C3%BC&tr=w-100");
	}

	@Test
	void nativeOptionsOverrideThePosition() {
		ImageKitUrlOptions options = ImageKitUrlOptions.builder("photo.jpg")
			.position(TransformationPosition.PATH)
			.rawStep("e-grayscale")
			.build();
		assertThat(this.urls.url(options)).isEqualTo("https://ik.imagekit.io/demo/tr:e-grayscale/photo.jpg");
		assertThat(this.pathUrls.url(ImageKitUrlOptions.builder("photo.jpg").rawStep("e-grayscale").build()))
			.isEqualTo("https://ik.imagekit.io/demo/tr:e-grayscale/photo.jpg");
	}

	@Test
	void signedUrlWithoutExpiry() {
		String url = this.pathUrls.signedUrl("folder/photo.jpg", Transformation.create().width(300));
		String signed = "tr:w-300/folder/photo.jpg";
		assertThat(url).isEqualTo("https://ik.imagekit.io/demo/" + signed + "?ik-s=" + hmac(KEY, signed + "9999999999"));
		assertThat(this.pathUrls.signedUrl("folder/photo.jpg", Transformation.create().width(300), null)).isEqualTo(url);
		assertThat(this.pathUrls.signedUrl("folder/photo.jpg", Transformation.create().width(300), Duration.ZERO))
			.isEqualTo(url);
	}

	@Test
	void signedUrlWithExpiry() {
		String url = this.urls.signedUrl("photo.jpg", Transformation.create().width(300), Duration.ofMinutes(10));
		String signed = "photo.jpg?tr=w-300";
		assertThat(url).isEqualTo("https://ik.imagekit.io/demo/" + signed + "&ik-t=1700000600&ik-s="
				+ hmac(KEY, signed + "1700000600"));
		assertThat(this.urls.signedUrl("photo.jpg", Transformation.create(), Duration.ofMillis(1500)))
			.as("a partial second is rounded up")
			.contains("?ik-t=1700000002&");
	}

	@Test
	void signedUrlWithAnExpiryInstant() {
		String url = this.urls.url(ImageKitUrlOptions.builder("photo.jpg").expiresAt(Instant.ofEpochSecond(1800000000)).build());
		assertThat(url).isEqualTo("https://ik.imagekit.io/demo/photo.jpg?ik-t=1800000000&ik-s="
				+ hmac(KEY, "photo.jpg1800000000"));
	}

	@Test
	void signedAbsoluteUrlOutsideTheEndpointSignsTheWholeUrl() {
		String url = this.urls.signedUrl("https://example.com/a.jpg", Transformation.create());
		assertThat(url).isEqualTo("https://example.com/a.jpg?ik-s=" + hmac(KEY, "https://example.com/a.jpg9999999999"));
	}

	@Test
	void signingWithoutAPrivateKeyFails() {
		ImageKitUrls urls = new ImageKitUrls(URI.create("https://ik.imagekit.io/demo"), null,
				TransformationPosition.QUERY, CLOCK);
		assertThat(urls.url("a.jpg")).isEqualTo("https://ik.imagekit.io/demo/a.jpg");
		assertThatIllegalStateException().isThrownBy(() -> urls.signedUrl("a.jpg", Transformation.create()))
			.withMessage("Signed ImageKit URLs need the private key");
	}

	@Test
	void invalidArgumentsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.urls.url(""));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.urls.signedUrl("a.jpg", Transformation.create(), Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ImageKitUrls(URI.create("ftp://example.com"), KEY,
				TransformationPosition.QUERY, CLOCK));
		assertThatIllegalArgumentException().isThrownBy(() -> new ImageKitUrls(URI.create("/relative"), KEY,
				TransformationPosition.QUERY, CLOCK));
	}

	@Test
	void responsiveImageResizesTheLastStep() {
		ResponsiveImage image = this.urls.responsive("photo.jpg", Transformation.create().crop(Crop.LIMIT),
				List.of(640, 320), "(max-width: 640px) 100vw, 640px");
		assertThat(image.srcset()).isEqualTo("https://ik.imagekit.io/demo/photo.jpg?tr=w-320,c-at_max 320w, "
				+ "https://ik.imagekit.io/demo/photo.jpg?tr=w-640,c-at_max 640w");
		assertThat(image.src()).isEqualTo("https://ik.imagekit.io/demo/photo.jpg?tr=w-640,c-at_max");
		assertThat(image.sizes()).isEqualTo("(max-width: 640px) 100vw, 640px");
	}

	@Test
	void responsiveImageChainsAStepAfterAWidth() {
		ResponsiveImage image = this.pathUrls.responsive("photo.jpg", Transformation.create().width(1000).aspectRatio(1, 1),
				List.of(200), "200px");
		assertThat(image.src()).isEqualTo("https://ik.imagekit.io/demo/tr:w-1000,ar-1-1:w-200/photo.jpg");
		assertThat(image.srcset()).isEqualTo("https://ik.imagekit.io/demo/tr:w-1000,ar-1-1:w-200/photo.jpg 200w");
	}

	@Test
	void unsupportedCropFailsTheUrl() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.urls.url("a.jpg", Transformation.create().crop(Crop.THUMB)))
			.withMessageContaining("Crop.FILL with Gravity.FACE");
	}

	@Test
	void toStringHasNoPrivateKey() {
		assertThat(this.urls.toString()).isEqualTo("ImageKitUrls[https://ik.imagekit.io/demo/, QUERY]")
			.doesNotContain(KEY);
		assertThat(this.urls.provider()).isEqualTo("imagekit");
	}

	/** The neutral transformation of SDK options, or null when the neutral model cannot express them. */
	static @Nullable Transformation neutral(List<?> steps) {
		Transformation transformation = Transformation.create();
		boolean first = true;
		for (Object step : steps) {
			if (!first) {
				transformation = transformation.then();
			}
			first = false;
			for (Map.Entry<?, ?> option : ((Map<?, ?>) step).entrySet()) {
				Object value = option.getValue();
				switch ((String) option.getKey()) {
					case "width" -> transformation = transformation.width((Integer) value);
					case "height" -> transformation = transformation.height((Integer) value);
					case "quality" -> transformation = transformation.quality((Integer) value);
					case "format" -> transformation = transformation.format(Format.valueOf(((String) value).toUpperCase()));
					case "raw" -> transformation = transformation.raw("imagekit", (String) value);
					default -> {
						return null;
					}
				}
			}
		}
		return transformation;
	}

	static String hmac(String key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String text(JsonNode node, String name, @Nullable String fallback) {
		JsonNode value = node.get(name);
		return (value != null && value.isString()) ? value.asString() : fallback;
	}

}
