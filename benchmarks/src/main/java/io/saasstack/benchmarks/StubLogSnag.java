package io.saasstack.benchmarks;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A LogSnag stand-in on loopback: answers every request with 200 after a fixed latency, without
 * blocking a thread, and counts what it received.
 */
final class StubLogSnag implements AutoCloseable {

	private final DisposableServer server;

	private final AtomicLong requests = new AtomicLong();

	StubLogSnag(Duration latency) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.then(Mono.defer(() -> {
					this.requests.incrementAndGet();
					Mono<Void> answer = response.status(200)
						.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"success\":true}"))
						.then();
					return latency.isZero() ? answer : Mono.delay(latency).then(answer);
				})))
			.bindNow();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	long requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
