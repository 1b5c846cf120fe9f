package io.saasstack.media.imagekit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.core.SaasJson;
import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.Quality;
import io.saasstack.media.Transformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ImageKitTransformations}: the provider-neutral model parameter by parameter and
 * in combination, ImageKit's own options, and the {@code ik-trstr-*} vectors.
 */
class ImageKitTransformationsTests {

	static final String VECTORS = "/vectors/media-imagekit.json";

	static Stream<Arguments> transformationStringVectors() {
		return Vectors.arguments(VECTORS)
			.filter((arguments) -> ((JsonNode) arguments.get()[1]).get("input").has("buildTransformationString"));
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everyTransformationStringVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(transformationStringVectors()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("transformationStringVectors")
	void transformationStringVector(String id, JsonNode vector) {
		VectorCase.run(vector, (v) -> {
			v.ignore("config.privateKey", "a transformation string is not signed");
			// the steps, whole, are the input: an option the model does not know is refused by of()
			List<?> steps = SaasJson.mapper().convertValue(v.require("input.buildTransformationString"), List.class);
			assertThat(ImageKitTransformations.of(steps)).isEqualTo(v.require("expected").asString());
		});
		RUNS.ran(id);
	}

	@Test
	void emptyTransformationIsEmpty() {
		assertThat(ImageKitTransformations.of(Transformation.create())).isEmpty();
		assertThat(ImageKitTransformations.of(Transformation.create().then().then())).isEmpty();
	}

	@Test
	void width() {
		assertThat(render(Transformation.create().width(300))).isEqualTo("w-300");
	}

	@Test
	void height() {
		assertThat(render(Transformation.create().height(200))).isEqualTo("h-200");
	}

	@Test
	void quality() {
		assertThat(render(Transformation.create().quality(80))).isEqualTo("q-80");
	}

	@Test
	void automaticQualityIsLeftOutBecauseImageKitOptimisesByDefault() {
		assertThat(render(Transformation.create().quality(Quality.AUTO))).isEmpty();
		assertThat(render(Transformation.create().quality(Quality.auto("good")).width(10))).isEqualTo("w-10");
	}

	@Test
	void aspectRatioSeparatesItsPartsWithADash() {
		assertThat(render(Transformation.create().aspectRatio(4, 3))).isEqualTo("ar-4-3");
		assertThat(render(Transformation.create().aspectRatio(16, 9))).isEqualTo("ar-16-9");
	}

	@ParameterizedTest
	@CsvSource({ "FILL, c-maintain_ratio", "FIT, c-at_max_enlarge", "LIMIT, c-at_max", "SCALE, c-force",
			"PAD, cm-pad_resize", "CROP, cm-extract" })
	void crop(Crop crop, String expected) {
		assertThat(render(Transformation.create().crop(crop))).isEqualTo(expected);
	}

	@Test
	void thumbnailCropIsRejectedWithTheAlternative() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImageKitTransformations.of(Transformation.create().crop(Crop.THUMB)))
			.withMessage("ImageKit has no thumbnail crop (Crop.THUMB): use Crop.FILL with Gravity.FACE "
					+ "(c-maintain_ratio,fo-face) instead");
	}

	@ParameterizedTest
	@CsvSource({ "AUTO, fo-auto", "FACE, fo-face", "CENTER, fo-center", "NORTH, fo-top", "NORTH_EAST, fo-top_right",
			"EAST, fo-right", "SOUTH_EAST, fo-bottom_right", "SOUTH, fo-bottom", "SOUTH_WEST, fo-bottom_left",
			"WEST, fo-left", "NORTH_WEST, fo-top_left" })
	void gravity(Gravity gravity, String expected) {
		assertThat(render(Transformation.create().gravity(gravity))).isEqualTo(expected);
	}

