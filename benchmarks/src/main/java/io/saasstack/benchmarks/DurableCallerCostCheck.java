package io.saasstack.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.saasstack.benchmarks.BenchmarkApplication.AccountService;
import io.saasstack.benchmarks.DurableApplications.Database;
import io.saasstack.delivery.jdbc.DeliveryItem;
import io.saasstack.delivery.jdbc.DeliveryItemSerializer;
import io.saasstack.events.LogEvent;
import io.saasstack.events.delivery.LogSnagDeliveryTask;
import io.saasstack.events.logsnag.LogSnagRequests;
import io.saasstack.testsupport.postgres.TestPostgres;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.saasstack.delivery.jdbc.DbSchedulerDeliveryQueue;
import io.saasstack.delivery.jdbc.DeliveryTasks;
import io.saasstack.events.EventTracker;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Caller-side cost of {@code @TrackEvent} with {@code saas.delivery.store=jdbc}, against a plain
 * {@code JdbcTemplate} insert of the same stored bytes into a table with the same columns and indexes
 * ({@code CREATE TABLE ... (LIKE saas_scheduled_tasks INCLUDING ALL)}), on the same PostgreSQL and the same Hikari
 * pool; with memory mode's {@code @TrackEvent} and the untracked method for reference. A main, not JMH: the variants
 * alternate in rounds (order rotated), so that the load of a shared machine falls on all of them; the figure of a
 * variant is the median over rounds of its mean time per call. Measured with 1 and 4 calling threads; also the CPU
 * time of the calling threads per call. {@code no-delivery} stops the jdbc context's scheduler first, so that the
 * caller's side is measured without the delivery of the events it writes competing for the cores;
 * {@code breakdown} adds the layers of the jdbc call one at a time.
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" io.saasstack.benchmarks.DurableCallerCostCheck [no-delivery] [breakdown] [rounds] [calls per round]
 * </pre>
 */
public final class DurableCallerCostCheck {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static final AtomicInteger sequence = new AtomicInteger();

	private DurableCallerCostCheck() {
	}

	public static void main(String[] args) throws Exception {
		boolean breakdown = false;
		boolean deliveryStopped = false;
		while (args.length > 0 && !Character.isDigit(args[0].charAt(0))) {
			breakdown |= args[0].equals("breakdown");
			deliveryStopped |= args[0].equals("no-delivery");
			args = Arrays.copyOfRange(args, 1, args.length);
		}
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		int calls = (args.length > 1) ? Integer.parseInt(args[1]) : 400;
		TestPostgres postgres = TestPostgres.get();
		String db = "caller_cost_" + System.currentTimeMillis();
		Database database = new Database(postgres.createDatabase(db), postgres.username(), postgres.password());
		System.out.println("PostgreSQL " + postgres.version() + "; " + load());
		try (ProviderStub stub = new ProviderStub(Duration.ofMillis(10), 0)) {
			ConfigurableApplicationContext jdbc = DurableApplications.saas(database, stub, "jdbc");
			// every call goes into the memory queue (the default DROP_NEWEST turns calls past 10,000 queued into drops)
			ConfigurableApplicationContext memory = DurableApplications.saas(database, stub, "memory",
					"saas.events.delivery.overflow=DROP_OLDEST");
			try {
				if (deliveryStopped) {
					// the caller's side alone: no delivery competes for the cores (the rows stay in the table)
					jdbc.getBean("saasDeliveryScheduler", SmartLifecycle.class).stop();
					System.out.println("jdbc delivery stopped: the caller's side alone");
				}
				JdbcTemplate jdbcTemplate = jdbc.getBean(JdbcTemplate.class);
				jdbcTemplate.execute("CREATE TABLE plain_events (LIKE saas_scheduled_tasks INCLUDING ALL)");
				byte[] stored = storedBytes(jdbc.getBean(LogSnagRequests.class));
				System.out.println("stored task_data: " + stored.length + " bytes (both sides)");
				AccountService tracked = jdbc.getBean(AccountService.class);
				AccountService trackedInMemory = memory.getBean(AccountService.class);
				Map<String, Runnable> variants = new LinkedHashMap<>();
				if (breakdown) {
					breakdown(jdbc, jdbcTemplate, stored, tracked, rounds, calls);
					return;
				}
				variants.put("plain JdbcTemplate insert", () -> jdbcTemplate.update(
						"INSERT INTO plain_events (task_name, task_instance, task_data, execution_time, picked, version)"
								+ " VALUES (?, ?, ?, ?, false, 1)",
						"saas-delivery", "saas-logsnag:" + UUID.randomUUID(), stored, Timestamp.from(Instant.now())));
				variants.put("@TrackEvent, jdbc", () -> tracked.upgrade("user_123", "pro", sequence.incrementAndGet()));
				variants.put("@TrackEvent, memory",
						() -> trackedInMemory.upgrade("user_123", "pro", sequence.incrementAndGet()));
				variants.put("untracked", () -> tracked.upgradeUntracked("user_123", "pro", 5));
				for (int threads : new int[] { 1, 4 }) {
					// warm-up: enough calls of every variant for the JIT's last tier (about 10,000 invocations)
					measure(variants, threads, 3, calls * 10, false);
					measure(variants, threads, rounds, calls, true);
				}
				System.out.println("delivered to the stub meanwhile: " + stub.eventRequests() + "; " + load());
			}
			finally {
				memory.close();
				jdbc.close();
			}
		}
	}

