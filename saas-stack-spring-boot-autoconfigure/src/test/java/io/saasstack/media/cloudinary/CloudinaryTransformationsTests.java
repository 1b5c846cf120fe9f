package io.saasstack.media.cloudinary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.Quality;
import io.saasstack.media.Transformation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudinaryTransformations}. Expected strings are the output of
 * {@code new com.cloudinary.Transformation(options).generate()} of cloudinary-core 2.3.0 for the
 * same options.
 */
class CloudinaryTransformationsTests {

	@Test
	void neutralTransformation() {
		assertThat(CloudinaryTransformations.render(Transformation.create())).isEmpty();
		assertThat(CloudinaryTransformations.render(Transformation.create()
			.width(400)
			.height(300)
			.crop(Crop.FILL)
			.gravity(Gravity.AUTO)
			.then()
			.format(Format.AUTO)
			.quality(Quality.AUTO))).isEqualTo("c_fill,g_auto,h_300,w_400/f_auto,q_auto");
		assertThat(CloudinaryTransformations.render(Transformation.create().then().raw("imagekit", "e-grayscale")))
			.isEmpty();
	}

	@Test
	void expressionsAreNormalized() {
		assertThat(render(Map.of("width", "initialWidth / 2", "height", "ih_mul_0.5", "crop", "scale")))
			.isEqualTo("c_scale,h_ih_mul_0.5,w_iw_div_2");
		assertThat(render(Map.of("if", "width > 400", "width", 400, "crop", "limit")))
			.isEqualTo("if_w_gt_400,c_limit,w_400");
	}

	@Test
	void variablesComeFirstSortedAndAsTheyAre() {
		assertThat(render(Map.of("$small", 150, "$big", "$small * 2", "width", "$big")))
			.isEqualTo("$big_$small * 2,$small_150,w_$big");
	}

	@Test
	void nestedAndNamedTransformations() {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("transformation", List.of(Map.of("width", 100, "crop", "fill"), "named one"));
		options.put("effect", "sepia");
		assertThat(render(options)).isEqualTo("c_fill,w_100/t_named%20one/e_sepia");
		assertThat(render(Map.of("transformation", List.of("blip", "blop")))).isEqualTo("t_blip.blop");
	}

	@Test
	void responsiveWidthAddsALimitStep() {
		assertThat(render(Map.of("width", 300, "responsive_width", true))).isEqualTo("w_300/c_limit,w_auto");
	}

	@Test
	void listsColorsAndLayers() {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("angle", List.of("auto_right", "12"));
		options.put("flags", new String[] { "progressive", "lossy" });
		options.put("radius", List.of(10, 20));
		options.put("color", "#123456");
		options.put("overlay", "text:Arial_20:Hi");
		options.put("opacity", 50);
		assertThat(render(options)).isEqualTo("a_auto_right.12,co_rgb:123456,fl_progressive.lossy,l_text:Arial_20:Hi,o_50,r_10:20");
	}

	@Test
	void videoRangesAndCodec() {
		Map<String, Object> options = new LinkedHashMap<>();
		options.put("offset", "10..20p");
		options.put("duration", "30%");
		options.put("video_codec", Map.of("codec", "h264", "profile", "basic", "level", "3.1"));
		options.put("start_offset", "auto");
		assertThat(render(options)).isEqualTo("du_30p,eo_20p,so_10,vc_h264:basic:3.1");
	}

	@Test
	void sizeAndBorder() {
		assertThat(render(Map.of("size", "100x200", "crop", "pad", "background", "#abc")))
			.isEqualTo("b_rgb:abc,c_pad,h_200,w_100");
		assertThat(render(Map.of("border", Map.of("width", 5, "color", "#ff0000")))).isEqualTo("bo_5px_solid_rgb:ff0000");
		assertThat(render(Map.of("border", "2px_solid_black"))).isEqualTo("bo_2px_solid_black");
	}

	@Test
	void emptyComponentsAreDropped() {
		assertThat(CloudinaryTransformations.render(List.of(Map.of(), Map.of("x", 1), Map.of("y", ""))))
			.isEqualTo("x_1");
	}

	private static String render(Map<String, ?> options) {
		return CloudinaryTransformations.render(List.of(options));
	}

}
