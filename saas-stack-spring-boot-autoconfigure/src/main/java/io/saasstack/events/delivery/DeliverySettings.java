package io.saasstack.events.delivery;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Settings of a {@link QueuedEventTracker}.
 *
 * @param queueCapacity requests the queue holds before the overflow policy applies
 * @param overflow what to do with a request when the queue is full
 * @param maxInFlight requests being sent at the same time
 * @param shutdownTimeout time allowed on shutdown to deliver what is still queued
 * @param dropLogInterval shortest time between two log lines reporting dropped or failed requests
 * @param stalledAfter time after which requests waiting while none leaves the queue make the
 * delivery stalled (logged, and DOWN in health)
 * @since 0.1.0
 */
public record DeliverySettings(int queueCapacity, OverflowPolicy overflow, int maxInFlight, Duration shutdownTimeout,
		Duration dropLogInterval, Duration stalledAfter) {

	/** Default of {@link #stalledAfter()}: one minute. */
	public static final Duration DEFAULT_STALLED_AFTER = Duration.ofMinutes(1);

	/**
	 * 10,000 queued requests, newest dropped on overflow, 64 in flight, 10 s to flush, one drop line a minute,
	 * stalled after a minute without progress.
	 */
	public static final DeliverySettings DEFAULT = new DeliverySettings(10000, OverflowPolicy.DROP_NEWEST, 64,
			Duration.ofSeconds(10), Duration.ofMinutes(1));

	public DeliverySettings {
		Assert.isTrue(queueCapacity >= 1, "queueCapacity must be at least 1");
		Assert.notNull(overflow, "overflow must not be null");
		Assert.isTrue(maxInFlight >= 1, "maxInFlight must be at least 1");
		Assert.notNull(shutdownTimeout, "shutdownTimeout must not be null");
		Assert.isTrue(!shutdownTimeout.isNegative(), "shutdownTimeout must not be negative");
		Assert.notNull(dropLogInterval, "dropLogInterval must not be null");
		Assert.isTrue(!dropLogInterval.isNegative(), "dropLogInterval must not be negative");
		Assert.notNull(stalledAfter, "stalledAfter must not be null");
		Assert.isTrue(stalledAfter.toMillis() > 0, "stalledAfter must be at least 1 ms");
	}

	/** Settings with the default {@link #stalledAfter()}. */
	public DeliverySettings(int queueCapacity, OverflowPolicy overflow, int maxInFlight, Duration shutdownTimeout,
			Duration dropLogInterval) {
		this(queueCapacity, overflow, maxInFlight, shutdownTimeout, dropLogInterval, DEFAULT_STALLED_AFTER);
	}

}
