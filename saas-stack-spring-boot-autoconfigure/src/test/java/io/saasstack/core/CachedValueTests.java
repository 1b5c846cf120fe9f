package io.saasstack.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.saasstack.MutableClock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CachedValueTests {

	private final MutableClock clock = new MutableClock();

	private final AtomicInteger fetches = new AtomicInteger();

	private final CachedValue<Integer> value = new CachedValue<>(
			() -> Mono.fromSupplier(this.fetches::incrementAndGet), this.clock, Duration.ofMinutes(5),
			Duration.ofSeconds(30));

	@Test
	void isEmptyUntilFetchedThenFreshForItsTimeToLive() {
		assertThat(this.value.last()).isNull();
		assertThat(this.value.fresh()).isNull();
		assertThat(this.value.refresh().block()).isEqualTo(1);
		assertThat(this.value.fresh()).isEqualTo(1);
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.value.fresh()).isNull();
		assertThat(this.value.last()).isEqualTo(1);
	}

	@Test
	void aRefreshWithinTheFloorIsNotAllowed() {
		assertThat(this.value.mayRefresh()).isTrue();
		this.value.refresh().block();
		assertThat(this.value.mayRefresh()).isFalse();
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.value.mayRefresh()).isTrue();
	}

	@Test
	void concurrentRefreshesShareOneFetch() {
		Sinks.One<Integer> answer = Sinks.one();
		AtomicInteger subscriptions = new AtomicInteger();
		CachedValue<Integer> slow = new CachedValue<>(
				() -> answer.asMono().doOnSubscribe((s) -> subscriptions.incrementAndGet()), this.clock,
				Duration.ofMinutes(5), Duration.ofSeconds(30));
		Mono<Integer> first = slow.refresh();
		var pending = first.toFuture();
		assertThat(slow.mayRefresh()).isTrue();
		Mono<Integer> second = slow.refresh();
		assertThat(second).isSameAs(first);
		answer.tryEmitValue(7);
		assertThat(pending.join()).isEqualTo(7);
		assertThat(subscriptions).hasValue(1);
		assertThat(slow.fresh()).isEqualTo(7);
	}

	@Test
	void aFailedFetchKeepsTheLastValueAndIsForgotten() {
		AtomicInteger calls = new AtomicInteger();
		CachedValue<Integer> flaky = new CachedValue<>(
				() -> (calls.incrementAndGet() == 2) ? Mono.error(new IllegalStateException("down"))
						: Mono.just(calls.get()),
				this.clock, Duration.ofMinutes(5), Duration.ZERO);
		flaky.refresh().block();
		assertThatIllegalStateException().isThrownBy(() -> flaky.refresh().block());
		assertThat(flaky.last()).isEqualTo(1);
		assertThat(flaky.refresh().block()).isEqualTo(3);
	}

}
