package io.saasstack.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * A key-set endpoint on loopback (Clerk's {@code GET /v1/jwks}) that counts its requests.
 */
final class StubJwks implements AutoCloseable {

	private final DisposableServer server;

	private final AtomicLong requests = new AtomicLong();

	StubJwks(String jwks) {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.get("/v1/jwks", (request, response) -> {
				this.requests.incrementAndGet();
				return response.header("Content-Type", "application/json").sendString(Mono.just(jwks));
			}))
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
