package io.saasstack.events;

/**
 * The LogSnag API for blocking code: each call returns when LogSnag accepted the request.
 * Code that must not wait uses {@link EventTracker} or {@link TrackEvent @TrackEvent}.
 *
 * @since 0.1.0
 * @see ReactiveLogSnagClient
 */
public interface LogSnagClient {

	/** Sends any LogSnag request and waits for LogSnag to accept it. */
	void send(LogSnagRequest request);

	/** Publishes an event. */
	default void log(LogEvent event) {
		send(event);
	}

	/** Sets user properties. */
	default void identify(Identify identify) {
		send(identify);
	}

	/** Sets an insight value. */
	default void insight(Insight insight) {
		send(insight);
	}

	/** Adds to a numeric insight. */
	default void increment(InsightIncrement increment) {
		send(increment);
	}

	/** Groups a user or sets group properties. */
	default void group(Group group) {
		send(group);
	}

}
