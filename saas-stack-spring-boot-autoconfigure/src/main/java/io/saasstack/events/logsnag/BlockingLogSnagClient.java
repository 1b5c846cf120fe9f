package io.saasstack.events.logsnag;

import io.saasstack.core.BlockingCalls;
import io.saasstack.events.LogSnagClient;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.ReactiveLogSnagClient;

import org.springframework.util.Assert;

/**
 * {@link LogSnagClient} that waits for a {@link ReactiveLogSnagClient}. The wait is bounded by
 * the reactive client's timeouts and retry policy.
 *
 * @since 0.1.0
 */
public final class BlockingLogSnagClient implements LogSnagClient {

	private final ReactiveLogSnagClient reactive;

	/**
	 * @param reactive the client that does the work
	 */
	public BlockingLogSnagClient(ReactiveLogSnagClient reactive) {
		Assert.notNull(reactive, "reactive must not be null");
		this.reactive = reactive;
	}

	@Override
	public void send(LogSnagRequest request) {
		BlockingCalls.requireBlockingAllowed("LogSnagClient.send", "ReactiveLogSnagClient");
		this.reactive.send(request).block();
	}

	@Override
	public String toString() {
		return "BlockingLogSnagClient[" + this.reactive + "]";
	}

}
