package io.saasstack.events.aop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.logsnag.LogSnagRequests;

/**
 * {@link EventTracker} test double: checks requests like the real tracker (an invalid one
 * throws {@link IllegalArgumentException}) and records the events synchronously.
 */
class RecordingEventTracker implements EventTracker {

	private final LogSnagRequests rules = new LogSnagRequests("default-channel", false);

	private final List<LogEvent> events = new CopyOnWriteArrayList<>();

	private volatile boolean accepting = true;

	@Override
	public boolean track(LogSnagRequest request) {
		this.rules.prepare(request);
		if (!this.accepting) {
			return false;
		}
		this.events.add((LogEvent) request);
		return true;
	}

	@Override
	public boolean flush(Duration timeout) {
		return true;
	}

	/** The events tracked so far, as the advisor built them. */
	List<LogEvent> events() {
		return this.events;
	}

	/** Makes {@link #track} drop everything, like a full queue. */
	void dropAll() {
		this.accepting = false;
	}

}
