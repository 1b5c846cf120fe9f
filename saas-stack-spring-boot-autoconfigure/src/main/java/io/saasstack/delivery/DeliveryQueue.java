package io.saasstack.delivery;

import org.jspecify.annotations.Nullable;

/**
 * Keeps items until their {@link DeliveryTask} delivered them. Enqueueing never waits for the
 * provider. When a Spring transaction is active, the item takes part in it: it is delivered if and
 * only if the transaction commits.
 *
 * @since 0.2.0
 */
public interface DeliveryQueue {

	/**
	 * Enqueues an item.
	 * @param task the task that delivers it
	 * @param id the item's id within the task, at most 100 characters, or null for a generated
	 * one; an item whose id is already pending is not enqueued again
	 * @param payload what the task needs to deliver it
	 * @return false when an item with that id was already pending
	 */
	boolean enqueue(DeliveryTask task, @Nullable String id, String payload);

	/** Whether items survive a crash and are shared by every instance of the application. */
	boolean durable();

}
