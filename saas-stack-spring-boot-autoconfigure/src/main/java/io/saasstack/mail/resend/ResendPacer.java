package io.saasstack.mail.resend;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
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
 * Calls are spread <em>evenly</em>, one every {@code 1 / requestsPerSecond} plus 2%, never in
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

	private final double requestsPerSecond;

	private final Duration interval;

	private final Duration maxWait;

	private final RateLimiter rateLimiter;

	private final Scheduler scheduler;

	private final LongSupplier nanoTime;

	/** The {@link #nanoTime} before which no call starts, after a rate-limit answer. */
	private final AtomicLong notBefore;

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
		this.notBefore = new AtomicLong(nanoTime.getAsLong());
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
			return Mono.empty();
		}
		return Mono.delay(Duration.ofNanos(wait), this.scheduler).then(Mono.defer(() -> afterTurn(request, start)));
	}

	private Mono<Void> afterTurn(SaasRequest request, long start) {
		// Resend may have asked to hold calls while this one waited for its turn
		return (this.notBefore.get() - this.nanoTime.getAsLong() > 0) ? acquire(request, start) : Mono.empty();
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

	@Override
	public String toString() {
		return "ResendPacer[" + this.requestsPerSecond + " requests/s, one every " + this.interval.toMillis()
				+ " ms, max wait " + this.maxWait.toMillis() + " ms]";
	}

}
