package io.saasstack.mail.resend;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.saasstack.core.RateLimit;
import io.saasstack.core.RequestPacer;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * Paces every call to Resend to a number of requests per second shared by the whole
 * application (Resend's limit is per team, 5 per second by default: reference
 * {@code mail-resend.md} §8). One instance must be shared by every client of the application.
 * <p>
 * Calls are spread <em>evenly</em>, one every {@code 1 / requestsPerSecond} plus 10%, never in
 * bursts, so that no one-second window seen by Resend, however it is placed, holds more calls
 * than the limit. Waiting is a non-blocking {@link Mono#delay}: no thread is held.
 * <p>
 * The turns come from a resilience4j {@link RateLimiter} through
 * {@link RateLimiter#reservePermission(int)}. Its permits are refreshed in fixed cycles, which on
 * its own lets a call at the end of a cycle be followed at once by one at the start of the next:
 * two calls a few microseconds apart, so a sliding window could see one call too many. Each call
 * therefore reserves two permits from a limiter refreshing one permit per half interval and
 * holding at most one: a call can then only start on a cycle boundary, and two calls are always at
 * least a full interval apart. The cost is that a call arriving when the limiter is idle waits up
 * to half an interval (100 ms at 5 requests per second).
 * <p>
 * When Resend answers {@code 429 rate_limit_exceeded} (another process of the team used the
 * limit, or the team's limit is lower than configured), {@link #rejected} holds every following
 * call for the answer's {@code retry-after} (one second when it sends none); held calls then take
 * turns again. Quota answers ({@code daily_quota_exceeded}, {@code monthly_quota_exceeded}) are
 * not retryable and hold nothing: waiting seconds does not lift them.
 * <p>
 * Turns are a schedule; the calls themselves are released through a gate that measures what
 * happened, so that a loaded machine cannot bring two calls closer than the schedule:
 * <ul>
 * <li>a call leaves at least one interval after the previous call <em>actually</em> left. A turn's
 * timer that fires late (a busy CPU) delays the calls after it instead of leaving the next one on
 * time, 105 ms after a late one;</li>
 * <li>Resend's answers adapt the pacing, through {@link #observed}: an answer whose
 * {@code ratelimit-remaining} is {@code 0} says Resend's window is full, so the next call leaves
 * at least one interval after that <em>answer</em>, not after the previous departure. An answer
 * comes after its request arrived, so spacing from it keeps the arrivals an interval apart
 * however late the requests travelled, and costs only the answer's latency, which is small on an
 * idle machine and grows with the load: the margin widens exactly when the load would eat it.
 * And a call leaves only while Resend's last {@code ratelimit-remaining} (at most a window old)
 * is larger than the number of calls that left since and are still unanswered: with answers slower
 * than the interval (a loaded machine), calls no longer overlap into a full window. A
 * {@code ratelimit-limit} lower than the configured rate (a team on a lower plan) spaces calls
 * for that limit; a higher one changes nothing, the configured rate being a ceiling;</li>
 * <li>a {@code 429} holds every call for its {@code retry-after}, or its {@code ratelimit-reset}
 * when it has none (see above).</li>
 * </ul>
 * Anything implementing {@link RequestPacer} gets the same answers through {@link #observed} (the
 * client calls it for every answer), so a shared or distributed pacer can adapt the same way.
 * <p>
 * A call whose turn would come more than {@code maxWait} after it asked fails with a
 * {@link ResendPacingTimeoutException} and is not sent.
 *
 * @since 0.1.0
 */
public final class ResendPacer implements RequestPacer {

	/**
	 * Spacing margin over {@code 1 / requestsPerSecond}: requests spaced exactly can reach the
	 * provider closer together (a large batch body takes longer to send and read than a single
	 * mail), and at 2% the benchmark against a sliding-window stub still saw a 429.
	 */
	private static final double MARGIN = 1.10;

	/** Permits per call: see the class description. */
	private static final int PERMITS_PER_CALL = 2;

	/** Hold after a rate-limit answer without {@code retry-after}: Resend's window is one second. */
	static final Duration DEFAULT_HOLD = Duration.ofSeconds(1);

	/** Resend's rate-limit window. */
	static final Duration WINDOW = Duration.ofSeconds(1);

	/** How often a call held for lack of room looks again. */
	private static final Duration ROOM_POLL = Duration.ofMillis(5);

	private final double requestsPerSecond;

	private final Duration interval;

	private final Duration maxWait;

	private final RateLimiter rateLimiter;

	private final Scheduler scheduler;

	private final LongSupplier nanoTime;

	/** The {@link #nanoTime} before which no call starts, after a rate-limit answer. */
	private final AtomicLong notBefore;

	/** The least time between two departures: the interval, or longer for a lower server limit. */
	private final AtomicLong gap;

	/** The {@link #nanoTime} at which the last call left the gate. */
	private final AtomicLong lastDeparture;

	/** The {@link #nanoTime} of the last answer saying that Resend's window was full. */
	private final AtomicLong windowFullAt;

	/** Departures not answered yet, oldest first ({@link #nanoTime}); older than a window they are dropped. */
	private final ConcurrentLinkedDeque<Long> unanswered = new ConcurrentLinkedDeque<>();

	/** The {@code ratelimit-remaining} of the last answer that had one, -1 before. */
	private volatile long lastRemaining = -1;

	/** The {@link #nanoTime} of that answer. */
	private volatile long lastRemainingAt;

	/**
	 * @param requestsPerSecond calls allowed per second, for example Resend's default of 5
	 * @param maxWait longest time a call may wait for its turn; at least {@code 1 / requestsPerSecond}
	 */
	public ResendPacer(double requestsPerSecond, Duration maxWait) {
		this(requestsPerSecond, maxWait, Schedulers.parallel(), System::nanoTime);
	}

	ResendPacer(double requestsPerSecond, Duration maxWait, Scheduler scheduler, LongSupplier nanoTime) {
		Assert.isTrue(requestsPerSecond > 0 && Double.isFinite(requestsPerSecond),
				"requestsPerSecond must be positive");
		Assert.notNull(maxWait, "maxWait must not be null");
		this.requestsPerSecond = requestsPerSecond;
		this.interval = Duration.ofNanos(Math.max(2, Math.round(1_000_000_000 * MARGIN / requestsPerSecond)));
		Assert.isTrue(maxWait.compareTo(this.interval) >= 0, () -> "maxWait must be at least the interval between two "
				+ "calls (" + this.interval.toMillis() + " ms at " + requestsPerSecond + " requests per second)");
		this.maxWait = maxWait;
		this.scheduler = scheduler;
		this.nanoTime = nanoTime;
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(this.interval.dividedBy(PERMITS_PER_CALL))
			.timeoutDuration(maxWait)
			.build();
		this.rateLimiter = RateLimiter.of("resend", config, nanoTime::getAsLong);
		long now = nanoTime.getAsLong();
		this.notBefore = new AtomicLong(now);
		this.gap = new AtomicLong(this.interval.toNanos());
		long longAgo = now - Duration.ofHours(1).toNanos();
		this.lastDeparture = new AtomicLong(longAgo);
		this.windowFullAt = new AtomicLong(longAgo);
	}

	/** The least time between the starts of two calls. */
	public Duration interval() {
		return this.interval;
	}

	@Override
	public Mono<Void> acquire(SaasRequest request) {
		return Mono.defer(() -> acquire(request, this.nanoTime.getAsLong()));
	}

	private Mono<Void> acquire(SaasRequest request, long start) {
		long now = this.nanoTime.getAsLong();
		long budget = this.maxWait.toNanos() - (now - start);
		long held = this.notBefore.get() - now;
		if (held > 0) {
			if (held > budget) {
				return Mono.error(timeout(request, start, now + held, "waiting out the hold Resend asked for (HTTP 429)"));
			}
			return Mono.delay(Duration.ofNanos(held), this.scheduler).then(Mono.defer(() -> acquire(request, start)));
		}
		long wait = this.rateLimiter.reservePermission(PERMITS_PER_CALL);
		if (wait < 0) {
			return Mono.error(new ResendPacingTimeoutException(request.operation(), null, this.maxWait, turn()));
		}
		if (wait > budget) {
			// only after a hold: the reserved turn is left unused, which merely spaces later calls more
			return Mono.error(timeout(request, start, now + wait, turn()));
		}
		if (wait == 0) {
			return depart(request, start);
		}
		return Mono.delay(Duration.ofNanos(wait), this.scheduler).then(Mono.defer(() -> afterTurn(request, start)));
	}

	private Mono<Void> afterTurn(SaasRequest request, long start) {
		// Resend may have asked to hold calls while this one waited for its turn
		return (this.notBefore.get() - this.nanoTime.getAsLong() > 0) ? acquire(request, start) : depart(request, start);
	}

	/**
	 * Releases the call once it is a gap after the last departure and after the last answer that
	 * said Resend's window was full; waits for that otherwise.
	 */
	private Mono<Void> depart(SaasRequest request, long start) {
		while (true) {
			long now = this.nanoTime.getAsLong();
			long last = this.lastDeparture.get();
			long gap = this.gap.get();
			long earliest = later(last + gap, this.windowFullAt.get() + gap);
			long wait = earliest - now;
			if (wait <= 0 && noRoomLeft(now, last)) {
				// Resend's last count leaves no room for another call beside those still travelling
				wait = ROOM_POLL.toNanos();
			}
			else if (wait <= 0) {
				if (this.lastDeparture.compareAndSet(last, now)) {
					this.unanswered.addLast(now);
					return Mono.empty();
				}
				continue;
			}
			long budget = this.maxWait.toNanos() - (now - start);
			if (wait > budget) {
				return Mono.error(timeout(request, start, earliest, turn()));
			}
			return Mono.delay(Duration.ofNanos(wait), this.scheduler).then(Mono.defer(() -> afterTurn(request, start)));
		}
	}

	/**
	 * Whether Resend's last {@code ratelimit-remaining}, less the calls that left since and are not
	 * answered yet, leaves no room. Only an answer within the last window counts, and only for a
	 * window after the last departure: an answer that never comes (a lost connection) cannot hold
	 * calls longer than that.
	 */
	private boolean noRoomLeft(long now, long lastDeparture) {
		long window = WINDOW.toNanos();
		Long oldest;
		while ((oldest = this.unanswered.peekFirst()) != null && now - oldest > window) {
			this.unanswered.remove(oldest);
		}
		long remaining = this.lastRemaining;
		if (remaining < 0 || now - this.lastRemainingAt > window || now - lastDeparture > window) {
			return false;
		}
		int travelling = this.unanswered.size();
		return travelling > 0 && remaining - travelling <= 0;
	}

	private static long later(long a, long b) {
		return (a - b >= 0) ? a : b;
	}

	private ResendPacingTimeoutException timeout(SaasRequest request, long start, long turn, String reason) {
		return new ResendPacingTimeoutException(request.operation(), Duration.ofNanos(turn - start), this.maxWait,
				reason);
	}

	private String turn() {
		return "waiting for its turn under the client-side limit of " + this.requestsPerSecond
				+ " requests per second (saas.mail.resend.requests-per-second)";
	}

	/**
	 * Holds the following calls for the {@code retry-after} of a retryable rate-limit answer; a
	 * quota answer, which is not retryable, holds nothing.
	 */
	@Override
	public void rejected(SaasRateLimitException exception) {
		if (!exception.isRetryable()) {
			return;
		}
		Duration retryAfter = exception.getRetryAfter();
		Duration hold = (retryAfter != null && !retryAfter.isNegative()) ? retryAfter : DEFAULT_HOLD;
		long until = this.nanoTime.getAsLong() + hold.toNanos();
		this.notBefore.accumulateAndGet(until, (current, candidate) -> (candidate - current > 0) ? candidate : current);
	}

	/**
	 * Adapts to what Resend said of its window: {@code ratelimit-remaining: 0} spaces the next
	 * call from now (the answer), and a {@code ratelimit-limit} lower than the configured rate
	 * spaces calls for it.
	 */
	@Override
	public void observed(SaasRequest request, RateLimit rateLimit) {
		this.unanswered.pollFirst();
		Long limit = rateLimit.limit();
		if (limit != null && limit > 0) {
			long serverGap = Math.round(1_000_000_000 * MARGIN / limit);
			this.gap.set(Math.max(this.interval.toNanos(), serverGap));
		}
		Long remaining = rateLimit.remaining();
		if (remaining != null) {
			long now = this.nanoTime.getAsLong();
			this.lastRemainingAt = now;
			this.lastRemaining = remaining;
			if (remaining == 0) {
				this.windowFullAt.accumulateAndGet(now, ResendPacer::later);
			}
		}
	}

	/** The least time between two departures now: the interval, or longer for a lower server limit. */
	public Duration currentGap() {
		return Duration.ofNanos(this.gap.get());
	}

	@Override
	public String toString() {
		return "ResendPacer[" + this.requestsPerSecond + " requests/s, one every " + this.interval.toMillis()
				+ " ms, max wait " + this.maxWait.toMillis() + " ms]";
	}

}
