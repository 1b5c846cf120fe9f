package io.saasstack.events;

import reactor.core.publisher.Mono;

/**
 * The LogSnag API for reactive code. Each call validates its request before any network
 * I/O ({@link IllegalArgumentException}) and completes when LogSnag accepted it (any 2xx).
 *
 * @since 0.1.0
 * @see LogSnagClient
 * @see EventTracker
 */
public interface ReactiveLogSnagClient {

	/** Sends any LogSnag request. */
	Mono<Void> send(LogSnagRequest request);

	/** Publishes an event. */
	default Mono<Void> log(LogEvent event) {
		return send(event);
	}

	/** Sets user properties. */
	default Mono<Void> identify(Identify identify) {
		return send(identify);
	}

	/** Sets an insight value. */
	default Mono<Void> insight(Insight insight) {
		return send(insight);
	}

	/** Adds to a numeric insight. */
	default Mono<Void> increment(InsightIncrement increment) {
		return send(increment);
	}

	/** Groups a user or sets group properties. */
	default Mono<Void> group(Group group) {
		return send(group);
	}

}
