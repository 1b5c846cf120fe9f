package io.saasstack.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimit}.
 */
class RateLimitTests {

	@Test
	void shouldSuggestRetryAfterFirst() {
		RateLimit rateLimit = new RateLimit(10L, 0L, Duration.ofSeconds(30), Duration.ofSeconds(2));
		assertThat(rateLimit.suggestedWait()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void shouldSuggestResetWhenNothingRemains() {
		assertThat(new RateLimit(10L, 0L, Duration.ofSeconds(30), null).suggestedWait())
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void shouldSuggestNothingWhileRequestsRemain() {
		assertThat(new RateLimit(10L, 1L, Duration.ofSeconds(30), null).suggestedWait()).isNull();
		assertThat(new RateLimit(10L, null, Duration.ofSeconds(30), null).suggestedWait()).isNull();
		assertThat(new RateLimit(10L, 0L, null, null).suggestedWait()).isNull();
		assertThat(RateLimit.NONE.suggestedWait()).isNull();
	}

	@Test
	void shouldBePresentWhenAnyPartIs() {
		assertThat(RateLimit.NONE.isPresent()).isFalse();
		assertThat(new RateLimit(null, 0L, null, null).isPresent()).isTrue();
		assertThat(new RateLimit(null, null, null, Duration.ZERO).isPresent()).isTrue();
	}

}
