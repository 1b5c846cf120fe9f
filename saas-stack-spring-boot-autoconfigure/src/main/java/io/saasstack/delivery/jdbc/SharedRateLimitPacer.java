package io.saasstack.delivery.jdbc;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.LongSupplier;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.saasstack.core.RequestPacer;
import io.saasstack.core.SaasException;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * {@link RequestPacer} on one Bucket4j bucket in the database, shared by every instance of the
 * application: a provider limit that holds per team (Resend's 5 requests per second) holds however
 * many instances send. The bucket holds one token and refills one every
 * {@code margin / requestsPerSecond}, so calls are spread evenly, never in bursts.
 * <p>
 * A call reserves its turn in one database round trip (on a bounded-elastic thread), then waits
 * for it without holding a thread. A turn further away than {@code maxWait} is given back and the
 * call fails with the exception {@code tooLong} makes. A turn whose wait ended late (a paused or
 * starved JVM wakes several overdue turns at once, which would reach the provider together) is
 * dropped and a new one reserved, so the spacing the provider sees is the bucket's. A provider's
 * 429 takes the tokens of its {@code Retry-After} (rounded up to whole intervals) from the bucket,
 * so every instance holds back at least that long.
 *
 * @since 0.2.0
 */
public final class SharedRateLimitPacer implements RequestPacer {

	/**
	 * Spacing over {@code 1 / requestsPerSecond}: calls leave on their turn but reach the provider
	 * with the jitter of the sender's scheduling and of the network. Three instances on two busy
	 * cores drew 429s from a sliding-window stub at 1.15, 1.25 and (once in four runs) 1.3.
	 */
	static final double MARGIN = 1.5;

	/** A turn whose wait ended later than this is not used: see the class description. */
	static final Duration LATENESS = Duration.ofMillis(40);

	private final Bucket bucket;

	private final Duration interval;

	private final Duration maxWait;

	private final BiFunction<SaasRequest, Duration, ? extends SaasException> tooLong;

	private final LongSupplier nanoTime;

	private final LongAdder lateTurns = new LongAdder();

	/**
	 * @param buckets the proxy manager of the bucket table
	 * @param key the bucket's key, for example {@code resend}
	 * @param requestsPerSecond the provider's limit
	 * @param maxWait the longest a call may wait for its turn
	 * @param tooLong the error of a call whose turn is more than {@code maxWait} away
	 */
	public SharedRateLimitPacer(ProxyManager<String> buckets, String key, double requestsPerSecond, Duration maxWait,
			BiFunction<SaasRequest, Duration, ? extends SaasException> tooLong) {
		this(buckets, key, requestsPerSecond, maxWait, tooLong, System::nanoTime);
	}

	SharedRateLimitPacer(ProxyManager<String> buckets, String key, double requestsPerSecond, Duration maxWait,
			BiFunction<SaasRequest, Duration, ? extends SaasException> tooLong, LongSupplier nanoTime) {
		Assert.isTrue(requestsPerSecond > 0, "requestsPerSecond must be positive");
		Assert.notNull(maxWait, "maxWait must not be null");
		this.interval = Duration.ofNanos((long) (1_000_000_000L * MARGIN / requestsPerSecond));
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, this.interval))
			.build();
		this.bucket = buckets.builder().build(key, () -> configuration);
		this.maxWait = maxWait;
		this.tooLong = tooLong;
		this.nanoTime = nanoTime;
	}

	@Override
	public Mono<Void> acquire(SaasRequest request) {
		return Mono.defer(() -> {
			long wait = this.bucket.consumeIgnoringRateLimits(1);
			// measured after the round trip: a slow database delays the turn, it does not make it late
			long reservedAt = this.nanoTime.getAsLong();
			if (wait > this.maxWait.toNanos()) {
				this.bucket.addTokens(1);
				return Mono.error(this.tooLong.apply(request, this.maxWait));
			}
			long turn = reservedAt + wait;
			return Mono.delay(Duration.ofNanos(wait)).then(Mono.defer(() -> {
				if (this.nanoTime.getAsLong() - turn <= LATENESS.toNanos()) {
					return Mono.<Void>empty();
				}
				this.lateTurns.increment();
				return acquire(request);
			}));
		}).subscribeOn(Schedulers.boundedElastic());
	}

	@Override
	public void rejected(SaasRateLimitException exception) {
		Duration hold = (exception.getRetryAfter() != null) ? exception.getRetryAfter() : Duration.ofSeconds(1);
		// rounded up: with at most one token in the bucket, n taken hold the next call n intervals at least
		long interval = this.interval.toNanos();
		long tokens = Math.max(1, (hold.toNanos() + interval - 1) / interval);
		Mono.fromRunnable(() -> this.bucket.consumeIgnoringRateLimits(tokens))
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorComplete()
			.subscribe();
	}

	/** The spacing between two calls. */
	public Duration interval() {
		return this.interval;
	}

	/** Turns dropped because their wait ended late. */
	public long lateTurns() {
		return this.lateTurns.sum();
	}

	@Override
	public String toString() {
		return "SharedRateLimitPacer[" + this.interval.toMillis() + " ms]";
	}

}
