package io.saasstack.benchmarks;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * LogSnag ({@code POST /v1/log}) and Resend ({@code POST /emails}) on one loopback server, answering after a fixed
 * latency without blocking a thread. It counts what it received: LogSnag events by their {@code seats} tag (the
 * benchmarks number their events with it), so repeats are counted apart; Resend mails by {@code Idempotency-Key}, which
 * it honours as Resend does (a key seen before is answered again and delivers nothing). With a positive
 * {@code requestsPerSecond}, Resend requests beyond that many in a sliding second get a 429 with
 * {@code retry-after: 1}.
 */
public final class ProviderStub implements AutoCloseable {

	private static final Pattern SEATS = Pattern.compile("\"seats\":\"?(\\d+)");

	private final Duration latency;

	private final int requestsPerSecond;

	private final Deque<Long> window = new ArrayDeque<>();

	private final Set<Long> events = ConcurrentHashMap.newKeySet();

	private final AtomicLong eventRequests = new AtomicLong();

	private final Set<String> mails = ConcurrentHashMap.newKeySet();

	private final AtomicLong mailRequests = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private final AtomicInteger ids = new AtomicInteger();

	private volatile long lastDelivery;

	private final DisposableServer server;

	public ProviderStub(Duration latency, int requestsPerSecond) {
		this.latency = latency;
		this.requestsPerSecond = requestsPerSecond;
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive()
				.aggregate()
				.asString()
				.defaultIfEmpty("")
				.flatMap((body) -> {
					Mono<Void> answer = Mono.defer(() -> answer(request, response, body));
					return this.latency.isZero() ? answer : Mono.delay(this.latency).then(answer);
				}))
			.bindNow();
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response, String body) {
		if (request.uri().startsWith("/emails")) {
			this.mailRequests.incrementAndGet();
			if (this.requestsPerSecond > 0 && !admit()) {
				this.rejected.incrementAndGet();
				return response.status(429)
					.header("Content-Type", "application/json")
					.header("retry-after", "1")
					.sendString(Mono.just(
							"{\"statusCode\":429,\"name\":\"rate_limit_exceeded\",\"message\":\"Too many requests.\"}"))
					.then();
			}
			String key = request.requestHeaders().get("Idempotency-Key");
			if (key == null || this.mails.add(key)) {
				this.lastDelivery = System.nanoTime();
			}
			return json(response, "{\"id\":\"email-" + this.ids.incrementAndGet() + "\"}");
		}
		this.eventRequests.incrementAndGet();
		Matcher seats = SEATS.matcher(body);
		if (seats.find()) {
			this.events.add(Long.parseLong(seats.group(1)));
		}
		this.lastDelivery = System.nanoTime();
		return json(response, "{\"success\":true}");
	}

	private static Mono<Void> json(HttpServerResponse response, String body) {
		return response.status(200).header("Content-Type", "application/json").sendString(Mono.just(body)).then();
	}

	private synchronized boolean admit() {
		long now = System.nanoTime();
		while (!this.window.isEmpty() && now - this.window.peekFirst() >= 1_000_000_000L) {
			this.window.pollFirst();
		}
		if (this.window.size() >= this.requestsPerSecond) {
			return false;
		}
		this.window.addLast(now);
		return true;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/** Distinct events received (by their number). */
	public int events() {
		return this.events.size();
	}

	public long eventRequests() {
		return this.eventRequests.get();
	}

	/** Distinct mails delivered (by idempotency key). */
	public int mails() {
		return this.mails.size();
	}

	public long mailRequests() {
		return this.mailRequests.get();
	}

	public long rejected() {
		return this.rejected.get();
	}

	/** {@link System#nanoTime()} of the last delivery. */
	public long lastDelivery() {
		return this.lastDelivery;
	}

	public void reset() {
		this.events.clear();
		this.eventRequests.set(0);
		this.mails.clear();
		this.mailRequests.set(0);
		this.rejected.set(0);
		synchronized (this) {
			this.window.clear();
		}
	}

	@Override
	public void close() {
		this.server.disposeNow();
	}

}
