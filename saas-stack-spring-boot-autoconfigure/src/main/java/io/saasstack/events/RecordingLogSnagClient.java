package io.saasstack.events;

import java.time.Duration;
import java.util.List;

import io.saasstack.core.KeptItems;
import io.saasstack.events.logsnag.LogSnagRequests;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link ReactiveLogSnagClient} that keeps requests in memory instead of sending them, for
 * application tests. Requests are checked exactly as the HTTP client checks them and recorded
 * as they would be sent (default channel applied, keys normalised when enabled). Thread-safe.
 * <pre class="code">
 * tracker.track(LogEvent.builder("User Signed Up").channel("users").build());
 * assertThat(recorder.awaitRequests(1, Duration.ofSeconds(5))).isTrue();
 * assertThat(recorder.events()).extracting(LogEvent::event).containsExactly("User Signed Up");
 * </pre>
 * Blocking code records through {@link #blocking()}.
 *
 * @since 0.1.0
 */
public final class RecordingLogSnagClient implements ReactiveLogSnagClient {

	private final LogSnagRequests checks;

	private final KeptItems<LogSnagRequest> requests = new KeptItems<>(Integer.MAX_VALUE);

	/** A recorder with no default channel and keys left as they are. */
	public RecordingLogSnagClient() {
		this(new LogSnagRequests(null, false));
	}

	/**
	 * @param requests the checks applied to every request, as configured for the real client
	 */
	public RecordingLogSnagClient(LogSnagRequests requests) {
		Assert.notNull(requests, "requests must not be null");
		this.checks = requests;
	}

	/** Checks and records the request when subscribed; an invalid request fails the result. */
	@Override
	public Mono<Void> send(LogSnagRequest request) {
		return Mono.fromRunnable(() -> record(request));
	}

	/** A blocking view that records into this recorder; an invalid request throws. */
	public LogSnagClient blocking() {
		return this::record;
	}

	private void record(LogSnagRequest request) {
		this.requests.add(this.checks.prepare(request));
	}

	/** The requests recorded so far, in order, as they would have been sent. */
	public List<LogSnagRequest> requests() {
		return this.requests.list();
	}

	/** The events ({@code /v1/log} requests) recorded so far, in order. */
	public List<LogEvent> events() {
		return requests().stream().filter(LogEvent.class::isInstance).map(LogEvent.class::cast).toList();
	}

	/** Forgets every recorded request. */
	public void clear() {
		this.requests.clear();
	}

	/**
	 * Waits until at least {@code count} requests were recorded, for requests sent in the
	 * background.
	 * @return whether that many were recorded within the timeout (false if interrupted)
	 */
	public boolean awaitRequests(int count, Duration timeout) {
		return this.requests.await(count, timeout);
	}

	@Override
	public String toString() {
		return "RecordingLogSnagClient[" + this.requests.size() + " requests]";
	}

}
