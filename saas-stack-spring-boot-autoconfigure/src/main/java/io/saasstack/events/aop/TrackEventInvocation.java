package io.saasstack.events.aop;

import java.util.function.Supplier;

import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * One call of a tracked method: publishes its events once the outcome is known.
 */
final class TrackEventInvocation {

	private final TrackedMethod method;

	private final @Nullable Object[] arguments;

	private final Supplier<EventTracker> tracker;

	private final StandardEvaluationContext shared;

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
			RuntimeException error = publish(true, result, null);
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
			RuntimeException error = publish(false, null, exception);
			if (error != null) {
				exception.addSuppressed(error);
			}
		}
	}

	private @Nullable RuntimeException publish(boolean success, @Nullable Object result,
			@Nullable Throwable exception) {
		TrackEventEvaluationContext context = null;
		RuntimeException error = null;
		for (TrackEventOperation operation : this.method.operations()) {
			if (!operation.firesOn(success)) {
				continue;
			}
			if (context == null) {
				context = new TrackEventEvaluationContext(this.shared, this.method, this.arguments, result, exception);
			}
			try {
				LogEvent event = operation.toEvent(context);
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

}