	/**
	 * Where the time of a jdbc {@code @TrackEvent} goes, one layer added per variant: db-scheduler's insert of a
	 * ready item (no wake-up), the queue's enqueue of a ready payload (adds the wake-up), the tracker (adds the
	 * request checks and the JSON payload), the annotated method (adds SpEL and the proxy).
	 */
	private static void breakdown(ConfigurableApplicationContext jdbc, JdbcTemplate jdbcTemplate, byte[] stored,
			AccountService tracked, int rounds, int calls) throws Exception {
		DbSchedulerDeliveryQueue queue = jdbc.getBean(DbSchedulerDeliveryQueue.class);
		Field field = DbSchedulerDeliveryQueue.class.getDeclaredField("client");
		field.setAccessible(true);
		SchedulerClient client = (SchedulerClient) field.get(queue);
		LogSnagDeliveryTask task = jdbc.getBean(LogSnagDeliveryTask.class);
		LogSnagRequests requests = jdbc.getBean(LogSnagRequests.class);
		EventTracker tracker = jdbc.getBean(EventTracker.class);
		String payload = LogSnagDeliveryTask.payload(requests.prepare(event(12345)));
		Map<String, Runnable> variants = new LinkedHashMap<>();
		variants.put("plain JdbcTemplate insert", () -> jdbcTemplate.update(
				"INSERT INTO plain_events (task_name, task_instance, task_data, execution_time, picked, version)"
						+ " VALUES (?, ?, ?, ?, false, 1)",
				"saas-delivery", "saas-logsnag:" + UUID.randomUUID(), stored, Timestamp.from(Instant.now())));
		variants.put("scheduleBatch, ready item", () -> client.scheduleBatch(
				List.of(new TaskInstance<>(DeliveryTasks.NAME, "saas-logsnag:" + UUID.randomUUID(),
						new DeliveryItem(LogSnagDeliveryTask.NAME, 0, payload))),
				Instant.now()));
		variants.put("+ wake-up (queue.enqueue)", () -> queue.enqueue(task, null, payload));
		variants.put("+ checks, JSON (track)", () -> tracker.track(event(sequence.incrementAndGet())));
		variants.put("+ SpEL, proxy (@TrackEvent)", () -> tracked.upgrade("user_123", "pro", sequence.incrementAndGet()));
		for (int threads : new int[] { 1, 4 }) {
			measure(variants, threads, 3, calls * 10, false);
			measure(variants, threads, rounds, calls, true);
		}
	}

	private static LogEvent event(int seats) {
		return LogEvent.builder("User Upgraded")
			.icon("💰")
			.description("Upgraded to pro")
			.userId("user_123")
			.tag("plan", "pro")
			.tag("seats", seats)
			.build();
	}

	/** The bytes the durable tracker stores for the benchmark's event. */
	private static byte[] storedBytes(LogSnagRequests requests) {
		LogEvent event = event(12345);
		String payload = LogSnagDeliveryTask.payload(requests.prepare(event));
		return new DeliveryItemSerializer(Serializer.DEFAULT_JAVA_SERIALIZER)
			.serialize(new DeliveryItem(LogSnagDeliveryTask.NAME, 0, payload));
	}

	private static void measure(Map<String, Runnable> variants, int threads, int rounds, int calls, boolean report)
			throws Exception {
		List<String> names = new ArrayList<>(variants.keySet());
		Map<String, double[]> wall = new LinkedHashMap<>();
		Map<String, double[]> cpu = new LinkedHashMap<>();
		names.forEach((name) -> {
			wall.put(name, new double[rounds]);
			cpu.put(name, new double[rounds]);
		});
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			for (int round = 0; round < rounds; round++) {
				for (int i = 0; i < names.size(); i++) {
					String name = names.get((round + i) % names.size());
					// memory and untracked calls are ~1000x cheaper: more of them, for a measurable round
					int n = name.contains("memory") || name.equals("untracked") ? calls * 20 : calls;
					double[] result = run(variants.get(name), pool, threads, n);
					wall.get(name)[round] = result[0];
					cpu.get(name)[round] = result[1];
				}
			}
		}
		finally {
			pool.shutdown();
		}
		if (!report) {
			return;
		}
		double plainWall = median(wall.get(names.get(0)));
		double plainCpu = median(cpu.get(names.get(0)));
		System.out.printf("%n%d thread(s), %d rounds, %s%n", threads, rounds, load());
		System.out.printf("%-28s %14s %12s %16s %12s %10s%n", "variant", "wall/call", "ratio", "calls/s", "cpu/call",
				"cpu ratio");
		for (String name : names) {
			double w = median(wall.get(name));
			double c = median(cpu.get(name));
			System.out.printf("%-28s %11.2f µs %11.3fx %16.0f %9.2f µs %9.2fx%n", name, w / 1000, w / plainWall,
					threads * 1e9 / w, c / 1000, c / plainCpu);
		}
	}

	/** Mean wall time per call on each thread (ns) and mean CPU time per call of the calling threads (ns). */
	private static double[] run(Runnable call, ExecutorService pool, int threads, int calls) throws Exception {
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Future<long[]>> futures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			futures.add(pool.submit(() -> {
				start.await();
				long cpu0 = THREADS.getCurrentThreadCpuTime();
				long t0 = System.nanoTime();
				for (int i = 0; i < calls; i++) {
					call.run();
				}
				return new long[] { System.nanoTime() - t0, THREADS.getCurrentThreadCpuTime() - cpu0 };
			}));
		}
		long wall = 0;
		long cpu = 0;
		for (Future<long[]> future : futures) {
			long[] result = future.get();
			wall = Math.max(wall, result[0]);
			cpu += result[1];
		}
		return new double[] { (double) wall / calls, (double) cpu / ((long) calls * threads) };
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int n = sorted.length;
		return (n % 2 == 1) ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
	}

	static String load() {
		return "load average " + String.format("%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

}
