package io.saasstack.delivery.jdbc;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

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
 * A call reserves its turn in one database round trip (on a bounded-elastic thread) and then waits
 * for it without holding a thread. A call whose turn is more than {@code maxWait} away reserves
 * nothing and fails with the exception {@code tooLong} makes. A provider's 429 takes the tokens of
 * its {@code Retry-After} (rounded up to whole intervals) from the bucket, so every instance holds
 * back at least that long.
 *
 * @since 0.2.0
 */
public final class SharedRateLimitPacer implements RequestPacer {

	/** Spacing over {@code 1 / requestsPerSecond}: calls reach the provider with jitter. */
	static final double MARGIN = 1.15;

	private final Bucket bucket;

	private final Duration interval;

	private final Duration maxWait;

	private final ScheduledExecutorService timer;

	private final BiFunction<SaasRequest, Duration, ? extends SaasException> tooLong;

	/**
	 * @param buckets the proxy manager of the bucket table
	 * @param key the bucket's key, for example {@code resend}
	 * @param requestsPerSecond the provider's limit
	 * @param maxWait the longest a call may wait for its turn
	 * @param timer completes the reserved waits
	 * @param tooLong the error of a call whose turn is more than {@code maxWait} away
	 */
	public SharedRateLimitPacer(ProxyManager<String> buckets, String key, double requestsPerSecond, Duration maxWait,
			ScheduledExecutorService timer, BiFunction<SaasRequest, Duration, ? extends SaasException> tooLong) {
		Assert.isTrue(requestsPerSecond > 0, "requestsPerSecond must be positive");
		this.interval = Duration.ofNanos((long) (1_000_000_000L * MARGIN / requestsPerSecond));
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, this.interval))
			.build();
		this.bucket = buckets.builder().build(key, () -> configuration);
		this.maxWait = maxWait;
		this.timer = timer;
		this.tooLong = tooLong;
	}

	@Override
	public Mono<Void> acquire(SaasRequest request) {
		return Mono.fromFuture(() -> this.bucket.asScheduler().tryConsume(1, this.maxWait, this.timer))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((granted) -> granted ? Mono.empty() : Mono.error(this.tooLong.apply(request, this.maxWait)));
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

	@Override
	public String toString() {
		return "SharedRateLimitPacer[" + this.interval.toMillis() + " ms]";
	}

}
