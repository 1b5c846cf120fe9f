package io.saasstack.webhooks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.saasstack.MutableClock;

class InMemoryWebhookReplayGuardTests {

	private final MutableClock clock = new MutableClock();

	@Test
	void secondDeliveryWithinTheWindowIsAReplay() {
		InMemoryWebhookReplayGuard guard = new InMemoryWebhookReplayGuard(Duration.ofMinutes(10), 100, this.clock);
		assertThat(guard.firstDelivery("clerk", "msg_1")).isTrue();
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(guard.firstDelivery("clerk", "msg_1")).isFalse();
		assertThat(guard.firstDelivery("resend", "msg_1")).isTrue();
	}

	@Test
	void idsAreForgottenAfterTheWindow() {
		InMemoryWebhookReplayGuard guard = new InMemoryWebhookReplayGuard(Duration.ofMinutes(10), 100, this.clock);
		guard.firstDelivery("clerk", "msg_1");
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(guard.size()).isZero();
		assertThat(guard.firstDelivery("clerk", "msg_1")).isTrue();
	}

	@Test
	void theOldestIdIsEvictedWhenFull() {
		InMemoryWebhookReplayGuard guard = new InMemoryWebhookReplayGuard(Duration.ofMinutes(10), 2, this.clock);
		guard.firstDelivery("clerk", "a");
		guard.firstDelivery("clerk", "b");
		guard.firstDelivery("clerk", "c");
		assertThat(guard.size()).isEqualTo(2);
		assertThat(guard.firstDelivery("clerk", "c")).isFalse();
		assertThat(guard.firstDelivery("clerk", "a")).isTrue();
	}

	@Test
	void releasedIdIsProcessedAgain() {
		InMemoryWebhookReplayGuard guard = new InMemoryWebhookReplayGuard();
		guard.firstDelivery("clerk", "a");
		guard.release("clerk", "a");
		assertThat(guard.firstDelivery("clerk", "a")).isTrue();
	}

	@Test
	void windowShorterThanTheToleranceIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new InMemoryWebhookReplayGuard(Duration.ofMinutes(4), 10));
	}

	@Test
	void concurrentDeliveriesOfOneIdAreFirstOnlyOnce() throws Exception {
		InMemoryWebhookReplayGuard guard = new InMemoryWebhookReplayGuard();
		AtomicInteger firsts = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < 1000; i++) {
				String id = "msg_" + (i % 100);
				futures.add(executor.submit(() -> {
					if (guard.firstDelivery("clerk", id)) {
						firsts.incrementAndGet();
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(firsts).hasValue(100);
	}


}
