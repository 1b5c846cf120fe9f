package io.saasstack.events.health;

import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.saasstack.MutableClock;
import io.saasstack.core.SaasTransportException;
import io.saasstack.events.LogEvent;
import io.saasstack.events.delivery.DeliverySettings;
import io.saasstack.events.delivery.OverflowPolicy;
import io.saasstack.events.delivery.QueuedEventTracker;
import io.saasstack.events.logsnag.LogSnagRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class LogSnagHealthCheckTests {

	private static final SaasTransportException FAILURE = new SaasTransportException("logsnag", "log.publish",
			"connection refused", true, false, new IllegalStateException());

	private final Queue<Mono<Void>> answers = new ConcurrentLinkedQueue<>();

	private final QueuedEventTracker tracker = new QueuedEventTracker((request) -> this.answers.remove(),
			new LogSnagRequests("tests", false),
			new DeliverySettings(10, OverflowPolicy.DROP_NEWEST, 1, Duration.ZERO, Duration.ofMinutes(1)));

	@AfterEach
	void stopTracker() {
		this.tracker.stop();
	}

	@Test
	void isNamedLogSnag() {
		assertThat(new LogSnagHealthCheck(this.tracker, false).name()).isEqualTo("logsnag");
	}

	@Test
	void upWithTheCounters() {
		this.tracker.start();
		deliver(Mono.empty());
		Health health = check(false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsExactlyInAnyOrderEntriesOf(
				Map.of("queued", 0, "sent", 1L, "failed", 0L, "dropped", 0L));
	}

	@Test
	void upBeforeAnyDelivery() {
		Health health = check(false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("sent", 0L).doesNotContainKey("error");
	}

	@Test
	void downWhenTheLastDeliveryFailed() {
		this.tracker.start();
		deliver(Mono.empty());
		deliver(Mono.error(FAILURE));
		Health health = check(false);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", FAILURE.getMessage())
			.containsEntry("sent", 1L)
			.containsEntry("failed", 1L);
	}

	@Test
	void upAgainAfterALaterSuccess() {
		this.tracker.start();
		deliver(Mono.error(FAILURE));
		assertThat(check(false).getStatus()).isEqualTo(Status.DOWN);
		deliver(Mono.empty());
		Health health = check(false);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("failed", 1L).doesNotContainKey("error");
	}

	@Test
	void reportsLocalMode() {
		Health health = check(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("mode", "local");
	}

	@Test
	void reportsQueuedAndDroppedRequests() {
		for (int i = 0; i < 12; i++) {
			this.tracker.track(LogEvent.builder("Signed Up").build());
		}
		Health health = check(false);
		assertThat(health.getDetails()).containsEntry("queued", 10).containsEntry("dropped", 2L);
	}

	@Test
	void downWhenDeliveryHasStalled() {
		MutableClock clock = new MutableClock();
		QueuedEventTracker stuck = new QueuedEventTracker((request) -> Mono.never(), new LogSnagRequests("tests", false),
				new DeliverySettings(10, OverflowPolicy.DROP_NEWEST, 1, Duration.ZERO, Duration.ofMinutes(1)), null,
				clock);
		stuck.start();
		try {
			for (int i = 0; i < 4; i++) {
				stuck.track(LogEvent.builder("Signed Up").build());
			}
			long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
			while (stuck.stats().inFlight() == 0 && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(new LogSnagHealthCheck(stuck, false).check().block().getStatus()).isEqualTo(Status.UP);
			clock.advance(Duration.ofSeconds(75));
			Health health = new LogSnagHealthCheck(stuck, false).check().block();
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("stalledFor", "PT1M15S")
				.containsEntry("error", "Delivery has stalled: 3 request(s) wait and none has left the queue for 75 s "
						+ "(saas.events.delivery.stalled-after)");
			assertThat(health.getDetails().get("queued")).isEqualTo(3);
		}
		finally {
			stuck.stop();
		}
	}

	private void deliver(Mono<Void> answer) {
		this.answers.add(answer);
		this.tracker.track(LogEvent.builder("Signed Up").build());
		assertThat(this.tracker.flush(Duration.ofSeconds(5))).isTrue();
	}

	private Health check(boolean local) {
		Health health = new LogSnagHealthCheck(this.tracker, local).check().block(Duration.ofSeconds(5));
		assertThat(health).isNotNull();
		return health;
	}

}
