package io.saasstack.events.aop;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Supplier;

import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * One call of a tracked method: publishes its events once the outcome is known. It also holds
 * the outcome for the expressions, so that a call whose expressions are plain variables creates
 * nothing else; SpEL's evaluation context is created only for the expressions that need it.
 */
final class TrackEventInvocation implements TrackEventOperation.Call {

	private static final AtomicIntegerFieldUpdater<TrackEventInvocation> PUBLISHED = AtomicIntegerFieldUpdater
		.newUpdater(TrackEventInvocation.class, "published");

	private final TrackedMethod method;

	private final @Nullable Object[] arguments;

	private final Supplier<EventTracker> tracker;

	private final StandardEvaluationContext shared;

	private volatile int published;

	private @Nullable Object result;

	private @Nullable Throwable exception;

	private @Nullable EvaluationContext context;

	TrackEventInvocation(TrackedMethod method, @Nullable Object[] arguments, Supplier<EventTracker> tracker,
			StandardEvaluationContext shared) {
		this.method = method;
		this.arguments = arguments;
		this.tracker = tracker;
		this.shared = shared;
	}

	TrackedMethod method() {
		return this.method;
	}

	/**
	 * Publishes the success events.
	 * @throws TrackEventException if one of them cannot be evaluated or is invalid
	 */
	void succeeded(@Nullable Object result) {
		if (this.method.firesOn(true)) {
			RuntimeException error = outcome().publish(true, result, null);
			if (error != null) {
				throw error;
			}
		}
	}

	/**
	 * Publishes the failure events; never throws: errors are added to {@code exception} as
	 * suppressed exceptions.
	 */
	void failed(Throwable exception) {
		if (this.method.firesOn(false)) {
			RuntimeException error = outcome().publish(false, null, exception);
			if (error != null) {
				exception.addSuppressed(error);
			}
		}
	}

	/**
	 * This invocation for its first outcome; a copy for any later one (a {@code Flux} subscribed
	 * again), since outcomes of several subscriptions may be published at the same time.
	 */
	private TrackEventInvocation outcome() {
		return PUBLISHED.compareAndSet(this, 0, 1) ? this
				: new TrackEventInvocation(this.method, this.arguments, this.tracker, this.shared);
	}

	private @Nullable RuntimeException publish(boolean success, @Nullable Object result,
			@Nullable Throwable exception) {
		this.result = result;
		this.exception = exception;
		RuntimeException error = null;
		for (TrackEventOperation operation : this.method.operations()) {
			if (!operation.firesOn(success)) {
				continue;
			}
			try {
				LogEvent event = operation.toEvent(this);
				if (event != null) {
					track(operation, event);
				}
			}
			catch (RuntimeException ex) {
				if (error == null) {
					error = ex;
				}
				else {
					error.addSuppressed(ex);
				}
			}
		}
		return error;
	}

	private void track(TrackEventOperation operation, LogEvent event) {
		try {
			// false means dropped by the overflow policy, which the tracker counts and logs
			this.tracker.get().track(event);
		}
		catch (IllegalArgumentException ex) {
			throw operation.invalidEvent(ex);
		}
	}

	@Override
	public @Nullable Object[] arguments() {
		return this.arguments;
	}

	@Override
	public @Nullable Object result() {
		return this.result;
	}

	@Override
	public @Nullable Throwable exception() {
		return this.exception;
	}

	@Override
	public EvaluationContext context() {
		EvaluationContext context = this.context;
		if (context == null) {
			context = new TrackEventEvaluationContext(this.shared, this.method, this.arguments, this.result,
					this.exception);
			this.context = context;
		}
		return context;
	}

}
