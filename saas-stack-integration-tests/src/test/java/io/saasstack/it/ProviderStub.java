package io.saasstack.it;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * LogSnag and Resend in one WireMock server, with the behaviour of the real providers that durable delivery depends
 * on, and counters the test asserts on:
 * <ul>
 * <li>LogSnag {@code POST /v1/log}: counts each event by its tag {@code n}.</li>
 * <li>Resend {@code POST /emails}, {@code POST /emails/batch}, {@code GET /domains}: at most
 * {@value #REQUESTS_PER_SECOND} requests in any sliding second for the team (every Resend request, whatever the
 * instance), else {@code 429 rate_limit_exceeded} with {@code retry-after} and {@code ratelimit-*} headers; an
 * {@code Idempotency-Key} seen before with the same body answers the first response again without delivering
 * (with another body: {@code 409 invalid_idempotent_request}), as Resend does within 24 hours. Each email
 * delivered is counted by its subject ({@code mail-<n>}), each delivering request by its key.</li>
 * </ul>
 * Every answer takes {@value #ROUND_TRIP_MILLIS} ms.
 */
final class ProviderStub implements ResponseDefinitionTransformerV2 {

	static final int REQUESTS_PER_SECOND = 5;

	static final int ROUND_TRIP_MILLIS = 10;

	private static final long WINDOW_NANOS = 1_000_000_000L;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final Map<Integer, AtomicInteger> events = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> mails = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> deliveriesByKey = new ConcurrentHashMap<>();

	private final LongAdder replays = new LongAdder();

	private final LongAdder conflicts = new LongAdder();

	private final LongAdder rateLimited = new LongAdder();

	private final LongAdder resendRequests = new LongAdder();

	/** Guarded by this: arrival times of the Resend requests accepted in the last second. */
	private final Deque<Long> window = new ArrayDeque<>();

	/** Guarded by this: the answers by idempotency key. */
	private final Map<String, Stored> idempotent = new HashMap<>();

	/** Guarded by this. */
	private int maxInOneSecond;

	/** Guarded by this. */
	private long minSpacingNanos = Long.MAX_VALUE;

	/** Guarded by this. */
	private long lastAcceptedNanos;

	/** Guarded by this. */
	private final List<String> rateLimitLog = new ArrayList<>();

	private WireMockServer server;

	WireMockServer startServer() {
		this.server = new WireMockServer(wireMockConfig().dynamicPort()
			.bindAddress("127.0.0.1")
			.containerThreads(64)
			.disableRequestJournal()
			.extensions(this));
		this.server.start();
		this.server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(getName())));
		return this.server;
	}

	void stopServer() {
		if (this.server != null) {
			this.server.stop();
		}
	}

	String baseUrl() {
		return this.server.baseUrl();
	}

	@Override
	public String getName() {
		return "provider-stub";
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String path = request.getUrl();
		int query = path.indexOf('?');
		if (query >= 0) {
			path = path.substring(0, query);
		}
		String method = request.getMethod().getName();
		if (method.equals("POST") && path.equals("/v1/log")) {
			return logSnag(request);
		}
		if (path.equals("/emails") || path.equals("/emails/batch") || path.equals("/domains")) {
			return resend(method, path, request);
		}
		return answer(404, "{\"message\":\"not stubbed: " + method + " " + path + "\"}").build();
	}

	private ResponseDefinition logSnag(Request request) {
		JsonNode body = json.readTree(request.getBodyAsString());
		JsonNode n = body.path("tags").path("n");
		if (!n.isNumber()) {
			return answer(400, "{\"message\":\"no tag n\"}").build();
		}
		this.events.computeIfAbsent(n.asInt(), (key) -> new AtomicInteger()).incrementAndGet();
		return answer(200, request.getBodyAsString()).build();
	}

	private ResponseDefinition resend(String method, String path, Request request) {
		this.resendRequests.increment();
		int remaining;
		synchronized (this) {
			long now = System.nanoTime();
			while (!this.window.isEmpty() && now - this.window.peekFirst() >= WINDOW_NANOS) {
				this.window.removeFirst();
			}
			if (this.window.size() >= REQUESTS_PER_SECOND) {
				this.rateLimited.increment();
				long retryAfterNanos = WINDOW_NANOS - (now - this.window.peekFirst());
				if (this.rateLimitLog.size() < 20) {
					this.rateLimitLog.add(method + " " + path + " " + (now - this.window.peekFirst()) / 1_000_000
							+ " ms after the first of the last " + this.window.size());
				}
				return answer(429, "{\"statusCode\":429,\"name\":\"rate_limit_exceeded\",\"message\":"
						+ "\"Too many requests. You can only make 5 requests per second.\"}")
					.withHeader("retry-after", String.valueOf(Math.max(1, (retryAfterNanos + 999_999_999) / 1_000_000_000)))
					.withHeader("ratelimit-limit", String.valueOf(REQUESTS_PER_SECOND))
					.withHeader("ratelimit-remaining", "0")
					.withHeader("ratelimit-reset", "1")
					.build();
			}
			if (this.lastAcceptedNanos != 0) {
				this.minSpacingNanos = Math.min(this.minSpacingNanos, now - this.lastAcceptedNanos);
			}
			this.lastAcceptedNanos = now;
			this.window.addLast(now);
			this.maxInOneSecond = Math.max(this.maxInOneSecond, this.window.size());
			remaining = REQUESTS_PER_SECOND - this.window.size();
		}
		if (method.equals("GET")) {
			return limited(answer(200, "{\"object\":\"list\",\"has_more\":false,\"data\":[]}"), remaining);
		}
		String key = request.getHeader("Idempotency-Key");
		String body = request.getBodyAsString();
		String digest = path + " " + sha256(body);
		if (key != null) {
			synchronized (this) {
				Stored stored = this.idempotent.get(key);
				if (stored != null) {
					if (!stored.digest().equals(digest)) {
						this.conflicts.increment();
						return limited(answer(409, "{\"statusCode\":409,\"name\":\"invalid_idempotent_request\","
								+ "\"message\":\"Same idempotency key used with a different request payload.\"}"),
								remaining);
					}
					this.replays.increment();
					return limited(answer(200, stored.response()), remaining);
				}
				String response = deliver(path, body);
				this.idempotent.put(key, new Stored(digest, response));
				this.deliveriesByKey.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
				return limited(answer(200, response), remaining);
			}
		}
		return limited(answer(200, deliver(path, body)), remaining);
	}

	/** Counts the emails of a request as delivered; returns Resend's answer. */
	private String deliver(String path, String body) {
		JsonNode tree = json.readTree(body);
		if (path.equals("/emails/batch")) {
			StringBuilder data = new StringBuilder("{\"data\":[");
			for (int i = 0; i < tree.size(); i++) {
				count(tree.get(i));
				data.append((i > 0) ? "," : "").append("{\"id\":\"").append(UUID.randomUUID()).append("\"}");
			}
			return data.append("]}").toString();
		}
		count(tree);
		return "{\"id\":\"" + UUID.randomUUID() + "\"}";
	}

	private void count(JsonNode email) {
		this.mails.computeIfAbsent(email.path("subject").asString(), (k) -> new AtomicInteger()).incrementAndGet();
	}

	private static ResponseDefinitionBuilder answer(int status, String body) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody(body)
			.withFixedDelay(ROUND_TRIP_MILLIS);
	}

	private static ResponseDefinition limited(ResponseDefinitionBuilder answer, int remaining) {
		return answer.withHeader("ratelimit-limit", String.valueOf(REQUESTS_PER_SECOND))
			.withHeader("ratelimit-remaining", String.valueOf(remaining))
			.withHeader("ratelimit-reset", "1")
			.build();
	}

	private static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return java.util.HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Deliveries of event n. */
	Map<Integer, Integer> events() {
		Map<Integer, Integer> copy = new HashMap<>();
		this.events.forEach((n, count) -> copy.put(n, count.get()));
		return copy;
	}

	/** Deliveries of each email, by subject. */
	Map<String, Integer> mails() {
		Map<String, Integer> copy = new HashMap<>();
		this.mails.forEach((subject, count) -> copy.put(subject, count.get()));
		return copy;
	}

	/** Delivering requests by idempotency key (replays not counted). */
	Map<String, Integer> deliveriesByKey() {
		Map<String, Integer> copy = new HashMap<>();
		this.deliveriesByKey.forEach((key, count) -> copy.put(key, count.get()));
		return copy;
	}

	long replays() {
		return this.replays.sum();
	}

	long conflicts() {
		return this.conflicts.sum();
	}

	long rateLimited() {
		return this.rateLimited.sum();
	}

	long resendRequests() {
		return this.resendRequests.sum();
	}

	synchronized int maxInOneSecond() {
		return this.maxInOneSecond;
	}

	synchronized long minSpacingMillis() {
		return (this.minSpacingNanos == Long.MAX_VALUE) ? -1 : this.minSpacingNanos / 1_000_000;
	}

	synchronized List<String> rateLimitLog() {
		return List.copyOf(this.rateLimitLog);
	}

	private record Stored(String digest, String response) {
	}

}
