package io.saasstack.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

import io.saasstack.benchmarks.BenchmarkApplication.AccountService;
import io.saasstack.benchmarks.DurableApplications.Database;
import io.saasstack.benchmarks.DurableApplications.Listeners;
import io.saasstack.benchmarks.DurableApplications.MailRequested;
import io.saasstack.benchmarks.DurableApplications.UserUpgraded;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.mail.MailOutbox;
import io.saasstack.testsupport.postgres.TestPostgres;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * End-to-end delivery with three application instances (three Spring contexts in this JVM, each with its own Hikari
 * pool and its own scheduler or executor) sharing one PostgreSQL ({@link TestPostgres}) and one {@link ProviderStub}
 * answering in 10 ms:
 * <ul>
 * <li>saas-stack, {@code saas.delivery.store=jdbc} (db-scheduler, 10 threads per instance);</li>
 * <li>Spring Modulith 2.0.3's JDBC event publication registry: an {@code @ApplicationModuleListener} (async, after
 * commit) sending with saas-stack's blocking clients, 10 executor threads per instance;</li>
 * <li>saas-stack, {@code saas.delivery.store=memory}.</li>
 * </ul>
 * Each side gets the same two loads:
 * <ul>
 * <li><b>publish and deliver</b>: 6 threads (2 per instance) publish the events (or mails), one per transaction;
 * measured from the first publication to the last delivery.</li>
 * <li><b>backlog</b>: the whole load is committed first, then drained. saas-stack: one transaction on instance 1
 * writes it, then every instance is woken. Modulith delivers an event only in the instance that published it, so a
 * third is published on each instance while its listeners wait at a gate, then the gates open.</li>
 * </ul>
 * Mails are sent at {@code requests-per-second=10000} to a stub without a limit (the pacing still takes its turn:
 * saas-stack's in the shared Bucket4j bucket, one database round trip per mail). {@code limit} sends mails at the
 * default 5 requests per second to a stub that enforces 5 per sliding second with 429s. Each side first delivers a
 * small warm-up load, not reported. {@code sides=} chooses the sides and their order; an argument
 * {@code saas.x=y} is a further property of every instance (both sides: Modulith's instances run saas-stack's
 * clients).
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" io.saasstack.benchmarks.DurableThroughputCheck [events|mails|limit ...] [events=5000] [mails=1000] [limited=60] [sides=modulith,saas_jdbc,saas_memory] [saas.delivery.threads=20 ...]
 * </pre>
 */
public final class DurableThroughputCheck {

	private static final int INSTANCES = 3;

	private static final int PUBLISHERS_PER_INSTANCE = 2;

	private static final Duration TIMEOUT = Duration.ofMinutes(5);

	private static int events = 5000;

	private static int mails = 1000;

	private static int limited = 60;

	private static int run;

	private static int repetitions = 3;

	private DurableThroughputCheck() {
	}

	public static void main(String[] args) throws Exception {
		List<String> parts = new ArrayList<>();
		List<Side> sides = new ArrayList<>(List.of(Side.SAAS_JDBC, Side.MODULITH, Side.SAAS_MEMORY));
		List<String> saasProperties = new ArrayList<>(List.of("saas.mail.resend.requests-per-second=10000"));
		for (String arg : args) {
			if (arg.startsWith("sides=")) {
				sides.clear();
				for (String side : arg.substring(6).split(",")) {
					sides.add(Side.valueOf(side.toUpperCase()));
				}
				continue;
			}
			if (arg.startsWith("saas.")) {
				saasProperties.add(arg);
				continue;
			}
			if (arg.startsWith("events=")) {
				events = Integer.parseInt(arg.substring(7));
			}
			else if (arg.startsWith("mails=")) {
				mails = Integer.parseInt(arg.substring(6));
			}
			else if (arg.startsWith("repetitions=")) {
				repetitions = Integer.parseInt(arg.substring(12));
			}
			else if (arg.startsWith("limited=")) {
				limited = Integer.parseInt(arg.substring(8));
			}
			else {
				parts.add(arg);
			}
		}
		if (parts.isEmpty()) {
			parts = List.of("events", "mails", "limit");
		}
		TestPostgres postgres = TestPostgres.get();
		System.out.println("PostgreSQL " + postgres.version() + "; " + DurableCallerCostCheck.load());
		try (ProviderStub stub = new ProviderStub(Duration.ofMillis(10), 0)) {
			if (parts.contains("events") || parts.contains("mails")) {
				boolean doEvents = parts.contains("events");
				boolean doMails = parts.contains("mails");
				// every side's instances run at once (idle ones only poll); the sides take turns, in an order
				// rotated every repetition, so that JIT warmth and the machine's load fall on all of them
				List<Instances> all = new ArrayList<>();
				for (Side side : sides) {
					all.add(Instances.start(side, database(postgres, side), stub,
							saasProperties.toArray(String[]::new)));
				}
				Map<String, List<Double>> rates = new LinkedHashMap<>();
				try {
					for (int repetition = 0; repetition <= repetitions; repetition++) {
						boolean warmUp = repetition == 0;
						int[] sizes = { events, mails };
						if (warmUp) {
							// not reported: class loading, JIT, connections
							events = Math.min(events, 500);
							mails = Math.min(mails, 100);
						}
						for (int i = 0; i < all.size(); i++) {
							Instances instances = all.get((repetition + i) % all.size());
							Side side = instances.side;
							if (doEvents) {
								record(rates, warmUp, side, "events, publish and deliver", events,
										instances.publishEvents(stub));
								if (side != Side.SAAS_MEMORY) {
									record(rates, warmUp, side, "events, backlog", events,
											instances.backlogEvents(stub));
								}
							}
							if (doMails) {
								record(rates, warmUp, side, "mails, publish and deliver", mails,
										instances.publishMails(stub));
								if (side != Side.SAAS_MEMORY) {
									record(rates, warmUp, side, "mails, backlog", mails, instances.backlogMails(stub));
								}
							}
						}
						events = sizes[0];
						mails = sizes[1];
					}
				}
				finally {
					all.forEach(Instances::close);
				}
				System.out.printf("%nmedians over %d repetitions (per second); %s%n", repetitions,
						DurableCallerCostCheck.load());
				rates.forEach((key, values) -> System.out.printf("%-50s %8.1f   %s%n", key,
						DurableCallerCostCheck.median(values.stream().mapToDouble(Double::doubleValue).toArray()),
						values));
			}
		}
		if (parts.contains("limit")) {
			try (ProviderStub stub = new ProviderStub(Duration.ofMillis(10), 5)) {
				for (Side side : List.of(Side.SAAS_JDBC, Side.MODULITH)) {
					Instances instances = Instances.start(side, database(postgres, side), stub);
					try {
						Result result = instances.publishMails(stub, limited, Duration.ofSeconds(60));
						report(side, "mails at 5/s, limit enforced", limited, result);
					}
					finally {
						instances.close();
					}
				}
			}
		}
	}

	private static Database database(TestPostgres postgres, Side side) {
		String name = "throughput_" + side.name().toLowerCase() + "_" + (++run) + "_" + System.currentTimeMillis();
		return new Database(postgres.createDatabase(name), postgres.username(), postgres.password());
	}

	private static void record(Map<String, List<Double>> rates, boolean warmUp, Side side, String load, int count,
			Result result) {
		if (warmUp) {
			return;
		}
		report(side, load, count, result);
		rates.computeIfAbsent(side.label + ", " + load, (key) -> new ArrayList<>())
			.add(Math.round(10 * result.delivered() / (result.nanos() / 1e9)) / 10.0);
	}

	private static void report(Side side, String load, int count, Result result) {
		double seconds = result.nanos() / 1e9;
		System.out.printf("%-13s %-32s %6d/%d delivered in %7.2f s = %8.1f /s (published in %.2f s), requests %d, "
				+ "repeats %d, 429s %d, left pending %d; %s%n", side.label, load, result.delivered(), count, seconds,
				result.delivered() / seconds, result.publishNanos() / 1e9, result.requests(),
				result.requests() - result.delivered() - result.rejected(), result.rejected(), result.pending(),
				DurableCallerCostCheck.load());
	}

	enum Side {

		SAAS_JDBC("saas jdbc"), MODULITH("modulith"), SAAS_MEMORY("saas memory");

		final String label;

		Side(String label) {
			this.label = label;
		}

	}

	record Result(int delivered, long nanos, long publishNanos, long requests, long rejected, long pending) {
	}

	/** One publication: instance, number. */
	interface Publication {

		void publish(int instance, int n);

	}

	static final class Instances {

		private final Side side;

		private final List<ConfigurableApplicationContext> contexts;

		private int batch;

		private Instances(Side side, List<ConfigurableApplicationContext> contexts) {
			this.side = side;
			this.contexts = contexts;
		}

		static Instances start(Side side, Database database, ProviderStub stub, String... properties) {
			List<ConfigurableApplicationContext> contexts = new ArrayList<>();
			for (int i = 0; i < INSTANCES; i++) {
				contexts.add(switch (side) {
					case SAAS_JDBC -> DurableApplications.saas(database, stub, "jdbc", properties);
					case SAAS_MEMORY -> DurableApplications.saas(database, stub, "memory", properties);
					case MODULITH -> DurableApplications.modulith(database, stub, properties);
				});
			}
			return new Instances(side, contexts);
		}

		private <T> T bean(int instance, Class<T> type) {
			return this.contexts.get(instance).getBean(type);
		}

		private void event(int instance, int n) {
			if (this.side == Side.MODULITH) {
				this.contexts.get(instance).publishEvent(new UserUpgraded("user_123", "pro", n));
			}
			else {
				bean(instance, AccountService.class).upgrade("user_123", "pro", n);
			}
		}

		private void mail(int instance, int n) {
			String key = "bench/" + this.batch + "/" + n;
			if (this.side == Side.MODULITH) {
				this.contexts.get(instance).publishEvent(new MailRequested(n, key));
			}
			else {
				bean(instance, MailOutbox.class).enqueue(DurableApplications.mail(n), key);
			}
		}

		Result publishEvents(ProviderStub stub) throws Exception {
			return publish(stub, events, this::event, stub::events, TIMEOUT);
		}

		Result publishMails(ProviderStub stub) throws Exception {
			return publishMails(stub, mails, TIMEOUT);
		}

		Result publishMails(ProviderStub stub, int count, Duration timeout) throws Exception {
			this.batch++;
			return publish(stub, count, this::mail, stub::mails, timeout);
		}

		/** Publishers, two per instance, one transaction per item; until all are delivered. */
		private Result publish(ProviderStub stub, int count, Publication publication, IntSupplier delivered,
				Duration timeout) throws Exception {
			stub.reset();
			int publishers = INSTANCES * PUBLISHERS_PER_INSTANCE;
			ExecutorService pool = Executors.newFixedThreadPool(publishers);
			long t0 = System.nanoTime();
			try {
				List<Future<?>> futures = new ArrayList<>();
				for (int p = 0; p < publishers; p++) {
					int publisher = p;
					int instance = p % INSTANCES;
					TransactionTemplate transactions = bean(instance, TransactionTemplate.class);
					futures.add(pool.submit(() -> {
						for (int n = publisher + 1; n <= count; n += publishers) {
							int item = n;
							transactions.executeWithoutResult((status) -> publication.publish(instance, item));
						}
					}));
				}
				for (Future<?> future : futures) {
					future.get();
				}
			}
			finally {
				pool.shutdown();
			}
			long published = System.nanoTime() - t0;
			return await(stub, count, delivered, t0, published, timeout);
		}

		Result backlogEvents(ProviderStub stub) throws Exception {
			return backlog(stub, events, this::event, stub::events);
		}

		Result backlogMails(ProviderStub stub) throws Exception {
			this.batch++;
			return backlog(stub, mails, this::mail, stub::mails);
		}

		private Result backlog(ProviderStub stub, int count, Publication publication, IntSupplier delivered)
				throws Exception {
			stub.reset();
			long f0 = System.nanoTime();
			long t0;
			if (this.side == Side.MODULITH) {
				List<Listeners> listeners = this.contexts.stream().map((c) -> c.getBean(Listeners.class)).toList();
				CountDownLatch gate = new CountDownLatch(1);
				listeners.forEach((l) -> l.gate = gate);
				ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
				try {
					List<Future<?>> futures = new ArrayList<>();
					for (int i = 0; i < INSTANCES; i++) {
						int instance = i;
						TransactionTemplate transactions = bean(instance, TransactionTemplate.class);
						futures.add(pool.submit(() -> transactions.executeWithoutResult((status) -> {
							for (int n = instance + 1; n <= count; n += INSTANCES) {
								publication.publish(instance, n);
							}
						})));
					}
					for (Future<?> future : futures) {
						future.get();
					}
				}
				finally {
					pool.shutdown();
				}
				t0 = System.nanoTime();
				gate.countDown();
			}
			else {
				bean(0, TransactionTemplate.class).executeWithoutResult((status) -> {
					for (int n = 1; n <= count - (INSTANCES - 1); n++) {
						publication.publish(0, n);
					}
				});
				t0 = System.nanoTime();
				// the last items, one on each other instance outside a transaction: wakes its scheduler at once
				for (int i = 1; i < INSTANCES; i++) {
					publication.publish(i, count - (INSTANCES - 1) + i);
				}
			}
			return await(stub, count, delivered, t0, t0 - f0, TIMEOUT);
		}

		private Result await(ProviderStub stub, int count, IntSupplier delivered, long t0, long published,
				Duration timeout) throws InterruptedException {
			long deadline = System.nanoTime() + timeout.toNanos();
			int last = -1;
			long lastChange = System.nanoTime();
			StringBuilder timeline = new StringBuilder();
			long nextMark = t0 + 5_000_000_000L;
			while (delivered.getAsInt() < count && System.nanoTime() < deadline) {
				Thread.sleep(5);
				int now = delivered.getAsInt();
				if (System.nanoTime() >= nextMark) {
					timeline.append(' ').append(now);
					nextMark += 5_000_000_000L;
				}
				if (now != last) {
					last = now;
					lastChange = System.nanoTime();
				}
				else if (System.nanoTime() - lastChange > Duration.ofSeconds(20).toNanos()) {
					break; // nothing more is coming (lost)
				}
			}
			if (timeline.length() > 0) {
				System.out.println("  delivered every 5 s since the start:" + timeline);
			}
			Thread.sleep(300); // late repeats
			int got = delivered.getAsInt();
			long end = (got > 0) ? stub.lastDelivery() : System.nanoTime();
			// one kind per load: the other count is 0
			return new Result(got, end - t0, published, stub.eventRequests() + stub.mailRequests(), stub.rejected(),
					pending());
		}

		private long pending() {
			return switch (this.side) {
				case SAAS_JDBC -> bean(0, DeliveryMonitor.class).status().pending();
				case MODULITH -> bean(0, JdbcTemplate.class)
					.queryForObject("SELECT count(*) FROM event_publication WHERE completion_date IS NULL", Long.class);
				case SAAS_MEMORY -> 0;
			};
		}

		void close() {
			for (ConfigurableApplicationContext context : this.contexts) {
				context.close();
			}
		}

	}

}
