package io.saasstack.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The newest items kept in memory by the local stand-ins of providers (captured mails, uploads,
 * LogSnag requests): adding beyond {@code maxKept} items, or beyond a total weight such as bytes
 * of content, drops the oldest. It counts the items added since creation or the last
 * {@link #clear()}, dropped ones included, for tests to {@link #await} work done in the background.
 * Thread-safe: every method holds one lock, and {@link #atomically} holds it over several calls.
 *
 * @param <T> the type of the items
 * @since 0.1.0
 */
public final class KeptItems<T> {

	private final int maxKept;

	private final long maxWeight;

	private final ToLongFunction<? super T> weigher;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition addedSignal = this.lock.newCondition();

	/** Oldest first; a linked list drops its first item in constant time and replaces one in place. */
	private final LinkedList<T> items = new LinkedList<>();

	private long weight;

	private long addedCount;

	/**
	 * @param maxKept how many of the newest items to keep, at least 1
	 */
	public KeptItems(int maxKept) {
		this(maxKept, Long.MAX_VALUE, (item) -> 0);
	}

	/**
	 * @param maxKept how many of the newest items to keep, at least 1
	 * @param maxWeight the most total weight of the kept items, at least 0; an item heavier than
	 * that alone is kept alone
	 * @param weigher the weight of an item, at least 0, the same every time it is asked
	 */
	public KeptItems(int maxKept, long maxWeight, ToLongFunction<? super T> weigher) {
		Assert.isTrue(maxKept > 0, "maxKept must be positive");
		Assert.isTrue(maxWeight >= 0, "maxWeight must not be negative");
		Assert.notNull(weigher, "weigher must not be null");
		this.maxKept = maxKept;
		this.maxWeight = maxWeight;
		this.weigher = weigher;
	}

	/** Keeps the item as the newest, dropping the oldest items beyond the maximums, and counts it. */
	public void add(T item) {
		Assert.notNull(item, "item must not be null");
		long itemWeight = this.weigher.applyAsLong(item);
		this.lock.lock();
		try {
			while (!this.items.isEmpty()
					&& (this.items.size() >= this.maxKept || this.weight + itemWeight > this.maxWeight)) {
				this.weight -= this.weigher.applyAsLong(this.items.removeFirst());
			}
			this.items.addLast(item);
			this.weight += itemWeight;
			this.addedCount++;
			this.addedSignal.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A copy of the kept items, oldest first. */
	public List<T> list() {
		return atomically(() -> List.copyOf(this.items));
	}

	/** How many items are kept. */
	public int size() {
		return atomically(this.items::size);
	}

	/** The oldest kept item that matches, if any. */
	public Optional<T> find(Predicate<? super T> match) {
		return atomically(() -> this.items.stream().filter(match).findFirst());
	}

	/** The kept items that match, oldest first. */
	public List<T> findAll(Predicate<? super T> match) {
		return atomically(() -> this.items.stream().filter(match).toList());
	}

	/**
	 * Replaces the oldest kept item that matches by what the change makes of it, in its place;
	 * nothing is replaced when the change throws. Replacing drops nothing and counts nothing.
	 * @return whether an item matched
	 */
	public boolean replace(Predicate<? super T> match, UnaryOperator<T> change) {
		return atomically(() -> {
			ListIterator<T> iterator = this.items.listIterator();
			while (iterator.hasNext()) {
				T item = iterator.next();
				if (match.test(item)) {
					T changed = change.apply(item);
					Assert.notNull(changed, "change must not return null");
					this.weight += this.weigher.applyAsLong(changed) - this.weigher.applyAsLong(item);
					iterator.set(changed);
					return true;
				}
			}
			return false;
		});
	}

	/**
	 * Removes the kept items that match; the count of added items stays.
	 * @return whether an item was removed
	 */
	public boolean removeIf(Predicate<? super T> match) {
		return atomically(() -> {
			List<T> removed = new ArrayList<>();
			this.items.removeIf((item) -> match.test(item) && removed.add(item));
			removed.forEach((item) -> this.weight -= this.weigher.applyAsLong(item));
			return !removed.isEmpty();
		});
	}

	/** Forgets every kept item, and restarts the count of {@link #await}. */
	public void clear() {
		this.lock.lock();
		try {
			this.items.clear();
			this.weight = 0;
			this.addedCount = 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Waits until at least {@code count} items were added since creation or the last
	 * {@link #clear()}, the ones no longer kept included.
	 * @return whether that many were added within the timeout (false if interrupted, with the
	 * thread's interrupt flag set again)
	 */
	public boolean await(long count, Duration timeout) {
		Assert.notNull(timeout, "timeout must not be null");
		long remaining = timeout.toNanos();
		this.lock.lock();
		try {
			while (this.addedCount < count) {
				if (remaining <= 0) {
					return false;
				}
				remaining = this.addedSignal.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Runs the action holding the lock, so that the calls it makes on this instance (a
	 * {@link #find} then an {@link #add}, say) are one step for other threads. The action must not
	 * block.
	 * @return what the action returns
	 */
	public <R extends @Nullable Object> R atomically(Supplier<R> action) {
		this.lock.lock();
		try {
			return action.get();
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public String toString() {
		return "KeptItems[" + size() + " of at most " + this.maxKept + " kept]";
	}

}
