package io.saasstack.core;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How a provider client retries retryable failures: exponential backoff with jitter, bounded
 * in attempts and in total time, waiting what the provider asks through {@code Retry-After}.
 *
 * @param maxAttempts attempts in total, the first included; 1 disables retries
 * @param initialBackoff wait before the first retry
 * @param maxBackoff longest wait between two attempts when the provider does not say
 * @param maxElapsedTime time after which no further attempt starts
 * @param jitter fraction of each backoff that is randomised, between 0 and 1
 * @since 0.1.0
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxElapsedTime,
		double jitter) {

	/** Three attempts, 250 ms then 500 ms apart (with jitter), never past 30 seconds. */
	public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(10),
			Duration.ofSeconds(30), 0.5);

	/** A single attempt. */
	public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

	public RetryPolicy {
		Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
		Assert.isTrue(!initialBackoff.isNegative(), "initialBackoff must not be negative");
		Assert.isTrue(!maxBackoff.isNegative(), "maxBackoff must not be negative");
		Assert.isTrue(!maxElapsedTime.isNegative(), "maxElapsedTime must not be negative");
		Assert.isTrue(jitter >= 0 && jitter <= 1, "jitter must be between 0 and 1");
	}

	/** The backoff before retry number {@code retry} (0 for the first retry), before jitter. */
	public Duration backoff(long retry) {
		long initial = this.initialBackoff.toMillis();
		long max = this.maxBackoff.toMillis();
		long shift = Math.min(retry, 30);
		long delay = (initial > (max >> shift)) ? max : initial << shift;
		return Duration.ofMillis(Math.min(delay, max));
	}

}
