package io.saasstack.benchmarks;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.saasstack.core.SaasJson;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * A Resend stand-in on loopback that enforces a team rate limit over a sliding one-second window
 * (429 {@code rate_limit_exceeded} with {@code retry-after: 1} beyond it), answers every accepted
 * request with Resend's {@code ratelimit-limit}, {@code ratelimit-remaining} and
 * {@code ratelimit-reset} (whole seconds) of that window, and honours {@code Idempotency-Key}: a key
 * seen before gets the first answer again and delivers nothing.
 */
final class StubResend implements AutoCloseable {

	private final int requestsPerSecond;

	private final Deque<Long> window = new ArrayDeque<>();

	private final Map<String, String> answers = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicInteger delivered = new AtomicInteger();

	private final AtomicInteger ids = new AtomicInteger();

	private final DisposableServer server;

	StubResend(int requestsPerSecond) {
		this.requestsPerSecond = requestsPerSecond;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asString()
				.defaultIfEmpty("")
				.flatMap((body) -> answer(request, response, body)))
			.bindNow();
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, String body) {
		this.requests.incrementAndGet();
		if (!admit()) {
			this.rejected.incrementAndGet();
			return response.status(429)
				.header("Content-Type", "application/json")
				.header("retry-after", "1")
				.header("ratelimit-limit", String.valueOf(this.requestsPerSecond))
				.header("ratelimit-remaining", "0")
				.header("ratelimit-reset", "1")
				.sendString(Mono.just("{\"statusCode\":429,\"name\":\"rate_limit_exceeded\",\"message\":\"Too many requests.\"}"))
				.then();
		}
		long[] state = windowState();
		String key = request.requestHeaders().get("Idempotency-Key");
		String answer = (key != null) ? this.answers.computeIfAbsent(key, (k) -> deliver(body)) : deliver(body);
		return response.status(200)
			.header("Content-Type", "application/json")
			.header("ratelimit-limit", String.valueOf(this.requestsPerSecond))
			.header("ratelimit-remaining", String.valueOf(state[0]))
			.header("ratelimit-reset", String.valueOf(state[1]))
			.sendString(Mono.just(answer))
			.then();
	}

	/** Requests left in the window and whole seconds until its oldest request leaves it (Resend's headers). */
	private synchronized long[] windowState() {
		long now = System.nanoTime();
		long remaining = Math.max(0, this.requestsPerSecond - this.window.size());
		long reset = this.window.isEmpty() ? 0
				: (long) Math.ceil((1_000_000_000L - (now - this.window.peekFirst())) / 1e9);
		return new long[] { remaining, Math.max(reset, 0) };
	}

	private synchronized boolean admit() {
		long now = System.nanoTime();
		while (!this.window.isEmpty() && now - this.window.peekFirst() >= 1_000_000_000L) {
			this.window.pollFirst();
		}
		if (this.window.size() >= this.requestsPerSecond) {
			if (Boolean.getBoolean("stub.debug")) {
				StringBuilder gaps = new StringBuilder();
				long previous = this.window.peekFirst();
				for (long t : this.window) {
					gaps.append((t - previous) / 1_000_000).append("ms ");
					previous = t;
				}
				System.out.println("429: window " + gaps + "then +" + (now - previous) / 1_000_000 + "ms");
			}
			return false;
		}
		this.window.addLast(now);
		return true;
	}

	private String deliver(String body) {
		JsonNode json = SaasJson.mapper().readTree(body);
		if (json.isArray()) {
			StringBuilder data = new StringBuilder("{\"data\":[");
			for (int i = 0; i < json.size(); i++) {
				data.append((i > 0) ? "," : "").append("{\"id\":\"").append(nextId()).append("\"}");
			}
			this.delivered.addAndGet(json.size());
			return data.append("]}").toString();
		}
		this.delivered.incrementAndGet();
		return "{\"id\":\"" + nextId() + "\"}";
	}

	private String nextId() {
		return "email-" + this.ids.incrementAndGet();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	long requests() {
		return this.requests.get();
	}

	long rejected() {
		return this.rejected.get();
	}

	int delivered() {
		return this.delivered.get();
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
