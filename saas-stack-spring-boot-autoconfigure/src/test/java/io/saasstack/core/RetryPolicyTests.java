package io.saasstack.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RetryPolicy}.
 */
class RetryPolicyTests {

	@Test
	void shouldDoubleBackoffUpToMax() {
		RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1),
				0.5);
		assertThat(policy.backoff(0)).isEqualTo(Duration.ofMillis(100));
		assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(200));
		assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(400));
		assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(800));
		assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.backoff(5)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void shouldCapBackoffWithoutOverflowForManyRetries() {
		RetryPolicy policy = new RetryPolicy(100, Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofMinutes(1),
				0.5);
		assertThat(policy.backoff(30)).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.backoff(63)).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.backoff(64)).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.backoff(Long.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void shouldCapInitialBackoffLongerThanMax() {
		RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(1), 0);
		assertThat(policy.backoff(0)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void shouldNeverBackOffFromZero() {
		RetryPolicy policy = new RetryPolicy(3, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1), 0);
		assertThat(policy.backoff(0)).isZero();
		assertThat(policy.backoff(10)).isZero();
	}

	@Test
	void shouldDefaultToThreeAttempts() {
		assertThat(RetryPolicy.DEFAULT.maxAttempts()).isEqualTo(3);
		assertThat(RetryPolicy.DEFAULT.backoff(0)).isEqualTo(Duration.ofMillis(250));
		assertThat(RetryPolicy.DEFAULT.backoff(1)).isEqualTo(Duration.ofMillis(500));
		assertThat(RetryPolicy.DEFAULT.maxElapsedTime()).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryPolicy.NONE.maxAttempts()).isEqualTo(1);
	}

	@Test
	void shouldValidateArguments() {
		Duration second = Duration.ofSeconds(1);
		Duration negative = Duration.ofMillis(-1);
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(0, second, second, second, 0.5))
			.withMessage("maxAttempts must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(3, negative, second, second, 0.5))
			.withMessage("initialBackoff must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(3, second, negative, second, 0.5))
			.withMessage("maxBackoff must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(3, second, second, negative, 0.5))
			.withMessage("maxElapsedTime must not be negative");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(3, second, second, second, -0.1))
			.withMessage("jitter must be between 0 and 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new RetryPolicy(3, second, second, second, 1.1))
			.withMessage("jitter must be between 0 and 1");
	}

	@Test
	void shouldAcceptBoundaryValues() {
		RetryPolicy policy = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 1);
		assertThat(policy.jitter()).isEqualTo(1);
		assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0).jitter()).isZero();
	}

}
