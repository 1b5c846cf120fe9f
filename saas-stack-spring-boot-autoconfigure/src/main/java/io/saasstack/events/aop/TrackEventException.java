package io.saasstack.events.aop;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a {@link io.saasstack.events.TrackEvent @TrackEvent} cannot be turned into an
 * event at call time: one of its expressions failed, or the event it produced is invalid. The
 * message names the method and the expression.
 *
 * @since 0.1.0
 */
public class TrackEventException extends IllegalStateException {

	public TrackEventException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
