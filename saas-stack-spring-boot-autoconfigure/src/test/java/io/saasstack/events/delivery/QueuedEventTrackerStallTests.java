package io.saasstack.events.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.saasstack.MutableClock;
import io.saasstack.events.LogEvent;
import io.saasstack.events.ReactiveLogSnagClient;
import io.saasstack.events.delivery.FakeLogSnagClient.Send;
import io.saasstack.events.logsnag.LogSnagRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery queue that stops moving is reported, logged once, and its recovery logged once.
 */
@ExtendWith(OutputCaptureExtension.class)
class QueuedEventTrackerStallTests {

	private static final String STALLED = "LogSnag delivery has stalled";

	private static final String RESUMED = "LogSnag delivery resumed";

	private final MutableClock clock = new MutableClock();

	private final FakeLogSnagClient client = FakeLogSnagClient.holding();

	private final List<QueuedEventTracker> trackers = new ArrayList<>();

	@AfterEach
	void stopTrackers() {
		this.trackers.forEach(QueuedEventTracker::stop);
	}

	@Test
	void stalledWhenRequestsWaitAndNoneLeavesTheQueue(CapturedOutput output) throws Exception {
		QueuedEventTracker tracker = started();
		tracker.track(event("a"));
		this.client.nextSend();
		tracker.track(event("b"));
		tracker.track(event("c"));
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(tracker.stats().stalled()).isFalse();
		assertThat(output).doesNotContain(STALLED);
		this.clock.advance(Duration.ofSeconds(2));
		DeliveryStats stats = tracker.stats();
		assertThat(stats.stalledFor()).isEqualTo(Duration.ofSeconds(61));
		assertThat(stats.queued()).isEqualTo(2);
		assertThat(tracker.flush(Duration.ofMillis(50))).isFalse();
		tracker.stats();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(tracker.stats().stalledFor()).isEqualTo(Duration.ofSeconds(361));
		assertThat(occurrences(output.getOut(), STALLED)).isOne();
		assertThat(output).contains("while 2 wait(s) and 1 are being sent without an answer")
			.contains("saas.events.delivery.stalled-after=PT1M");
	}

	@Test
	void logsOnceWhenDeliveryResumes(CapturedOutput output) throws Exception {
		QueuedEventTracker tracker = started();
		tracker.track(event("a"));
		Send first = this.client.nextSend();
		tracker.track(event("b"));
		tracker.track(event("c"));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(tracker.stats().stalled()).isTrue();
		first.complete();
		Send second = this.client.nextSend();
		// "c" waits, but a request has just left the queue
		assertThat(tracker.stats().stalled()).isFalse();
		assertThat(tracker.stats().queued()).isOne();
		second.complete();
		this.client.nextSend().complete();
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(tracker.stats().stalled()).isFalse();
		assertThat(occurrences(output.getOut(), STALLED)).isOne();
		assertThat(occurrences(output.getOut(), RESUMED)).isOne();
	}

	@Test
	void notStalledWhileRequestsKeepLeavingTheQueue() throws Exception {
		QueuedEventTracker tracker = started();
		tracker.track(event("a"));
		Send send = this.client.nextSend();
		for (int i = 0; i < 5; i++) {
			tracker.track(event("next"));
			this.clock.advance(Duration.ofSeconds(50));
			send.complete();
			send = this.client.nextSend();
			assertThat(tracker.stats().stalled()).isFalse();
		}
	}

	@Test
	void theWaitStartsWhenARequestFindsTheQueueEmpty() throws Exception {
		QueuedEventTracker tracker = started();
		tracker.track(event("a"));
		this.client.nextSend();
		// the sender is stuck, but nothing waits: not stalled
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(tracker.stats().stalled()).isFalse();
		tracker.track(event("b"));
		assertThat(tracker.stats().stalled()).isFalse();
		this.clock.advance(Duration.ofSeconds(60));
		assertThat(tracker.stats().stalledFor()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void theStalledTimeIsConfigurable() throws Exception {
		QueuedEventTracker tracker = started(Duration.ofSeconds(5));
		tracker.track(event("a"));
		this.client.nextSend();
		tracker.track(event("b"));
		this.clock.advance(Duration.ofSeconds(4));
		assertThat(tracker.stats().stalled()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(tracker.stats().stalled()).isTrue();
	}

	@Test
	void loggedByAFlushThatTimesOutWhenTheSenderItselfIsStuck(CapturedOutput output) throws Exception {
		CountDownLatch sending = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		// a client that blocks the sender's thread: the sender cannot watch for the stall itself
		QueuedEventTracker tracker = started(DeliverySettings.DEFAULT_STALLED_AFTER, (request) -> {
			sending.countDown();
			awaitQuietly(release);
			return Mono.empty();
		});
		try {
			tracker.track(event("a"));
			assertThat(sending.await(5, TimeUnit.SECONDS)).isTrue();
			tracker.track(event("b"));
			this.clock.advance(Duration.ofSeconds(61));
			Thread.sleep(1500);
			assertThat(output).doesNotContain(STALLED);
			assertThat(tracker.flush(Duration.ofMillis(50))).isFalse();
			assertThat(occurrences(output.getOut(), STALLED)).isOne();
			assertThat(tracker.flush(Duration.ofMillis(50))).isFalse();
			assertThat(occurrences(output.getOut(), STALLED)).isOne();
		}
		finally {
			release.countDown();
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private QueuedEventTracker started() {
		return started(DeliverySettings.DEFAULT_STALLED_AFTER);
	}

	private QueuedEventTracker started(Duration stalledAfter) {
		return started(stalledAfter, this.client);
	}

	private QueuedEventTracker started(Duration stalledAfter, ReactiveLogSnagClient client) {
		DeliverySettings settings = new DeliverySettings(10, OverflowPolicy.DROP_NEWEST, 1, Duration.ZERO,
				Duration.ofMinutes(1), stalledAfter);
		QueuedEventTracker tracker = new QueuedEventTracker(client, new LogSnagRequests(null, false), settings, null,
				this.clock);
		this.trackers.add(tracker);
		tracker.start();
		return tracker;
	}

	private static LogEvent event(String name) {
		return LogEvent.builder(name).channel("tests").build();
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

}
