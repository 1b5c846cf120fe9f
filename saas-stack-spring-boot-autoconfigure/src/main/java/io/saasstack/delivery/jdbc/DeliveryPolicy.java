package io.saasstack.delivery.jdbc;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How often and when a delivery is tried again.
 *
 * @param maxAttempts attempts before a delivery fails for good
 * @param initialBackoff wait after the first failed attempt; doubled after each further one
 * @param maxBackoff longest wait between two attempts
 * @param timeout longest time one attempt may take, retries of the client included
 * @since 0.2.0
 */
public record DeliveryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration timeout) {

	public DeliveryPolicy {
		Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
		Assert.isTrue(initialBackoff != null && !initialBackoff.isNegative(), "initialBackoff must not be negative");
		Assert.isTrue(maxBackoff != null && maxBackoff.compareTo(initialBackoff) >= 0,
				"maxBackoff must not be shorter than initialBackoff");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "timeout must be positive");
	}

	/** The wait after the given number of failed attempts (from 1). */
	Duration backoff(int failedAttempts) {
		Duration backoff = this.initialBackoff;
		for (int i = 1; i < failedAttempts && backoff.compareTo(this.maxBackoff) < 0; i++) {
			backoff = backoff.multipliedBy(2);
		}
		return (backoff.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : backoff;
	}

}
