package io.saasstack.delivery;

import java.util.List;

/**
 * Reads the delivery store and acts on the deliveries that failed for good.
 *
 * @since 0.2.0
 */
public interface DeliveryMonitor {

	/** What the store holds now. */
	DeliveryStatus status();

	/**
	 * The deliveries that failed for good, newest first.
	 * @param limit at most this many
	 */
	List<FailedDelivery> failed(int limit);

	/**
	 * Enqueues a failed delivery again, with its attempts counted from zero.
	 * @return false when no such failed delivery exists
	 */
	boolean retry(String task, String id);

	/**
	 * Deletes a failed delivery.
	 * @return false when no such failed delivery exists
	 */
	boolean discard(String task, String id);

}
