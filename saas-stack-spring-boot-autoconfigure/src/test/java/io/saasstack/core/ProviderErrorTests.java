package io.saasstack.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProviderError}.
 */
class ProviderErrorTests {

	@Test
	void shouldLeaveRetryabilityToStatusByDefault() {
		ProviderError error = ProviderError.of("code", "message", "req_1");
		assertThat(error).isEqualTo(new ProviderError("code", "message", "req_1", null, false));
	}

	@Test
	void shouldCopyWithRetryVerdict() {
		ProviderError error = ProviderError.of("code", "message", "req_1").asRateLimited();
		assertThat(error.withRetryable(false)).isEqualTo(new ProviderError("code", "message", "req_1", false, true));
		assertThat(error.withRetryable(true).retryable()).isTrue();
	}

	@Test
	void shouldCopyAsRateLimited() {
		ProviderError error = ProviderError.of("quota", null, null).withRetryable(false);
		assertThat(error.asRateLimited()).isEqualTo(new ProviderError("quota", null, null, false, true));
	}

}
