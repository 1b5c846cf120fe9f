package io.saasstack.events.delivery;

/**
 * What the {@link io.saasstack.events.EventTracker} does with a request when its queue is full.
 * Either way the caller does not wait, and every dropped request is counted.
 *
 * @since 0.1.0
 */
public enum OverflowPolicy {

	/** Drop the request being tracked; the queue keeps the older ones. */
	DROP_NEWEST,

	/** Drop the oldest queued request to make room for the new one. */
	DROP_OLDEST

}