	@Test
	void allFacesGravityIsRejectedWithTheAlternative() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImageKitTransformations.of(Transformation.create().gravity(Gravity.FACES)))
			.withMessage("ImageKit cannot focus on all faces (Gravity.FACES): use Gravity.FACE (fo-face, the largest "
					+ "face) or Gravity.AUTO (fo-auto) instead");
	}

	@ParameterizedTest
	@EnumSource(Format.class)
	void format(Format format) {
		assertThat(render(Transformation.create().format(format))).isEqualTo("f-" + format.name().toLowerCase());
	}

	@Test
	void dprIsWrittenWithoutAFractionWhenIntegral() {
		assertThat(render(Transformation.create().dpr(2))).isEqualTo("dpr-2");
		assertThat(render(Transformation.create().dpr(1.5))).isEqualTo("dpr-1.5");
		assertThat(render(Transformation.create().dpr(0.75))).isEqualTo("dpr-0.75");
	}

	@Test
	void radius() {
		assertThat(render(Transformation.create().radius(20))).isEqualTo("r-20");
		assertThat(render(Transformation.create().radius(0))).isEqualTo("r-0");
		assertThat(render(Transformation.create().maxRadius())).isEqualTo("r-max");
	}

	@ParameterizedTest
	@CsvSource({ "1, 1", "20, 1", "21, 2", "100, 5", "500, 25", "1999, 100", "2000, 100", "5000, 100" })
	void blurIsATwentiethOfTheNeutralStrengthRoundedUp(int strength, int imageKit) {
		assertThat(render(Transformation.create().blur(strength))).isEqualTo("bl-" + imageKit);
	}

	@Test
	void background() {
		assertThat(render(Transformation.create().background("FF0000"))).isEqualTo("bg-FF0000");
		assertThat(render(Transformation.create().background("white"))).isEqualTo("bg-white");
		assertThat(render(Transformation.create().background("#00FF0080"))).isEqualTo("bg-00FF0080");
	}

	@Test
	void rawOfImageKitComesLastAndRawOfOtherProvidersIsIgnored() {
		Transformation transformation = Transformation.create()
			.raw("imagekit", "e-grayscale")
			.raw("cloudinary", "e_sepia")
			.width(300)
			.raw("imagekit", "e-sharpen");
		assertThat(render(transformation)).isEqualTo("w-300,e-grayscale,e-sharpen");
		assertThat(render(Transformation.create().raw("cloudinary", "e_sepia"))).isEmpty();
	}

	@Test
	void everyParameterInTheSdkOrderWhateverTheCallOrder() {
		Transformation transformation = Transformation.create()
			.raw("imagekit", "e-contrast")
			.blur(100)
			.dpr(2)
			.background("white")
			.maxRadius()
			.format(Format.WEBP)
			.gravity(Gravity.NORTH_WEST)
			.crop(Crop.FILL)
			.aspectRatio(16, 9)
			.quality(75)
			.height(300)
			.width(400);
		assertThat(render(transformation))
			.isEqualTo("w-400,h-300,q-75,ar-16-9,c-maintain_ratio,fo-top_left,f-webp,r-max,bg-white,dpr-2,bl-5,e-contrast");
	}

	@Test
	void cropModeComesAfterTheCropPosition() {
		assertThat(render(Transformation.create().background("FFFFFF").crop(Crop.PAD).width(200).height(200)))
			.isEqualTo("w-200,h-200,cm-pad_resize,bg-FFFFFF");
		assertThat(render(Transformation.create().gravity(Gravity.CENTER).crop(Crop.CROP).width(50)))
			.isEqualTo("w-50,cm-extract,fo-center");
	}

	@Test
	void stepsAreJoinedWithColonsAndEmptyStepsLeftOut() {
		Transformation transformation = Transformation.create()
			.width(400)
			.height(300)
			.crop(Crop.FILL)
			.gravity(Gravity.AUTO)
			.then()
			.then()
			.quality(Quality.AUTO)
			.then()
			.format(Format.AUTO)
			.quality(80);
		assertThat(render(transformation)).isEqualTo("w-400,h-300,c-maintain_ratio,fo-auto:q-80,f-auto");
		assertThat(render(Transformation.create().then().width(10))).isEqualTo("w-10");
	}

	@Test
	void optionsFollowTheSdkOrderWhateverTheMapOrder() {
		Map<String, Object> step = new LinkedHashMap<>();
		step.put("raw", "custom-1");
		step.put("rotation", 90);
		step.put("focus", "auto");
		step.put("height", 300);
		step.put("width", 400.0);
		step.put("opacity", 0.8);
		assertThat(ImageKitTransformations.of(List.of(step))).isEqualTo("w-400,h-300,fo-auto,o-0.8,rt-90,custom-1");
	}

	@Test
	void everySdkOption() {
		Map<String, Object> step = new LinkedHashMap<>();
		step.put("width", 1);
		step.put("height", "ih_div_2");
		step.put("quality", 2);
		step.put("aspectRatio", "4-3");
		step.put("crop", "force");
		step.put("cropMode", "extract");
		step.put("focus", "face");
		step.put("format", "avif");
		step.put("radius", "10_10_max_10");
		step.put("background", "red");
		step.put("border", "5_FF0000");
		step.put("colorReplace", "FF0000_100_0000FF");
		step.put("defaultImage", "/folder/default.jpg/");
		step.put("dpr", 3);
		step.put("x", 4);
		step.put("y", 5);
		step.put("xCenter", 6);
		step.put("yCenter", 7);
		step.put("opacity", 8);
		step.put("zoom", 0.5);
		step.put("rotation", "N45");
		step.put("blur", 9);
		step.put("named", "thumb");
		step.put("progressive", true);
		step.put("lossless", false);
		step.put("flip", "h");
		step.put("trim", 10);
		step.put("metadata", true);
		step.put("colorProfile", false);
		step.put("videoCodec", "h264");
		step.put("audioCodec", "aac");
		step.put("startOffset", 1.5);
		step.put("endOffset", 11);
		step.put("duration", 12);
		step.put("streamingResolutions", List.of(240, 360, "1080"));
		step.put("grayscale", true);
		step.put("aiUpscale", true);
		step.put("aiRetouch", true);
		step.put("aiVariation", true);
		step.put("aiRemoveBackground", true);
		step.put("aiRemoveBackgroundExternal", true);
		step.put("contrastStretch", true);
		step.put("aiDropShadow", "az-45");
		step.put("aiChangeBackground", "prompt-snow");
		step.put("aiEdit", "prompt-make it vintage");
		step.put("shadow", true);
		step.put("sharpen", 5);
		step.put("unsharpMask", "2-2-0.8-0.024");
		step.put("gradient", "ld-top_from-green_to-00FF0010_sp-1");
		step.put("colorize", "co-red");
		step.put("distort", "p-x1_y1_x2_y2_x3_y3_x4_y4");
		step.put("original", true);
		step.put("page", 2);
		step.put("raw", "custom");
		assertThat(ImageKitTransformations.of(List.of(step))).isEqualTo("w-1,h-ih_div_2,q-2,ar-4-3,c-force,cm-extract,"
				+ "fo-face,f-avif,r-10_10_max_10,bg-red,b-5_FF0000,cr-FF0000_100_0000FF,di-folder@@default.jpg,dpr-3,"
				+ "x-4,y-5,xc-6,yc-7,o-8,z-0.5,rt-N45,bl-9,n-thumb,pr-true,lo-false,fl-h,t-10,md-true,cp-false,vc-h264,"
				+ "ac-aac,so-1.5,eo-11,du-12,sr-240_360_1080,e-grayscale,e-upscale,e-retouch,e-genvar,e-bgremove,"
				+ "e-removedotbg,e-contrast,e-dropshadow-az-45,e-changebg-prompt-snow,e-edit-prompt-make it vintage,"
				+ "e-shadow,e-sharpen-5,e-usm-2-2-0.8-0.024,e-gradient-ld-top_from-green_to-00FF0010_sp-1,"
				+ "e-colorize-co-red,e-distort-p-x1_y1_x2_y2_x3_y3_x4_y4,orig-true,pg-2,custom");
	}

	@Test
	void falseFlagsAndEmptyValuesAreLeftOut() {
		Map<String, Object> step = new LinkedHashMap<>();
		step.put("grayscale", false);
		step.put("shadow", false);
		step.put("original", false);
		step.put("trim", false);
		step.put("crop", "");
		step.put("defaultImage", "");
		step.put("streamingResolutions", List.of());
		step.put("raw", "");
		assertThat(ImageKitTransformations.of(List.of(step, Map.of("trim", true, "sharpen", true))))
			.isEqualTo("t-true,e-sharpen");
	}

	@Test
	void rawStringStepsAreTakenVerbatim() {
		assertThat(ImageKitTransformations.of(List.of(Map.of("width", 100), "e-grayscale,bl-10", Map.of())))
			.isEqualTo("w-100:e-grayscale,bl-10");
	}

	@Test
	void unknownOptionIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ImageKitTransformations.of(List.of(Map.of("widht", 1))))
			.withMessageContaining("'widht'");
		assertThatIllegalArgumentException().isThrownBy(() -> ImageKitTransformations.of(List.of(42)))
			.withMessageContaining("java.lang.Integer");
	}

	@Test
	void textOverlayWithEveryOption() {
		Map<String, Object> overlay = new LinkedHashMap<>();
		overlay.put("type", "text");
		overlay.put("text", "Hello world");
		overlay.put("layerMode", "MULTIPLY");
		overlay.put("position", Map.of("x", 10, "y", "bh_mul_0.5", "anchorPoint", "TOP_LEFT", "focus", "center"));
		overlay.put("timing", Map.of("start", 2, "end", 4.5));
		overlay.put("transformation", List.of(Map.of("fontColor", "FFFFFF", "fontSize", 20, "width", 300),
				Map.of("innerAlignment", "LEFT", "padding", "10_20", "alpha", 5, "typography", "b", "background",
						"000000", "radius", "max", "rotation", 10, "flip", "H", "lineHeight", 2)));
		assertThat(ImageKitTransformations.of(List.of(Map.of("overlay", overlay)))).isEqualTo(
				"l-text,i-Hello%20world,lm-multiply,lx-10,ly-bh_mul_0.5,lap-top_left,lfo-center,lso-2,leo-4.5,w-300,"
						+ "fs-20,co-FFFFFF,ia-left,pa-10_20,al-5,tg-b,bg-000000,r-max,rt-10,fl-h,lh-2,l-end");
	}

	@Test
	void textOverlayEncodings() {
		assertThat(textOverlay("a/b c", "plain")).isEqualTo("l-text,i-a/b%20c,l-end");
		assertThat(textOverlay("a/b c", "auto")).isEqualTo("l-text,ie-YS9iIGM%3D,l-end");
		assertThat(textOverlay("Minimal Text", "base64")).isEqualTo("l-text,ie-TWluaW1hbCBUZXh0,l-end");
		assertThat(textOverlay("", "auto")).isEmpty();
	}

	@Test
	void imageOverlayWithNestedTransformation() {
		Map<String, Object> overlay = new LinkedHashMap<>();
		overlay.put("type", "image");
		overlay.put("input", "/logos/ünïcode.png");
		overlay.put("transformation", List.of(Map.of("width", 100), Map.of("rotation", 90)));
		overlay.put("position", Map.of("xCenter", 5, "yCenter", 6));
		assertThat(ImageKitTransformations.of(List.of(Map.of("overlay", overlay, "width", 500))))
			.isEqualTo("w-500,l-image,ie-bG9nb3Mvw7xuw69jb2RlLnBuZw%3D%3D,lxc-5,lyc-6,w-100:rt-90,l-end");
	}

	@Test
	void videoAndSubtitleOverlays() {
		assertThat(ImageKitTransformations
			.of(List.of(Map.of("overlay", Map.of("type", "video", "input", "clips/intro.mp4", "encoding", "base64",
					"timing", Map.of("duration", 3))))))
			.isEqualTo("l-video,ie-Y2xpcHMvaW50cm8ubXA0,ldu-3,l-end");
		Map<String, Object> subtitle = new LinkedHashMap<>();
		subtitle.put("type", "subtitle");
		subtitle.put("input", "subs/en.srt");
		subtitle.put("transformation", List.of(Map.of("fontShadow", "blue_2", "color", "red", "fontSize", 24.0,
				"fontOutline", "2_black", "typography", "b", "background", "white", "fontFamily", "Roboto")));
		assertThat(ImageKitTransformations.of(List.of(Map.of("overlay", subtitle))))
			.isEqualTo("l-subtitles,i-subs@@en.srt,bg-white,co-red,fs-24,ff-Roboto,fol-2_black,fsh-blue_2,tg-b,l-end");
	}

	@Test
	void solidColorOverlayWithTransformation() {
		Map<String, Object> overlay = new LinkedHashMap<>();
		overlay.put("type", "solidColor");
		overlay.put("color", "FF0000");
		overlay.put("transformation", List.of(Map.of("radius", 10, "gradient", true, "background", "00FF00",
				"alpha", 5, "height", 20, "width", 40)));
		assertThat(ImageKitTransformations.of(List.of(Map.of("overlay", overlay))))
			.isEqualTo("l-image,i-ik_canvas,bg-FF0000,w-40,h-20,al-5,bg-00FF00,e-gradient,r-10,l-end");
	}

	@Test
	void unknownOverlayTypeOrOptionIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImageKitTransformations.of(List.of(Map.of("overlay", Map.of("type", "sticker")))))
			.withMessageContaining("'sticker'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImageKitTransformations
				.of(List.of(Map.of("overlay", Map.of("type", "text", "text", "a", "colour", "red")))))
			.withMessageContaining("'colour'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImageKitTransformations.of(List.of(Map.of("overlay", Map.of("type", "text", "text", "a",
					"transformation", List.of(Map.of("height", 1)))))))
			.withMessageContaining("'height'");
	}

	private static String textOverlay(String text, String encoding) {
		return ImageKitTransformations
			.of(List.of(Map.of("overlay", Map.of("type", "text", "text", text, "encoding", encoding))));
	}

	private static String render(Transformation transformation) {
		return ImageKitTransformations.of(transformation);
	}

}
