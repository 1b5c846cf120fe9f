package io.saasstack.events;

import java.time.Duration;

/**
 * Sends LogSnag requests in the background: {@link #track} validates the request, queues it and
 * returns at once; background senders deliver it with retries. The queue is bounded: when it is
 * full the overflow policy applies ({@code saas.events.delivery.overflow}), it never blocks the
 * caller. Queued requests are flushed on shutdown within {@code saas.events.delivery.shutdown-timeout}.
 *
 * @since 0.1.0
 */
public interface EventTracker {

	/**
	 * Queues a request for delivery.
	 * @return whether it was queued; false when the overflow policy dropped it (it is counted and logged)
	 * @throws IllegalArgumentException if the request is invalid (nothing is queued)
	 */
	boolean track(LogSnagRequest request);

	/**
	 * Waits until every request queued so far was delivered or finally failed.
	 * @return whether that happened within the timeout
	 */
	boolean flush(Duration timeout);

}
