package io.saasstack.core.health;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.saasstack.MutableClock;
import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.SaasAuthenticationException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class CachedHealthIndicatorTests {

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void reusesResultWithinTimeToLive() {
		CachedHealthIndicator indicator = indicator(() -> Mono.just(Health.up().build()), Duration.ofSeconds(5));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void callsAgainAfterTimeToLive() {
		CachedHealthIndicator indicator = indicator(() -> Mono.just(Health.up().build()), Duration.ofSeconds(5));
		indicator.health();
		this.clock.advance(Duration.ofSeconds(61));
		indicator.health();
		assertThat(this.calls).hasValue(2);
	}

	@Test
	void cachesDownResultsToo() {
		CachedHealthIndicator indicator = indicator(() -> Mono.error(new IllegalStateException("boom")),
				Duration.ofSeconds(5));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(indicator.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void reportsDownWhenCheckDoesNotAnswerInTime() {
		CachedHealthIndicator indicator = indicator(Mono::never, Duration.ofMillis(50));
		Health health = indicator.health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "no answer within 50 ms");
	}

	@Test
	void reportsSaasExceptionMessage() {
		SaasAuthenticationException ex = new SaasAuthenticationException("resend", "health", 401,
				ProviderError.of("invalid_api_key", "API key is invalid", null), RateLimit.NONE);
		Health health = indicator(() -> Mono.error(ex), Duration.ofSeconds(1)).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", ex.getMessage());
	}

	@Test
	void reportsOnlyTheTypeOfForeignExceptions() {
		Health health = indicator(() -> Mono.error(new IOException("secret-bearing text")), Duration.ofSeconds(1))
			.health();
		assertThat(health.getDetails()).containsEntry("error", IOException.class.getName());
	}

	private CachedHealthIndicator indicator(Supplier<Mono<Health>> result, Duration timeout) {
		SaasHealthCheck check = new SaasHealthCheck() {

			@Override
			public String name() {
				return "test";
			}

			@Override
			public Mono<Health> check() {
				CachedHealthIndicatorTests.this.calls.incrementAndGet();
				return result.get();
			}

		};
		return new CachedHealthIndicator(check, Duration.ofSeconds(60), timeout, this.clock);
	}


}
