package io.saasstack.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saasstack.events.logsnag.LogSnagRequests;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RecordingLogSnagClient}.
 */
class RecordingLogSnagClientTests {

	private final RecordingLogSnagClient recorder = new RecordingLogSnagClient();

	@Test
	void recordsRequestsInOrder() {
		LogEvent event = LogEvent.builder("User Joined").channel("users").build();
		Identify identify = new Identify("user-123", Map.of("plan", "pro"));
		InsightIncrement increment = new InsightIncrement("User Count", 1, null);
		this.recorder.log(event).block();
		this.recorder.identify(identify).block();
		this.recorder.increment(increment).block();
		assertThat(this.recorder.requests()).containsExactly(event, identify, increment);
		assertThat(this.recorder.events()).containsExactly(event);
	}

	@Test
	void recordsPreparedRequests() {
		RecordingLogSnagClient recorder = new RecordingLogSnagClient(new LogSnagRequests("general", true));
		recorder.log(LogEvent.builder("Upgraded").tag("Plan Type", "pro").build()).block();
		assertThat(recorder.events()).singleElement().satisfies((event) -> {
			assertThat(event.channel()).isEqualTo("general");
			assertThat(event.tags()).containsExactly(Map.entry("plan-type", "pro"));
		});
	}

	@Test
	void rejectsInvalidRequestsWithoutRecordingThem() {
		Mono<Void> result = this.recorder.log(LogEvent.builder("Upgraded").build());
		assertThatIllegalArgumentException().isThrownBy(result::block).withMessageContaining("has no channel");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.recorder.blocking().identify(new Identify("user-123", Map.of())))
			.withMessageContaining("properties must not be empty");
		assertThat(this.recorder.requests()).isEmpty();
	}

	@Test
	void recordsOnSubscription() {
		Mono<Void> result = this.recorder.insight(new Insight("User Count", 42, null));
		assertThat(this.recorder.requests()).isEmpty();
		result.block();
		assertThat(this.recorder.requests()).hasSize(1);
	}

	@Test
	void blockingViewRecordsIntoTheSameRecorder() {
		Group group = new Group("org-1", "user-123", Map.of());
		this.recorder.blocking().group(group);
		assertThat(this.recorder.requests()).containsExactly(group);
	}

	@Test
	void requestsIsASnapshot() {
		this.recorder.insight(new Insight("User Count", 1, null)).block();
		List<LogSnagRequest> snapshot = this.recorder.requests();
		this.recorder.insight(new Insight("User Count", 2, null)).block();
		assertThat(snapshot).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(snapshot::clear);
	}

	@Test
	void clearForgetsEverything() {
		this.recorder.log(LogEvent.builder("User Joined").channel("users").build()).block();
		this.recorder.clear();
		assertThat(this.recorder.requests()).isEmpty();
		assertThat(this.recorder.events()).isEmpty();
	}

	@Test
	void awaitRequestsWaitsForRequestsSentByAnotherThread() throws Exception {
		CountDownLatch waiting = new CountDownLatch(1);
		Thread sender = new Thread(() -> {
			try {
				waiting.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.recorder.log(LogEvent.builder("First").channel("users").build()).block();
			this.recorder.log(LogEvent.builder("Second").channel("users").build()).block();
		});
		sender.start();
		assertThat(this.recorder.requests()).isEmpty();
		waiting.countDown();
		assertThat(this.recorder.awaitRequests(2, Duration.ofSeconds(5))).isTrue();
		assertThat(this.recorder.events()).extracting(LogEvent::event).containsExactly("First", "Second");
		sender.join(5000);
	}

	@Test
	void awaitRequestsReturnsFalseWhenTooFewArrive() {
		this.recorder.insight(new Insight("User Count", 1, null)).block();
		assertThat(this.recorder.awaitRequests(1, Duration.ZERO)).isTrue();
		assertThat(this.recorder.awaitRequests(2, Duration.ofMillis(20))).isFalse();
	}

	@Test
	void awaitRequestsReturnsFalseWhenInterrupted() {
		Thread.currentThread().interrupt();
		try {
			assertThat(this.recorder.awaitRequests(1, Duration.ofSeconds(5))).isFalse();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void recordsConcurrentRequests() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < 250; i++) {
						this.recorder.increment(new InsightIncrement("User Count", 1, null)).block();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(5, TimeUnit.SECONDS);
			}
			assertThat(this.recorder.requests()).hasSize(2000);
		}
		finally {
			executor.shutdownNow();
		}
	}

}
