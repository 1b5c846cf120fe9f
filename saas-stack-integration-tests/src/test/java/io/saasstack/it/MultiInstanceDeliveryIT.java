package io.saasstack.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import io.saasstack.testsupport.postgres.TestPostgres;
import io.saasstack.webhooks.StandardWebhookVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three instances of {@link DeliveryTestApplication}, each in its own JVM, on one PostgreSQL ({@link TestPostgres})
 * and one stub of LogSnag and Resend ({@link ProviderStub}, in this JVM). 3,000 events and 300 mails (150 one by
 * one, 150 in batches of 10) are enqueued through every instance; one instance is killed with SIGKILL while it
 * holds deliveries, and started again. Then:
 * <ul>
 * <li>every event reached LogSnag at least once (duplicates are counted and reported);</li>
 * <li>every mail reached Resend exactly once, and every idempotency key delivered once;</li>
 * <li>Resend never answered 429 (5 requests per sliding second for the team, all instances together);</li>
 * <li>a webhook delivered twice, to two instances, was published once (sequentially and concurrently);</li>
 * <li>nothing is left pending and nothing failed.</li>
 * </ul>
 * The figures are printed and written to {@code target/multi-instance-delivery.txt}.
 */
class MultiInstanceDeliveryIT {

	static final int EVENTS = 3000;

	static final int MAILS = 300;

	static final int SINGLE_MAILS = 150;

	static final int BATCH_SIZE = 10;

	private static final String DATABASE = "multi_instance_delivery";

	private static final String RESEND_API_KEY = "re_it_multi_instance_3f9a";

	private static final String LOGSNAG_TOKEN = "it-logsnag-token-7c41";

	private static final String RESEND_WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private static final String SCHEDULED_TASKS = "saas_scheduled_tasks";

	private static final String DELIVERY_TASK = "saas-delivery";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(Long.getLong("it.ready-timeout", 90));

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final List<Instance> instances = new CopyOnWriteArrayList<>();

	private static final List<String> report = Collections.synchronizedList(new ArrayList<>());

	private static ProviderStub stub;

	private static String url;

	private static JdbcTemplate jdbc;

