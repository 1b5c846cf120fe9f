package io.saasstack.events.delivery;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.ReactiveLogSnagClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link ReactiveLogSnagClient} whose answers the test controls. It records what was sent and
 * how many sends were pending at the same time.
 */
final class FakeLogSnagClient implements ReactiveLogSnagClient {

	private final Function<LogSnagRequest, Mono<Void>> responder;

	private final List<LogSnagRequest> requests = new CopyOnWriteArrayList<>();

	private final BlockingQueue<Send> held = new LinkedBlockingQueue<>();

	private final AtomicInteger concurrent = new AtomicInteger();

	private final AtomicInteger maxConcurrent = new AtomicInteger();

	private FakeLogSnagClient(Function<LogSnagRequest, Mono<Void>> responder) {
		this.responder = responder;
	}

	/** Answers every request with the given response. */
	static FakeLogSnagClient answering(Function<LogSnagRequest, Mono<Void>> responder) {
		return new FakeLogSnagClient(responder);
	}

	/** Holds every request until the test completes it: see {@link #nextSend()}. */
	static FakeLogSnagClient holding() {
		FakeLogSnagClient[] client = new FakeLogSnagClient[1];
		client[0] = new FakeLogSnagClient((request) -> {
			Sinks.Empty<Void> sink = Sinks.empty();
			client[0].held.add(new Send(request, sink));
			return sink.asMono();
		});
		return client[0];
	}

	@Override
	public Mono<Void> send(LogSnagRequest request) {
		this.requests.add(request);
		// counted when subscribed, before a held send is visible to the test that completes it
		return Mono.defer(() -> {
			int now = this.concurrent.incrementAndGet();
			this.maxConcurrent.accumulateAndGet(now, Math::max);
			return this.responder.apply(request);
		})
			// before the tracker sees the answer, so that it never counts a finished send
			.doOnTerminate(this.concurrent::decrementAndGet)
			.doOnCancel(this.concurrent::decrementAndGet);
	}

	/** Waits for the next held send; fails the test if none comes. */
	Send nextSend() throws InterruptedException {
		Send send = this.held.poll(5, TimeUnit.SECONDS);
		assertThat(send).as("a send").isNotNull();
		return send;
	}

	List<LogSnagRequest> requests() {
		return this.requests;
	}

	int maxConcurrent() {
		return this.maxConcurrent.get();
	}

	/**
	 * A held send.
	 */
	record Send(LogSnagRequest request, Sinks.Empty<Void> sink) {

		void complete() {
			this.sink.tryEmitEmpty().orThrow();
		}

		void fail(Throwable ex) {
			this.sink.tryEmitError(ex).orThrow();
		}

	}

}
