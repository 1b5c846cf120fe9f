package io.saasstack.events.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.saasstack.core.SaasTransportException;
import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.delivery.FakeLogSnagClient.Send;
import io.saasstack.events.logsnag.LogSnagRequests;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class QueuedEventTrackerTests {

	private static final Duration LONG = Duration.ofMinutes(1);

	private final List<QueuedEventTracker> trackers = new ArrayList<>();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	@AfterEach
	void stopTrackers() {
		this.trackers.forEach(QueuedEventTracker::stop);
	}

	@Test
	void trackReturnsWhileTheSendIsPending() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.holding();
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 4));
		assertThat(tracker.track(event("a"))).isTrue();
		Send send = client.nextSend();
		assertThat(tracker.stats().inFlight()).isOne();
		assertThat(tracker.stats().sent()).isZero();
		send.complete();
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(tracker.stats().sent()).isOne();
		assertThat(tracker.stats().inFlight()).isZero();
		assertThat(tracker.stats().lastSuccessAt()).isNotNull();
	}

	@Test
	void trackReturnsBeforeASlowSendCompletes() throws Exception {
		AtomicBoolean sendCompleted = new AtomicBoolean();
		CountDownLatch subscribed = new CountDownLatch(1);
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> Mono.delay(Duration.ofSeconds(2))
			.doOnSubscribe((subscription) -> subscribed.countDown())
			.doOnNext((tick) -> sendCompleted.set(true))
			.then());
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 4));
		assertThat(tracker.track(event("a"))).isTrue();
		assertThat(sendCompleted).isFalse();
		assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(sendCompleted).isFalse();
	}

	@Test
	void invalidRequestIsRejectedAndNothingIsQueued() {
		FakeLogSnagClient client = FakeLogSnagClient.holding();
		QueuedEventTracker tracker = tracker(client, settings(10, OverflowPolicy.DROP_NEWEST, 4), null);
		assertThatIllegalArgumentException().isThrownBy(() -> tracker.track(LogEvent.builder("No Channel").build()))
			.withMessageContaining("has no channel");
		assertThat(tracker.stats().queued()).isZero();
		assertThat(tracker.stats().dropped()).isZero();
	}

	@Test
	void sendsThePreparedRequest() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> Mono.empty());
		QueuedEventTracker tracker = started(client, new LogSnagRequests("signups", true),
				settings(10, OverflowPolicy.DROP_NEWEST, 4), null);
		tracker.track(LogEvent.builder("Signed Up").tag("Plan Type", "pro").build());
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		LogEvent sent = (LogEvent) client.requests().get(0);
		assertThat(sent.channel()).isEqualTo("signups");
		assertThat(sent.tags()).containsOnlyKeys("plan-type");
	}

	@Test
	void dropNewestKeepsTheQueuedRequests(CapturedOutput output) throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.holding();
		QueuedEventTracker tracker = started(client, settings(2, OverflowPolicy.DROP_NEWEST, 1), this.registry);
		assertThat(tracker.track(event("a"))).isTrue();
		Send a = client.nextSend();
		assertThat(tracker.track(event("b"))).isTrue();
		assertThat(tracker.track(event("c"))).isTrue();
		assertThat(tracker.track(event("d"))).isFalse();
		assertThat(tracker.track(event("e"))).isFalse();
		assertThat(tracker.stats().queued()).isEqualTo(2);
		a.complete();
		client.nextSend().complete();
		client.nextSend().complete();
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(names(client.requests())).containsExactly("a", "b", "c");
		assertThat(tracker.stats().dropped()).isEqualTo(2);
		assertThat(tracker.stats().sent()).isEqualTo(3);
		assertThat(counter("saas.events.dropped", "log")).isEqualTo(2);
		assertThat(occurrences(output, "Dropped 1 LogSnag request(s) since the last report")).isOne();
		assertThat(output).contains("capacity 2, overflow DROP_NEWEST");
	}

	@Test
	void dropOldestMakesRoomForTheNewRequest(CapturedOutput output) throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.holding();
		QueuedEventTracker tracker = started(client, settings(2, OverflowPolicy.DROP_OLDEST, 1), this.registry);
		assertThat(tracker.track(event("a"))).isTrue();
		Send a = client.nextSend();
		assertThat(tracker.track(event("b"))).isTrue();
		assertThat(tracker.track(event("c"))).isTrue();
		assertThat(tracker.track(event("d"))).isTrue();
		assertThat(tracker.track(new Insight("Users", 3, null))).isTrue();
		assertThat(tracker.stats().queued()).isEqualTo(2);
		a.complete();
		client.nextSend().complete();
		client.nextSend().complete();
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(names(client.requests())).containsExactly("a", "d", "Users");
		assertThat(tracker.stats().dropped()).isEqualTo(2);
		// the dropped requests are counted under their own type
		assertThat(counter("saas.events.dropped", "log")).isEqualTo(2);
		assertThat(counter("saas.events.dropped", "insight")).isZero();
		assertThat(occurrences(output, "Dropped 1 LogSnag request(s) since the last report")).isOne();
	}

	@Test
	void dropsAreReportedAgainOnceTheIntervalHasPassed(CapturedOutput output) {
		AtomicLong nanos = new AtomicLong(1_000_000_000L);
		DeliverySettings settings = new DeliverySettings(1, OverflowPolicy.DROP_NEWEST, 1, Duration.ZERO,
				Duration.ofMinutes(1));
		QueuedEventTracker tracker = new QueuedEventTracker(FakeLogSnagClient.holding(), new LogSnagRequests(null, false),
				settings, null, nanos::get);
		this.trackers.add(tracker);
		tracker.track(event("a"));
		tracker.track(event("b"));
		assertThat(occurrences(output, "Dropped 1 LogSnag request(s) since the last report")).isEqualTo(1);
		nanos.addAndGet(Duration.ofSeconds(59).toNanos());
		tracker.track(event("c"));
		tracker.track(event("d"));
		assertThat(occurrences(output, "Dropped")).as("within the interval").isEqualTo(1);
		nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		tracker.track(event("e"));
		assertThat(occurrences(output, "Dropped 3 LogSnag request(s) since the last report")).isEqualTo(1);
		assertThat(occurrences(output, "Dropped")).isEqualTo(2);
	}

	@Test
	void maxInFlightIsRespected() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.holding();
		QueuedEventTracker tracker = started(client, settings(100, OverflowPolicy.DROP_NEWEST, 3));
		for (int i = 0; i < 10; i++) {
			tracker.track(event("e" + i));
		}
		List<Send> pending = new ArrayList<>(List.of(client.nextSend(), client.nextSend(), client.nextSend()));
		assertThat(tracker.stats().inFlight()).isEqualTo(3);
		assertThat(tracker.stats().queued()).isEqualTo(7);
		for (int i = 3; i < 10; i++) {
			pending.remove(0).complete();
			pending.add(client.nextSend());
		}
		pending.forEach(Send::complete);
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(tracker.stats().sent()).isEqualTo(10);
		assertThat(client.maxConcurrent()).isEqualTo(3);
	}

	@Test
	void countsSentRequestsByTypeAndTimesThem() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> Mono.empty());
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 4), this.registry);
		tracker.track(event("a"));
		tracker.track(new Identify("user-1", Map.of("plan", "pro")));
		tracker.track(new Insight("Users", 3, null));
		tracker.track(new InsightIncrement("Users", 1, null));
		tracker.track(new Group("org-1", "user-1", Map.of()));
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		for (String type : List.of("log", "identify", "insight", "increment", "group")) {
			assertThat(counter("saas.events.sent", type)).as(type).isOne();
			assertThat(counter("saas.events.failed", type)).as(type).isZero();
		}
		assertThat(this.registry.get("saas.events.delivery").tag("outcome", "success").timer().count()).isEqualTo(5);
		assertThat(this.registry.get("saas.events.delivery").tag("outcome", "failure").timer().count()).isZero();
		assertThat(tracker.stats().sent()).isEqualTo(5);
	}

	@Test
	void gaugeReflectsTheQueue() {
		QueuedEventTracker tracker = tracker(FakeLogSnagClient.holding(), settings(10, OverflowPolicy.DROP_NEWEST, 4),
				this.registry);
		tracker.track(event("a"));
		tracker.track(event("b"));
		assertThat(this.registry.get("saas.events.queue.size").gauge().value()).isEqualTo(2);
		assertThat(tracker.stats().queued()).isEqualTo(2);
	}

	@Test
	void failuresAreCountedAndReportedOncePerInterval(CapturedOutput output) throws Exception {
		SaasTransportException failure = new SaasTransportException("logsnag", "log.publish", "connection refused",
				true, false, new IllegalStateException());
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> Mono.error(failure));
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 4), this.registry);
		for (int i = 0; i < 3; i++) {
			tracker.track(event("e" + i));
		}
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		DeliveryStats stats = tracker.stats();
		assertThat(stats.failed()).isEqualTo(3);
		assertThat(stats.sent()).isZero();
		assertThat(stats.lastFailure()).isEqualTo(failure.getMessage());
		assertThat(stats.lastFailureAt()).isNotNull();
		assertThat(stats.failing()).isTrue();
		assertThat(counter("saas.events.failed", "log")).isEqualTo(3);
		assertThat(this.registry.get("saas.events.delivery").tag("outcome", "failure").timer().count()).isEqualTo(3);
		assertThat(occurrences(output, "failed since the last report")).isOne();
		assertThat(output).contains("1 LogSnag request(s) failed since the last report; the last (log): "
				+ failure.getMessage());
	}

	@Test
	void foreignFailuresAreReportedByTypeOnly(CapturedOutput output) throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient
			.answering((request) -> Mono.error(new IllegalStateException("Bearer s3cr3t-token")));
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 4));
		tracker.track(event("a"));
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(tracker.stats().lastFailure()).isEqualTo(IllegalStateException.class.getName());
		assertThat(output).contains(IllegalStateException.class.getName()).doesNotContain("s3cr3t");
	}

	@Test
	void clientThatThrowsCountsAsFailure() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> {
			throw new IllegalStateException("boom");
		});
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 1));
		tracker.track(event("a"));
		tracker.track(event("b"));
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(tracker.stats().failed()).isEqualTo(2);
	}

	@Test
	void successAfterAFailureClearsFailing() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.holding();
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 4));
		tracker.track(event("a"));
		client.nextSend().fail(new IllegalStateException());
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(tracker.stats().failing()).isTrue();
		tracker.track(event("b"));
		client.nextSend().complete();
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(tracker.stats().failing()).isFalse();
		assertThat(tracker.stats().lastFailure()).isNotNull();
	}

	@Test
	void flushWaitsForQueuedRequests() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.holding();
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 1));
		tracker.track(event("a"));
		tracker.track(event("b"));
		AtomicLong sentWhenFlushed = new AtomicLong(-1);
		CompletableFuture<Boolean> flushed = CompletableFuture.supplyAsync(() -> {
			boolean result = tracker.flush(Duration.ofSeconds(5));
			sentWhenFlushed.set(tracker.stats().sent());
			return result;
		});
		client.nextSend().complete();
		client.nextSend().complete();
		assertThat(flushed.get(10, TimeUnit.SECONDS)).isTrue();
		assertThat(sentWhenFlushed).hasValue(2);
	}

	@Test
	void flushTimesOutWhenASendNeverCompletes() {
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> Mono.never());
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 4));
		tracker.track(event("a"));
		assertThat(tracker.flush(Duration.ofMillis(100))).isFalse();
		assertThat(tracker.stats().sent()).isZero();
	}

	@Test
	void flushWithNothingQueuedReturnsAtOnce() {
		QueuedEventTracker tracker = started(FakeLogSnagClient.holding(), settings(10, OverflowPolicy.DROP_NEWEST, 4));
		assertThat(tracker.flush(Duration.ZERO)).isTrue();
	}

	@Test
	void stopDeliversWhatIsQueued() {
		FakeLogSnagClient client = FakeLogSnagClient
			.answering((request) -> Mono.delay(Duration.ofMillis(20)).then());
		DeliverySettings settings = new DeliverySettings(100, OverflowPolicy.DROP_NEWEST, 4, Duration.ofSeconds(5),
				LONG);
		QueuedEventTracker tracker = started(client, settings);
		for (int i = 0; i < 20; i++) {
			assertThat(tracker.track(event("e" + i))).isTrue();
		}
		tracker.stop();
		assertThat(tracker.isRunning()).isFalse();
		assertThat(tracker.stats().sent()).isEqualTo(20);
		assertThat(client.requests()).hasSize(20);
		assertThat(tracker.track(event("late"))).isFalse();
		assertThat(tracker.stats().dropped()).isOne();
		assertThat(tracker.stats().queued()).isZero();
	}

	@Test
	void stopGivesUpAfterTheTimeoutAndLogsTheLoss(CapturedOutput output) {
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> Mono.never());
		DeliverySettings settings = new DeliverySettings(100, OverflowPolicy.DROP_NEWEST, 2, Duration.ofMillis(200),
				LONG);
		QueuedEventTracker tracker = started(client, settings, this.registry);
		for (int i = 0; i < 5; i++) {
			tracker.track(event("e" + i));
		}
		tracker.stop();
		DeliveryStats stats = tracker.stats();
		assertThat(stats.queued()).isZero();
		assertThat(stats.inFlight()).isZero();
		assertThat(stats.dropped()).isEqualTo(5);
		assertThat(counter("saas.events.dropped", "log")).isEqualTo(5);
		assertThat(occurrences(output, "Lost ")).isOne();
		assertThat(output).contains("Lost 5 LogSnag request(s) on shutdown: not delivered within 200 ms");
		assertThat(tracker.track(event("late"))).isFalse();
	}

	@Test
	void requestsTrackedBeforeStartAreSentOnceStarted() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> Mono.empty());
		QueuedEventTracker tracker = tracker(client, settings(10, OverflowPolicy.DROP_NEWEST, 4), null);
		assertThat(tracker.track(event("early"))).isTrue();
		assertThat(tracker.flush(Duration.ZERO)).isFalse();
		tracker.start();
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(names(client.requests())).containsExactly("early");
	}

	@Test
	void canBeStartedAgainAfterStop() {
		FakeLogSnagClient client = FakeLogSnagClient.answering((request) -> Mono.empty());
		QueuedEventTracker tracker = started(client, settings(10, OverflowPolicy.DROP_NEWEST, 4));
		tracker.stop();
		assertThat(tracker.track(event("stopped"))).isFalse();
		tracker.start();
		assertThat(tracker.isRunning()).isTrue();
		assertThat(tracker.track(event("restarted"))).isTrue();
		assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
		assertThat(names(client.requests())).containsExactly("restarted");
	}

	@Test
	void queueStaysBoundedUnderABurst(CapturedOutput output) throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient.holding();
		QueuedEventTracker tracker = started(client, settings(10000, OverflowPolicy.DROP_NEWEST, 1));
		tracker.track(event("first"));
		client.nextSend();
		Insight insight = new Insight("Users", 1, null);
		for (int i = 0; i < 1_000_000; i++) {
			tracker.track(insight);
		}
		DeliveryStats stats = tracker.stats();
		assertThat(stats.queued()).isEqualTo(10000);
		assertThat(stats.inFlight()).isOne();
		assertThat(stats.dropped()).isEqualTo(990000);
		assertThat(occurrences(output, "since the last report")).isOne();
	}

	@Test
	void stopsWithTheApplicationContextBeforeTheHttpResources() throws Exception {
		FakeLogSnagClient client = FakeLogSnagClient
			.answering((request) -> Mono.delay(Duration.ofMillis(20)).then());
		QueuedEventTracker tracker = new QueuedEventTracker(client, new LogSnagRequests(null, false),
				new DeliverySettings(10, OverflowPolicy.DROP_NEWEST, 4, Duration.ofSeconds(5), LONG));
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(QueuedEventTracker.class, () -> tracker);
			context.refresh();
			assertThat(tracker.isRunning()).isTrue();
			tracker.track(event("a"));
			tracker.track(event("b"));
		}
		assertThat(tracker.isRunning()).isFalse();
		assertThat(tracker.stats().sent()).isEqualTo(2);
		assertThat(tracker.getPhase()).isGreaterThan(new ReactorResourceFactory().getPhase())
			.isLessThan(Integer.MAX_VALUE - 2048);
	}

	private QueuedEventTracker started(FakeLogSnagClient client, DeliverySettings settings) {
		return started(client, settings, null);
	}

	private QueuedEventTracker started(FakeLogSnagClient client, DeliverySettings settings,
			@Nullable MeterRegistry registry) {
		return started(client, new LogSnagRequests(null, false), settings, registry);
	}

	private QueuedEventTracker started(FakeLogSnagClient client, LogSnagRequests requests, DeliverySettings settings,
			@Nullable MeterRegistry registry) {
		QueuedEventTracker tracker = new QueuedEventTracker(client, requests, settings, registry);
		this.trackers.add(tracker);
		tracker.start();
		return tracker;
	}

	private QueuedEventTracker tracker(FakeLogSnagClient client, DeliverySettings settings,
			@Nullable MeterRegistry registry) {
		QueuedEventTracker tracker = new QueuedEventTracker(client, new LogSnagRequests(null, false), settings,
				registry);
		this.trackers.add(tracker);
		return tracker;
	}

	/** Settings whose shutdown does not wait, so that tests stop their trackers at once. */
	private static DeliverySettings settings(int capacity, OverflowPolicy overflow, int maxInFlight) {
		return new DeliverySettings(capacity, overflow, maxInFlight, Duration.ZERO, LONG);
	}

	private static LogEvent event(String name) {
		return LogEvent.builder(name).channel("tests").build();
	}

	private static List<String> names(List<LogSnagRequest> requests) {
		return requests.stream()
			.map((request) -> (request instanceof LogEvent event) ? event.event() : ((Insight) request).title())
			.toList();
	}

	private double counter(String name, String type) {
		return this.registry.get(name).tag("type", type).counter().count();
	}

	private static int occurrences(CapturedOutput output, String text) {
		String all = output.getAll();
		int count = 0;
		for (int index = all.indexOf(text); index >= 0; index = all.indexOf(text, index + text.length())) {
			count++;
		}
		return count;
	}

}