	@BeforeAll
	static void startDatabaseAndStub() {
		TestPostgres postgres = TestPostgres.get();
		url = postgres.createDatabase(DATABASE);
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url, postgres.username(), postgres.password());
		jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("create table " + DeliveryTestApplication.PublishedWebhooks.TABLE
				+ " (provider varchar(50) not null, message_id varchar(255), instance varchar(50) not null,"
				+ " published_at timestamp with time zone not null default now())");
		stub = new ProviderStub();
		stub.startServer();
	}

	@AfterAll
	static void stopEverything() {
		for (Instance instance : instances) {
			instance.kill();
		}
		if (stub != null) {
			stub.stopServer();
		}
	}

	@Test
	void threeInstancesDeliverEverythingOnceThroughASigkillAndARestart() throws Exception {
		long started = System.nanoTime();
		List<Instance> apps = List.of(new Instance(0), new Instance(1), new Instance(2));
		apps.forEach(Instance::start);
		apps.forEach((app) -> app.awaitReady(READY_TIMEOUT));
		record("3 instances ready in %d ms (started at once, schema created by each)", millisSince(started));
		Instance a = apps.get(0);
		Instance b = apps.get(1);
		Instance c = apps.get(2);

		// enqueue through every instance at once: events 0-2499, mails 0-149 one by one, 150-249 in batches
		long load = System.nanoTime();
		await(List.of(a.post("/events?from=0&to=1000"), b.post("/events?from=1000&to=2000"),
				c.post("/events?from=2000&to=2500"), a.post("/mails?from=0&to=50"), b.post("/mails?from=50&to=100"),
				c.post("/mails?from=100&to=150"), a.post("/mail-batches?from=150&to=200&size=" + BATCH_SIZE),
				b.post("/mail-batches?from=200&to=250&size=" + BATCH_SIZE)));
		record("enqueued 2,500 events and 250 mails through 3 instances in %d ms", millisSince(load));

		// a webhook redelivered to another instance, then one delivered to two instances at the same time
		String first = "msg_it_sequential";
		assertThat(webhook(a, first).join()).as("status of the first delivery").isBetween(200, 299);
		assertThat(webhook(b, first).join()).as("status of the redelivery to another instance").isBetween(200, 299);
		String second = "msg_it_concurrent";
		List<CompletableFuture<Integer>> concurrent = List.of(webhook(b, second), webhook(c, second));
		assertThat(concurrent).allSatisfy((status) -> assertThat(status.join()).isBetween(200, 299));

		// SIGKILL the third instance while mails are being sent (each instance holds up to 5 waiting their turn)
		awaitTrue("30 Resend requests", Duration.ofSeconds(Long.getLong("it.delivery-timeout", 120)), () -> stub.resendRequests() >= 30);
		Instant killedAt = Instant.now();
		long killed = System.nanoTime();
		int exit = c.kill();
		assertThat(exit).as("exit status of a JVM killed with SIGKILL (128 + 9)").isEqualTo(137);
		record("instance %s killed with SIGKILL (exit %d) %d ms into the load", c.name, exit, millisSince(load));

		// its picked executions: their heartbeat stopped at the kill (the others beat every second)
		await(List.of(a.post("/events?from=2500&to=2750")));
		sleepUntil(killed + TimeUnit.MILLISECONDS.toNanos(1600));
		List<String> orphans = jdbc.queryForList("select task_instance from " + SCHEDULED_TASKS
				+ " where task_name = ? and picked and last_heartbeat < ?", String.class, DELIVERY_TASK,
				Timestamp.from(killedAt));
		record("executions held by the killed instance: %d (%d mails)", orphans.size(),
				orphans.stream().filter((id) -> id.startsWith("saas-mail:")).count());
		assertThat(orphans).as("the killed instance held deliveries, so the kill tests their redelivery").isNotEmpty();

		// restart it while the others deliver what it held
		Instance restarted = new Instance(2);
		restarted.start();
		awaitTrue("the killed instance's executions taken over by the others", Duration.ofSeconds(60),
				() -> jdbc.queryForObject("select count(*) from " + SCHEDULED_TASKS
						+ " where task_name = ? and picked and last_heartbeat < ? and task_instance in ("
						+ placeholders(orphans.size()) + ")", Long.class,
						params(DELIVERY_TASK, Timestamp.from(killedAt), orphans)) == 0);
		record("time from SIGKILL until the others took over everything it held (dead execution detected): %d ms",
				millisSince(killed));
		awaitTrue("the killed instance's executions delivered by the others", Duration.ofSeconds(60),
				() -> jdbc.queryForObject("select count(*) from " + SCHEDULED_TASKS
						+ " where task_name = ? and task_instance in (" + placeholders(orphans.size()) + ")",
						Long.class, params(DELIVERY_TASK, orphans)) == 0);
		record("time from SIGKILL until everything it held was delivered again: %d ms "
				+ "(heartbeat 1s x 4 missed; its mails wait for their turn behind the mail backlog)", millisSince(killed));
		restarted.awaitReady(READY_TIMEOUT);
		record("killed instance restarted and ready %d ms after the kill", millisSince(killed));
		await(List.of(restarted.post("/events?from=2750&to=" + EVENTS),
				restarted.post("/mail-batches?from=250&to=" + MAILS + "&size=" + BATCH_SIZE)));

		// everything arrives and nothing is left
		awaitTrue("every event and mail delivered and nothing pending", Duration.ofSeconds(Long.getLong("it.delivery-timeout", 120)),
				() -> stub.events().size() == EVENTS && stub.mails().size() == MAILS && pending() == 0);
		long total = millisSince(started);

		Map<Integer, Integer> events = stub.events();
		long duplicates = events.values().stream().mapToLong((count) -> count - 1).sum();
		Map<String, Integer> mails = stub.mails();
		Map<String, Integer> keys = stub.deliveriesByKey();
		record("events: %d of %d delivered, %d duplicate deliveries (%s)", events.size(), EVENTS, duplicates,
				events.entrySet().stream().filter((e) -> e.getValue() > 1).map((e) -> e.getKey() + "x" + e.getValue())
					.limit(20).collect(Collectors.joining(", ")));
		record("mails: %d of %d delivered, %d more than once; %d idempotency keys delivered, %d more than once; "
				+ "%d idempotent replays answered without sending, %d conflicts", mails.size(), MAILS,
				mails.values().stream().filter((count) -> count > 1).count(), keys.size(),
				keys.values().stream().filter((count) -> count > 1).count(), stub.replays(), stub.conflicts());
		record("Resend: %d requests, %d answered 429, at most %d in one sliding second, closest two %d ms apart %s",
				stub.resendRequests(), stub.rateLimited(), stub.maxInOneSecond(), stub.minSpacingMillis(),
				stub.rateLimitLog());
		Map<String, Long> published = jdbc.queryForList("select message_id from "
				+ DeliveryTestApplication.PublishedWebhooks.TABLE, String.class).stream()
			.collect(Collectors.groupingBy((id) -> id, Collectors.counting()));
		record("webhooks published: %s", published);
		JsonNode status = json.readTree(a.get("/actuator/saasdelivery")).path("status");
		record("saasdelivery on %s: %s; whole test %d ms", a.name, status, total);

		for (int n = 0; n < EVENTS; n++) {
			assertThat(events.get(n)).as("deliveries of event %d", n).isNotNull().isPositive();
		}
		for (int n = 0; n < MAILS; n++) {
			assertThat(mails.get("mail-" + n)).as("deliveries of mail %d", n).isEqualTo(1);
		}
		assertThat(keys).hasSize(SINGLE_MAILS + (MAILS - SINGLE_MAILS) / BATCH_SIZE).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
		assertThat(stub.conflicts()).isZero();
		assertThat(stub.rateLimited()).as("429 answers of Resend").isZero();
		assertThat(published).containsOnly(Map.entry(first, 1L), Map.entry(second, 1L));
		assertThat(pending()).isZero();
		assertThat(jdbc.queryForObject("select count(*) from saas_delivery_failed", Long.class)).isZero();
		assertThat(status.path("pending").asLong(-1)).isZero();
		assertThat(status.path("failed").asLong(-1)).isZero();
		for (Instance app : List.of(a, b, restarted)) {
			assertThat(app.status("/actuator/health")).as("health of %s", app.name).isEqualTo(200);
		}
	}

	private static long pending() {
		Long count = jdbc.queryForObject("select count(*) from " + SCHEDULED_TASKS + " where task_name = ?",
				Long.class, DELIVERY_TASK);
		return (count != null) ? count : -1;
	}

	/** A signed Resend webhook (Svix scheme) with the given message id, posted to an instance; its status. */
	private static CompletableFuture<Integer> webhook(Instance instance, String id) {
		String body = "{\"type\":\"email.delivered\",\"created_at\":\"2026-01-05T10:00:00.000Z\",\"data\":{"
				+ "\"email_id\":\"4ef9a417-02e9-4d39-ad75-9611e0fcc33c\",\"from\":\"IT <it@example.test>\","
				+ "\"to\":[\"mail-1@example.test\"],\"subject\":\"mail-1\",\"created_at\":\"2026-01-05T09:59:59.000Z\"}}";
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		long timestamp = Instant.now().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(instance.uri("/webhooks/resend"))
			.header("Content-Type", "application/json")
			.header("svix-id", id)
			.header("svix-timestamp", String.valueOf(timestamp))
			.header("svix-signature", StandardWebhookVerifier.sign(RESEND_WEBHOOK_SECRET, id, timestamp, bytes))
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.timeout(Duration.ofSeconds(30))
			.build();
		return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
	}

	private static void await(List<CompletableFuture<String>> requests) {
		CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
	}

	private static void awaitTrue(String what, Duration timeout, BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out after " + timeout + " waiting for " + what + "; events "
						+ stub.events().size() + ", mails " + stub.mails().size() + ", pending " + pending()
						+ ", Resend requests " + stub.resendRequests() + ", 429s " + stub.rateLimited());
			}
			sleep(100);
		}
	}

	private static void sleepUntil(long nanoTime) {
		long left = nanoTime - System.nanoTime();
		if (left > 0) {
			sleep(TimeUnit.NANOSECONDS.toMillis(left) + 1);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static long millisSince(long nanoTime) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
	}

	private static String placeholders(int count) {
		return String.join(", ", Collections.nCopies(count, "?"));
	}

	private static Object[] params(Object first, List<String> rest) {
		return params(first, null, rest);
	}

	private static Object[] params(Object first, Object second, List<String> rest) {
		List<Object> params = new ArrayList<>();
		params.add(first);
		if (second != null) {
			params.add(second);
		}
		params.addAll(rest);
		return params.toArray();
	}

	private static void record(String format, Object... args) {
		String line = String.format(format, args);
		report.add(line);
		System.out.println("[MultiInstanceDeliveryIT] " + line);
		try {
			Path file = Path.of("target", "multi-instance-delivery.txt");
			Files.createDirectories(file.getParent());
			Files.write(file, report, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The class path of the instances: this JVM's, expanded when it is a manifest-only jar, without WireMock. */
	static String childClassPath() {
		List<String> entries = new ArrayList<>();
		for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
			entries.addAll(expand(entry));
		}
		return entries.stream()
			.filter((entry) -> !Path.of(entry).getFileName().toString().startsWith("wiremock"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	private static List<String> expand(String entry) {
		if (!entry.endsWith(".jar")) {
			return List.of(entry);
		}
		try (JarFile jar = new JarFile(entry)) {
			String classPath = (jar.getManifest() != null) ? jar.getManifest().getMainAttributes().getValue("Class-Path")
					: null;
			if (classPath == null || !Path.of(entry).getFileName().toString().startsWith("surefirebooter")) {
				return List.of(entry);
			}
			URL base = Path.of(entry).toUri().toURL();
			List<String> expanded = new ArrayList<>();
			for (String item : classPath.trim().split("\\s+")) {
				expanded.add(Path.of(new URL(base, item).toURI()).toString());
			}
			return expanded;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not read the class path of " + entry, ex);
		}
	}

	/** One application instance: a JVM running {@link DeliveryTestApplication}. */
	static final class Instance {

		final String name;

		private final int port;

		private Process process;

		Instance(int index) {
			this.name = "app-" + index;
			this.port = freePort();
		}

		void start() {
			TestPostgres postgres = TestPostgres.get();
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			List<String> command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC",
					"-XX:TieredStopAtLevel=1", "-Dit.parent-pid=" + ProcessHandle.current().pid(),
					"-Dit.instance=" + this.name, "-cp", childClassPath(), DeliveryTestApplication.class.getName(),
					"--server.port=" + this.port, "--server.address=127.0.0.1", "--spring.datasource.url=" + url,
					"--spring.datasource.username=" + postgres.username(), "--saas.delivery.store=jdbc",
					"--saas.delivery.jdbc.initialize-schema=always", "--saas.delivery.jdbc.heartbeat-interval=1s",
					"--saas.delivery.jdbc.missed-heartbeats=4", "--saas.delivery.poll-interval=200ms",
					"--saas.delivery.initial-backoff=200ms", "--saas.events.logsnag.base-url=" + stub.baseUrl(),
					"--saas.mail.resend.base-url=" + stub.baseUrl(), "--logging.level.root=WARN",
					"--logging.level.io.saasstack=INFO", "--saas.health.timeout=20s"));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			// credentials go through the environment, not the command line
			builder.environment().put("SPRING_DATASOURCE_PASSWORD", postgres.password());
			builder.environment().put("SAAS_EVENTS_LOGSNAG_TOKEN", LOGSNAG_TOKEN);
			builder.environment().put("SAAS_MAIL_RESEND_APIKEY", RESEND_API_KEY);
			builder.environment().put("SAAS_MAIL_RESEND_WEBHOOKSECRET", RESEND_WEBHOOK_SECRET);
			try {
				this.process = builder.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			instances.add(this);
			Thread pump = new Thread(() -> {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
					String line;
					while ((line = reader.readLine()) != null) {
						System.out.println("[" + this.name + "] " + line);
					}
				}
				catch (IOException ex) {
					// the process is gone
				}
			}, this.name + "-output");
			pump.setDaemon(true);
			pump.start();
		}

		void awaitReady(Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			int last = -1;
			while (System.nanoTime() < deadline) {
				if (!this.process.isAlive()) {
					throw new AssertionError(this.name + " exited with " + this.process.exitValue()
							+ " before it was ready: see its output above");
				}
				last = status("/actuator/health");
				if (last == 200) {
					return;
				}
				sleep(250);
			}
			throw new AssertionError(this.name + " not ready after " + timeout + ": /actuator/health answered " + last
					+ ((last > 0) ? " " + get("/actuator/health", last) : ""));
		}

		/** SIGKILL (destroyForcibly on Linux); returns the exit status. */
		int kill() {
			if (this.process == null) {
				return -1;
			}
			this.process.destroyForcibly();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException(this.name + " did not die");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			instances.remove(this);
			return this.process.exitValue();
		}

		URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.port + path);
		}

		CompletableFuture<String> post(String path) {
			HttpRequest request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody())
				.timeout(Duration.ofSeconds(Long.getLong("it.request-timeout", 180)))
				.build();
			return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
				if (response.statusCode() != 200) {
					throw new AssertionError("POST " + path + " on " + this.name + ": " + response.statusCode() + " "
							+ response.body());
				}
				return response.body();
			});
		}

		String get(String path) {
			return get(path, 200);
		}

		String get(String path, int expectedStatus) {
			try {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).as("GET " + path + " on " + this.name).isEqualTo(expectedStatus);
				return response.body();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		int status(String path) {
			try {
				return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException ex) {
				return -1;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

		private static int freePort() {
			try (ServerSocket socket = new ServerSocket(0)) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
