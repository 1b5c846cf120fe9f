package io.saasstack.media.imagekit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ImageKitUrlOptions}.
 */
class ImageKitUrlOptionsTests {

	@Test
	void defaults() {
		ImageKitUrlOptions options = ImageKitUrlOptions.builder("a.jpg").build();
		assertThat(options.src()).isEqualTo("a.jpg");
		assertThat(options.steps()).isEmpty();
		assertThat(options.position()).isNull();
		assertThat(options.queryParameters()).isEmpty();
		assertThat(options.signed()).isFalse();
		assertThat(options.expiresIn()).isNull();
		assertThat(options.expiresAt()).isNull();
	}

	@Test
	void stepsAndParametersAreCopied() {
		Map<String, Object> step = new HashMap<>(Map.of("width", 100));
		List<Object> steps = new ArrayList<>(List.of("e-grayscale"));
		ImageKitUrlOptions options = ImageKitUrlOptions.builder("a.jpg")
			.step(step)
			.steps(steps)
			.rawStep("bl-10")
			.queryParameter("v", 2)
			.position(TransformationPosition.PATH)
			.signed(true)
			.expiresIn(Duration.ofMinutes(1))
			.expiresAt(Instant.ofEpochSecond(10))
			.build();
		step.put("height", 1);
		steps.add("x");
		assertThat(options.steps()).containsExactly(Map.of("width", 100), "e-grayscale", "bl-10");
		assertThat(options.queryParameters()).containsExactly(Map.entry("v", 2));
		assertThat(options.position()).isEqualTo(TransformationPosition.PATH);
		assertThat(options.signed()).isTrue();
		assertThat(options.expiresIn()).isEqualTo(Duration.ofMinutes(1));
		assertThat(options.expiresAt()).isEqualTo(Instant.ofEpochSecond(10));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> options.steps().add("y"));
		assertThat(options.toString()).contains("src=a.jpg", "e-grayscale");
	}

	@Test
	void invalidValuesAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ImageKitUrlOptions.builder(""));
		assertThatIllegalArgumentException().isThrownBy(() -> ImageKitUrlOptions.builder("a").steps(List.of(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> ImageKitUrlOptions.builder("a").rawStep(""));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ImageKitUrlOptions.builder("a").expiresIn(Duration.ofSeconds(-1)));
		assertThatIllegalArgumentException().isThrownBy(() -> ImageKitUrlOptions.builder("a").queryParameter("", 1));
	}

}
