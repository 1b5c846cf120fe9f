package io.saasstack.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SaasStackVersion}.
 */
class SaasStackVersionTests {

	@Test
	void shouldReadProjectVersionFromFilteredResource() {
		assertThat(SaasStackVersion.get()).isNotEqualTo("unknown").matches("\\d+\\.\\d+\\.\\d+.*");
	}

	@Test
	void shouldSendVersionInUserAgent() {
		assertThat(SaasStackVersion.userAgent()).isEqualTo("saas-stack/" + SaasStackVersion.get());
	}

}
