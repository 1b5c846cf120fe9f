package io.saasstack.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * A value fetched from a provider and kept for a time to live, such as a key set: concurrent
 * refreshes share one fetch, and a floor between the starts of two fetches stops a flood of
 * cache misses (unknown key ids) from hammering the provider.
 *
 * @param <T> the type of the value
 * @since 0.1.0
 */
public final class CachedValue<T> {

	private final Supplier<Mono<T>> loader;

	private final Clock clock;

	private final Duration timeToLive;

	private final Duration refetchFloor;

	private final Object monitor = new Object();

	private volatile @Nullable Entry<T> entry;

	private @Nullable Instant lastFetch;

	private @Nullable Mono<T> inFlight;

	private volatile @Nullable Throwable lastFailure;

	/**
	 * @param loader fetches the value (subscribed once per refresh)
	 * @param clock source of the time of the cache
	 * @param timeToLive how long a fetched value is fresh
	 * @param refetchFloor least time between the starts of two fetches
	 */
	public CachedValue(Supplier<Mono<T>> loader, Clock clock, Duration timeToLive, Duration refetchFloor) {
		Assert.isTrue(!timeToLive.isNegative(), "timeToLive must not be negative");
		Assert.isTrue(!refetchFloor.isNegative(), "refetchFloor must not be negative");
		this.loader = loader;
		this.clock = clock;
		this.timeToLive = timeToLive;
		this.refetchFloor = refetchFloor;
	}

	/** The last fetched value, fresh or not, or null before the first successful fetch. */
	public @Nullable T last() {
		Entry<T> current = this.entry;
		return (current != null) ? current.value() : null;
	}

	/** The last fetched value while it is fresh, else null. */
	public @Nullable T fresh() {
		Entry<T> current = this.entry;
		if (current == null) {
			return null;
		}
		Instant now = this.clock.instant();
		boolean fresh = now.isBefore(current.fetchedAt().plus(this.timeToLive)) && !now.isBefore(current.fetchedAt());
		return fresh ? current.value() : null;
	}

	/**
	 * Whether a refresh may start now: no fetch started within the floor, or one is still in
	 * flight (joining it costs nothing).
	 */
	public boolean mayRefresh() {
		synchronized (this.monitor) {
			return this.inFlight != null || this.lastFetch == null
					|| !this.clock.instant().isBefore(this.lastFetch.plus(this.refetchFloor));
		}
	}

	/**
	 * The failure of the last fetch, or null when it succeeded or none has ended yet.
	 */
	public @Nullable Throwable lastFailure() {
		return this.lastFailure;
	}

	/**
	 * Joins the fetch in flight, or starts one unless another started within the floor, failed
	 * or not; checked and started atomically, so that no pattern of concurrent callers and
	 * failures gets more than one fetch per floor.
	 * @return the fetch, or null when the floor forbids one
	 */
	public @Nullable Mono<T> refreshWithinFloor() {
		synchronized (this.monitor) {
			if (this.inFlight == null && !mayRefresh()) {
				return null;
			}
			return refresh();
		}
	}

	/**
	 * Fetches the value, or joins the fetch in flight. The new value is stored, and the fetch
	 * forgotten, before any caller sees the result, so that a caller's next refresh is a new one.
	 */
	public Mono<T> refresh() {
		synchronized (this.monitor) {
			Mono<T> current = this.inFlight;
			if (current != null) {
				return current;
			}
			this.lastFetch = this.clock.instant();
			AtomicReference<@Nullable Mono<T>> self = new AtomicReference<>();
			Runnable done = () -> {
				synchronized (this.monitor) {
					if (this.inFlight == self.get()) {
						this.inFlight = null;
					}
				}
			};
			Mono<T> fetch = Mono.defer(this.loader)
				.doOnNext((value) -> {
					this.entry = new Entry<>(value, this.clock.instant());
					this.lastFailure = null;
					done.run();
				})
				.doOnError((ex) -> {
					this.lastFailure = ex;
					done.run();
				})
				.doOnCancel(done)
				.cache();
			self.set(fetch);
			this.inFlight = fetch;
			return fetch;
		}
	}

	private record Entry<T>(T value, Instant fetchedAt) {

	}

}
