package io.saasstack.events.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.saasstack.core.SaasException;
import io.saasstack.events.EventTracker;
import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.ReactiveLogSnagClient;
import io.saasstack.events.logsnag.LogSnagRequests;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * {@link EventTracker} that queues requests in a bounded in-memory queue and sends them from one
 * background dispatcher thread ({@code saas-events-delivery}), at most
 * {@link DeliverySettings#maxInFlight()} at a time, without blocking on any of them. The client
 * retries transient failures; a request that finally fails is counted and reported. When the
 * queue is full the {@link OverflowPolicy} applies: the caller never waits and the queue never
 * grows. Queuing is lock-free ({@link DeliveryQueue}): a caller never parks, not even under
 * contention, so tracking is safe on Reactor's non-blocking threads. Drops and failures are
 * logged at most once per {@link DeliverySettings#dropLogInterval()}. When requests wait and
 * none leaves the queue for {@link DeliverySettings#stalledAfter()}, the tracker logs once that
 * delivery has stalled, once again when it resumes, and {@link #stats()} reports it.
 * <p>
 * As a {@link SmartLifecycle} the tracker starts its dispatcher with the context and, when the
 * context stops, refuses new requests and delivers what is queued within
 * {@link DeliverySettings#shutdownTimeout()}. Requests tracked before {@link #start()} wait in
 * the queue.
 *
 * @since 0.1.0
 */
public final class QueuedEventTracker implements EventTracker, SmartLifecycle {

	/**
	 * Lifecycle phase of the tracker. Phases stop from the highest down: this one stops after the
	 * web server (graceful shutdown at {@code Integer.MAX_VALUE - 1024}, server stop at
	 * {@code Integer.MAX_VALUE - 2048}), so events tracked by requests that complete during the
	 * graceful shutdown are still delivered, and before Reactor Netty's shared resources
	 * ({@code ReactorResourceFactory}, phase 0) are disposed, so the queue can still be sent.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/** Values of the {@code type} tag, indexed by {@link #typeOf}. */
	static final String[] TYPES = { "log", "identify", "insight", "increment", "group" };

	private static final Log logger = LogFactory.getLog(QueuedEventTracker.class);

	// a field updater rather than an AtomicBoolean per request: one object less on the caller's path
	private static final AtomicIntegerFieldUpdater<Delivery> CLAIMED = AtomicIntegerFieldUpdater
		.newUpdater(Delivery.class, "claimed");

	private final ReactiveLogSnagClient client;

	private final LogSnagRequests requests;

	private final DeliverySettings settings;

	private final DeliveryMeters meters;

	private final DeliveryQueue<Delivery> queue;

	private final StallWatch stallWatch;

	private final Semaphore permits;

	private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();

	private final LongAdder sent = new LongAdder();

	private final LongAdder failed = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final ReportThrottle overflowReports;

	private final ReportThrottle stoppedReports;

	private final ReportThrottle failureReports;

	private final AtomicReference<Generation> generation = new AtomicReference<>(new Generation(null));

	private final AtomicInteger flushWaiters = new AtomicInteger();

	private final Object flushMonitor = new Object();

	private final Object lifecycleMonitor = new Object();

	private volatile boolean accepting = true;

	private volatile @Nullable Thread dispatcher;

	private volatile @Nullable Failure lastFailure;

	private volatile @Nullable Instant lastSuccessAt;

	/**
	 * Creates a tracker without metrics. This constructor works without Micrometer on the class
	 * path; note that listing all constructors reflectively needs Micrometer, as the other one
	 * takes a {@link MeterRegistry}.
	 * @param client sends the requests, retrying transient failures
	 * @param requests checks and completes requests in the caller's thread
	 * @param settings queue and delivery settings
	 */
	public QueuedEventTracker(ReactiveLogSnagClient client, LogSnagRequests requests, DeliverySettings settings) {
		this(client, requests, settings, null);
	}

	/**
	 * Creates a tracker.
	 * @param client sends the requests, retrying transient failures
	 * @param requests checks and completes requests in the caller's thread
	 * @param settings queue and delivery settings
	 * @param meterRegistry registry of the {@code saas.events.*} meters, or null for none
	 */
	public QueuedEventTracker(ReactiveLogSnagClient client, LogSnagRequests requests, DeliverySettings settings,
			@Nullable MeterRegistry meterRegistry) {
		this(client, requests, settings, meterRegistry, Clock.systemUTC());
	}

	/**
	 * Creates a tracker that reads the time for stall detection from {@code clock}.
	 * @param client sends the requests, retrying transient failures
	 * @param requests checks and completes requests in the caller's thread
	 * @param settings queue and delivery settings
	 * @param meterRegistry registry of the {@code saas.events.*} meters, or null for none
	 * @param clock the clock of stall detection
	 */
	public QueuedEventTracker(ReactiveLogSnagClient client, LogSnagRequests requests, DeliverySettings settings,
			@Nullable MeterRegistry meterRegistry, Clock clock) {
		this(client, requests, settings, meterRegistry, clock, System::nanoTime);
	}

	/** With the clock of the log-line intervals, for tests. */
	QueuedEventTracker(ReactiveLogSnagClient client, LogSnagRequests requests, DeliverySettings settings,
			@Nullable MeterRegistry meterRegistry, LongSupplier nanoTime) {
		this(client, requests, settings, meterRegistry, Clock.systemUTC(), nanoTime);
	}

	private QueuedEventTracker(ReactiveLogSnagClient client, LogSnagRequests requests, DeliverySettings settings,
			@Nullable MeterRegistry meterRegistry, Clock clock, LongSupplier nanoTime) {
		Assert.notNull(client, "client must not be null");
		Assert.notNull(requests, "requests must not be null");
		Assert.notNull(settings, "settings must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.client = client;
		this.requests = requests;
		this.settings = settings;
		this.stallWatch = new StallWatch(clock, settings.stalledAfter());
		this.queue = new DeliveryQueue<>(settings.queueCapacity(), this.stallWatch::filled);
		this.permits = new Semaphore(settings.maxInFlight());
		this.overflowReports = new ReportThrottle(settings.dropLogInterval(), nanoTime);
		this.stoppedReports = new ReportThrottle(settings.dropLogInterval(), nanoTime);
		this.failureReports = new ReportThrottle(settings.dropLogInterval(), nanoTime);
		this.meters = (meterRegistry != null) ? new MicrometerDeliveryMeters(meterRegistry, this.queue, TYPES)
				: DeliveryMeters.NONE;
	}

	/**
	 * Checks the request and queues it; never waits for the network nor for queue space.
	 * @return whether it was queued; false when the overflow policy dropped it or the tracker
	 * is stopped (it is counted as dropped)
	 * @throws IllegalArgumentException if the request is invalid (nothing is queued)
	 */
	@Override
	public boolean track(LogSnagRequest request) {
		Assert.notNull(request, "request must not be null");
		LogSnagRequest prepared = this.requests.prepare(request);
		int type = typeOf(prepared);
		if (!this.accepting) {
			rejectStopped(type);
			return false;
		}
		Generation generation = this.generation.get();
		generation.add();
		Delivery delivery = new Delivery(prepared, type, generation, this.meters.timed() ? System.nanoTime() : 0);
		if (!this.queue.offer(delivery) && !overflow(delivery)) {
			return false;
		}
		// stop() began between the check above and the offer: take the request back unless already sent
		if (!this.accepting && this.queue.remove(delivery) && delivery.claim()) {
			delivery.release();
			rejectStopped(type);
			return false;
		}
		return true;
	}

	private boolean overflow(Delivery delivery) {
		if (this.settings.overflow() == OverflowPolicy.DROP_NEWEST) {
			drop(delivery);
			return false;
		}
		do {
			Delivery oldest = this.queue.poll();
			if (oldest != null) {
				drop(oldest);
			}
		}
		while (!this.queue.offer(delivery));
		return true;
	}

	private void drop(Delivery delivery) {
		if (!delivery.claim()) {
			return;
		}
		try {
			countDropped(delivery.type);
			long count = this.overflowReports.count(1);
			if (count > 0) {
				logger.warn(Reports.dropped(count, this.settings));
				// a full queue may be a stuck sender; checked with the report, off the per-call path
				this.stallWatch.check(this.queue.size(), this.inFlight.size());
			}
		}
		finally {
			delivery.release();
		}
	}

	private void rejectStopped(int type) {
		countDropped(type);
		long count = this.stoppedReports.count(1);
		if (count > 0) {
			logger.warn(Reports.stopped(count));
		}
	}

	private void countDropped(int type) {
		this.dropped.increment();
		this.meters.dropped(type);
	}

	/**
	 * Waits, without spinning, until every request queued before the call was delivered, finally
	 * failed, dropped or lost. Do not call it from a reactive pipeline.
	 * @return whether that happened within the timeout
	 */
	@Override
	public boolean flush(Duration timeout) {
		Assert.notNull(timeout, "timeout must not be null");
		Generation target = this.generation.getAndUpdate(Generation::new);
		if (target.drained()) {
			return true;
		}
		long deadline = System.nanoTime() + ReportThrottle.nanos(timeout);
		this.flushWaiters.incrementAndGet();
		try {
			synchronized (this.flushMonitor) {
				while (!target.drained()) {
					long remaining = deadline - System.nanoTime();
					if (remaining <= 0) {
						// the sender may be stuck where it cannot watch for a stall itself
						this.stallWatch.check(this.queue.size(), this.inFlight.size());
						return false;
					}
					TimeUnit.NANOSECONDS.timedWait(this.flushMonitor, remaining);
				}
				return true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.flushWaiters.decrementAndGet();
		}
	}

	/** A snapshot of the queue and of the counters. */
	public DeliveryStats stats() {
		Failure failure = this.lastFailure;
		int queued = this.queue.size();
		int inFlight = this.inFlight.size();
		return new DeliveryStats(queued, inFlight, this.sent.sum(), this.failed.sum(), this.dropped.sum(),
				(failure != null) ? failure.message : null, (failure != null) ? failure.at : null, this.lastSuccessAt,
				this.stallWatch.check(queued, inFlight));
	}

	/** The settings of this tracker. */
	public DeliverySettings settings() {
		return this.settings;
	}

	/** Starts the dispatcher and accepts requests again if the tracker was stopped. */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.dispatcher != null) {
				return;
			}
			Thread thread = new Thread(this::dispatch, "saas-events-delivery");
			thread.setDaemon(true);
			this.dispatcher = thread;
			this.accepting = true;
			// requests tracked before the start waited for it, not for a stalled sender
			this.stallWatch.filled();
			thread.start();
		}
	}

	/**
	 * Refuses new requests, delivers what is queued within the shutdown timeout, then cancels what
	 * is left and logs how many requests were lost.
	 */
	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			this.accepting = false;
			Thread thread = this.dispatcher;
			if (thread == null) {
				return;
			}
			boolean delivered = flush(this.settings.shutdownTimeout());
			this.dispatcher = null;
			thread.interrupt();
			joinQuietly(thread);
			long lost = delivered ? 0 : discardRemaining();
			if (lost > 0) {
				logger.warn(Reports.lost(lost, this.settings.shutdownTimeout()));
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.dispatcher != null;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private void joinQuietly(Thread thread) {
		try {
			// the dispatcher only waits for a permit or a request: interrupted, it ends at once
			thread.join(TimeUnit.SECONDS.toMillis(1));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private long discardRemaining() {
		List<Delivery> remaining = new ArrayList<>();
		for (Delivery queued = this.queue.poll(); queued != null; queued = this.queue.poll()) {
			remaining.add(queued);
		}
		remaining.addAll(this.inFlight);
		long lost = 0;
		for (Delivery delivery : remaining) {
			if (delivery.claim()) {
				delivery.dispose();
				if (this.inFlight.remove(delivery)) {
					this.permits.release();
				}
				countDropped(delivery.type);
				delivery.release();
				lost++;
			}
		}
		return lost;
	}

	private void dispatch() {
		Thread current = Thread.currentThread();
		while (this.dispatcher == current) {
			try {
				// while every permit is taken by a request without an answer, watch for a stall
				while (!this.permits.tryAcquire(this.stallWatch.checkIntervalMillis(), TimeUnit.MILLISECONDS)) {
					this.stallWatch.check(this.queue.size(), this.inFlight.size());
				}
			}
			catch (InterruptedException ex) {
				return;
			}
			Delivery delivery;
			try {
				delivery = this.queue.take();
			}
			catch (InterruptedException ex) {
				this.permits.release();
				return;
			}
			this.stallWatch.moved(this.queue.size());
			send(delivery);
		}
	}

	private void send(Delivery delivery) {
		this.inFlight.add(delivery);
		try {
			Mono<Void> response = this.client.send(delivery.request);
			response.subscribe(delivery);
		}
		catch (RuntimeException ex) {
			failed(delivery, ex);
		}
	}

	private void succeeded(Delivery delivery) {
		if (!delivery.claim()) {
			return;
		}
		try {
			this.inFlight.remove(delivery);
			this.sent.increment();
			Failure failure = this.lastFailure;
			this.lastSuccessAt = after((failure != null) ? failure.at : null);
			this.meters.sent(delivery.type, delivery.elapsed());
		}
		finally {
			this.permits.release();
			delivery.release();
		}
	}

	private void failed(Delivery delivery, Throwable ex) {
		if (!delivery.claim()) {
			return;
		}
		try {
			this.inFlight.remove(delivery);
			String message = describe(ex);
			this.failed.increment();
			this.lastFailure = new Failure(message, after(this.lastSuccessAt));
			this.meters.failed(delivery.type, delivery.elapsed());
			long count = this.failureReports.count(1);
			if (count > 0) {
				logger.warn(Reports.failed(count, TYPES[delivery.type], message));
			}
		}
		finally {
			this.permits.release();
			delivery.release();
		}
	}

	/** Now, or just after {@code previous} when the clock has not moved, so that outcomes stay ordered. */
	private static Instant after(@Nullable Instant previous) {
		Instant now = Instant.now();
		return (previous != null && !now.isAfter(previous)) ? previous.plusNanos(1) : now;
	}

	private static String describe(Throwable ex) {
		if (ex instanceof SaasException) {
			return ex.getMessage();
		}
		// foreign exception messages are not vetted for secrets: report the type only
		return ex.getClass().getName();
	}

	private void signalFlushWaiters() {
		if (this.flushWaiters.get() > 0) {
			synchronized (this.flushMonitor) {
				this.flushMonitor.notifyAll();
			}
		}
	}

	static int typeOf(LogSnagRequest request) {
		if (request instanceof LogEvent) {
			return 0;
		}
		if (request instanceof Identify) {
			return 1;
		}
		if (request instanceof Insight) {
			return 2;
		}
		if (request instanceof InsightIncrement) {
			return 3;
		}
		Assert.isInstanceOf(Group.class, request);
		return 4;
	}

	/**
	 * The requests queued between two flushes. A flush swaps in a new generation and waits for
	 * the pending count of the old one, and of all before it, to reach zero.
	 */
	private final class Generation {

		private final AtomicInteger pending = new AtomicInteger();

		private volatile @Nullable Generation previous;

		Generation(@Nullable Generation previous) {
			this.previous = previous;
		}

		void add() {
			this.pending.incrementAndGet();
		}

		void release() {
			if (this.pending.decrementAndGet() == 0) {
				signalFlushWaiters();
			}
		}

		boolean drained() {
			for (Generation generation = this; generation != null; generation = generation.previous) {
				if (generation.pending.get() != 0) {
					return false;
				}
			}
			this.previous = null;
			return true;
		}

	}

	/**
	 * A queued request and, once sent, the subscriber of its response. Its outcome is recorded
	 * once: whoever {@link #claim() claims} it first (the response, the overflow policy or the
	 * shutdown) counts it, then {@link #release() releases} it for the flushes.
	 */
	private final class Delivery extends BaseSubscriber<Void> {

		private final LogSnagRequest request;

		private final int type;

		private final Generation generation;

		private final long trackedAt;

		private volatile int claimed;

		Delivery(LogSnagRequest request, int type, Generation generation, long trackedAt) {
			this.request = request;
			this.type = type;
			this.generation = generation;
			this.trackedAt = trackedAt;
		}

		boolean claim() {
			return this.claimed == 0 && CLAIMED.compareAndSet(this, 0, 1);
		}

		void release() {
			this.generation.release();
		}

		long elapsed() {
			return (this.trackedAt != 0) ? System.nanoTime() - this.trackedAt : 0;
		}

		@Override
		protected void hookOnComplete() {
			succeeded(this);
		}

		@Override
		protected void hookOnError(Throwable throwable) {
			failed(this, throwable);
		}

	}

	private record Failure(String message, Instant at) {

	}

	/**
	 * Texts of the log lines, kept together so that none of them mentions a request's content.
	 */
	private static final class Reports {

		static String dropped(long count, DeliverySettings settings) {
			return "Dropped " + count + " LogSnag request(s) since the last report: the delivery queue is full "
					+ "(capacity " + settings.queueCapacity() + ", overflow " + settings.overflow()
					+ "). LogSnag may be slow or unreachable; see saas.events.delivery.*";
		}

		static String stopped(long count) {
			return "Dropped " + count + " LogSnag request(s) since the last report: the event tracker is stopped";
		}

		static String failed(long count, String type, String message) {
			return count + " LogSnag request(s) failed since the last report; the last (" + type + "): " + message;
		}

		static String lost(long count, Duration timeout) {
			return "Lost " + count + " LogSnag request(s) on shutdown: not delivered within "
					+ timeout.toMillis() + " ms (saas.events.delivery.shutdown-timeout)";
		}

	}

}
