package io.saasstack.delivery;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * Signals from {@link DeliveryTask#deliver} that nothing was sent and the item should be tried
 * again later, without counting an attempt: for example, its turn under the provider's rate limit
 * is further away than a delivery thread should wait.
 *
 * @since 0.2.0
 */
public class DeliveryDeferredException extends RuntimeException {

	private final Duration delay;

	/**
	 * @param reason why nothing was sent
	 * @param delay how long to wait before trying again
	 */
	public DeliveryDeferredException(String reason, Duration delay) {
		super(reason, null, false, false);
		Assert.isTrue(delay != null && !delay.isNegative(), "delay must not be negative");
		this.delay = delay;
	}

	/** How long to wait before trying again. */
	public Duration getDelay() {
		return this.delay;
	}

}
