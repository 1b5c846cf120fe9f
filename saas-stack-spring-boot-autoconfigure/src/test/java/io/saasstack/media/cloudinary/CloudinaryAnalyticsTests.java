package io.saasstack.media.cloudinary;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudinaryAnalytics}.
 */
class CloudinaryAnalyticsTests {

	@Test
	void tokenOfTheJavaSdk() {
		// vector cld-url-default-analytics-suffix: cloudinary-core 2.3.0 on Java 17
		assertThat(CloudinaryAnalytics.token("2.3.0", "17.0.15")).isEqualTo("DAGAEuARZAA0");
		assertThat(CloudinaryAnalytics.token("2.3.0", "1.8.0_292")).startsWith("DAGAEu").endsWith("ZAA0");
	}

	@Test
	void versionsTheSdkCannotEncodeGiveItsErrorToken() {
		assertThat(CloudinaryAnalytics.token("2", "17.0.15")).isEqualTo("E");
		assertThat(CloudinaryAnalytics.token("2.3.0", "21")).isEqualTo("E");
	}

}
