package io.saasstack.events.delivery;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;

/**
 * A bounded queue whose producers never lock nor park: a slot is reserved by a compare-and-set
 * on the size, then the item goes into a {@link ConcurrentLinkedQueue}. Only the consumer (one
 * thread) parks, in {@link #take()}, and producers wake it with an unpark when it does.
 * <p>
 * {@code java.util.concurrent}'s bounded queues take a lock on offer, and a lock parks the
 * caller under contention: not acceptable on a Reactor non-blocking thread completing a tracked
 * {@code Mono}.
 */
final class DeliveryQueue<T> {

	private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	private final Runnable filled;

	private volatile @Nullable Thread waiter;

	/**
	 * @param capacity items the queue holds
	 * @param filled called by the producer whose item finds the queue empty
	 */
	DeliveryQueue(int capacity, Runnable filled) {
		this.capacity = capacity;
		this.filled = filled;
	}

	/**
	 * Adds the item if there is room; never waits.
	 * @return whether it was added
	 */
	boolean offer(T item) {
		int current;
		do {
			current = this.size.get();
			if (current >= this.capacity) {
				return false;
			}
		}
		while (!this.size.compareAndSet(current, current + 1));
		if (current == 0) {
			this.filled.run();
		}
		this.items.offer(item);
		Thread waiting = this.waiter;
		if (waiting != null) {
			LockSupport.unpark(waiting);
		}
		return true;
	}

	/** The oldest item, removed, or null when there is none; never waits. */
	@Nullable T poll() {
		T item = this.items.poll();
		if (item != null) {
			this.size.decrementAndGet();
		}
		return item;
	}

	/**
	 * The oldest item, waiting for one; only one thread may call it.
	 * @throws InterruptedException if the thread is interrupted while waiting
	 */
	T take() throws InterruptedException {
		for (;;) {
			T item = poll();
			if (item != null) {
				return item;
			}
			this.waiter = Thread.currentThread();
			try {
				// a producer that offered before the line above saw no waiter: look again
				item = poll();
				if (item != null) {
					return item;
				}
				LockSupport.park(this);
			}
			finally {
				this.waiter = null;
			}
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
		}
	}

	/** Removes the item if it is still queued. */
	boolean remove(T item) {
		if (this.items.remove(item)) {
			this.size.decrementAndGet();
			return true;
		}
		return false;
	}

	/** Items queued; an offer counts from its reservation. */
	int size() {
		return this.size.get();
	}

}
