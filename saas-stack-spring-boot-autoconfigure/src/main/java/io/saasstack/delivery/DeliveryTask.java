package io.saasstack.delivery;

import reactor.core.publisher.Mono;

/**
 * What one delivery of an area is: how a stored item is sent to the provider. Areas contribute
 * one task each (LogSnag requests, Resend mails); the {@link DeliveryQueue} keeps the items and
 * calls {@link #deliver} until it succeeds, fails for good or runs out of attempts.
 * <p>
 * How {@link #deliver}'s error decides what happens next:
 * <ul>
 * <li>{@link DeliveryDeferredException}: nothing was sent; tried again after its delay, not
 * counted as an attempt;</li>
 * <li>a {@link io.saasstack.core.SaasRateLimitException}: tried again after its
 * {@code Retry-After};</li>
 * <li>a {@link io.saasstack.core.SaasException} that is not retryable, or an
 * {@link IllegalArgumentException}: failed for good at once (a 4xx will not change);</li>
 * <li>anything else: tried again with exponential back-off until the maximum attempts.</li>
 * </ul>
 *
 * @since 0.2.0
 */
public interface DeliveryTask {

	/** Unique, stable name stored with every item, for example {@code saas-logsnag}. */
	String name();

	/**
	 * Sends one item.
	 * @param payload the payload the area enqueued
	 * @return completes when the provider accepted the item
	 */
	Mono<Void> deliver(String payload);

}
