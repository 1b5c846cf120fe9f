package io.saasstack.events.delivery;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.saasstack.delivery.DeliveryQueue;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.logsnag.LogSnagRequests;

import org.springframework.util.Assert;

/**
 * {@link EventTracker} on a durable {@link DeliveryQueue} ({@code saas.delivery.store=jdbc}):
 * {@link #track} checks the request and writes it to the database, in the caller's transaction
 * when there is one, then returns; any instance delivers it. Nothing is lost when an instance
 * stops or crashes, and nothing needs flushing on shutdown; a request whose delivery was cut by a
 * crash is delivered again (at least once).
 *
 * @since 0.2.0
 */
public final class DurableEventTracker implements EventTracker {

	private final DeliveryQueue queue;

	private final LogSnagRequests requests;

	private final LogSnagDeliveryTask task;

	private final LongSupplier pending;

	/**
	 * @param queue the durable queue
	 * @param requests checks and completes requests in the caller's thread
	 * @param task delivers the stored requests
	 * @param pending how many items are pending in the queue, for {@link #flush}
	 */
	public DurableEventTracker(DeliveryQueue queue, LogSnagRequests requests, LogSnagDeliveryTask task,
			LongSupplier pending) {
		Assert.notNull(queue, "queue must not be null");
		Assert.notNull(requests, "requests must not be null");
		Assert.notNull(task, "task must not be null");
		Assert.notNull(pending, "pending must not be null");
		this.queue = queue;
		this.requests = requests;
		this.task = task;
		this.pending = pending;
	}

	/**
	 * Checks the request and stores it for delivery.
	 * @return true: a stored request is never dropped
	 * @throws IllegalArgumentException if the request is invalid (nothing is stored)
	 */
	@Override
	public boolean track(LogSnagRequest request) {
		Assert.notNull(request, "request must not be null");
		return this.queue.enqueue(this.task, null, LogSnagDeliveryTask.payload(this.requests.prepare(request)));
	}

	/**
	 * Waits until no delivery is pending in the database, every instance's included. Meant for
	 * tests; shutdown needs no flush.
	 */
	@Override
	public boolean flush(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.pending.getAsLong() > 0) {
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	@Override
	public String toString() {
		return "DurableEventTracker[" + this.queue + "]";
	}

}
