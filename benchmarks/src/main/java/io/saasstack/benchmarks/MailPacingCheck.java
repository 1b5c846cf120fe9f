package io.saasstack.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.saasstack.mail.BatchResult;
import io.saasstack.mail.Email;
import io.saasstack.mail.ReactiveMailClient;
import reactor.core.publisher.Flux;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Sends 1,000 mails through the batch API and 200 single mails, all at once, to a Resend stub
 * that allows 5 requests per second: with the paced client (default settings) and, in the same
 * process, with pacing effectively off. Reports requests, 429s, mails delivered exactly once and
 * wall time against the theoretical minimum. The paced run is made twice: in a cold JVM the first
 * request (class loading, connection set-up) can reach the stub well after the second one left,
 * which no pacing of departures can prevent. The warm paced run is then repeated with a
 * CPU-burning thread on every core, and its throughput compared with the unloaded one. Run:
 * {@code java -cp ... io.saasstack.benchmarks.MailPacingCheck}; with the argument {@code paced},
 * only the cold and warm paced runs.
 */
public final class MailPacingCheck {

	private static final int BATCH_MAILS = 1000;

	private static final int SINGLE_MAILS = 200;

	private static final int LIMIT = 5;

	private MailPacingCheck() {
	}

	public static void main(String[] args) {
		run("paced (requests-per-second=5, the default), cold JVM", "5");
		long quiet = run("paced (requests-per-second=5, the default), warm JVM", "5");
		if (args.length > 0 && args[0].equals("paced")) {
			// the paced runs only: comparing connectors (-Dspring.http.clients.reactive.connector=jdk)
			return;
		}
		int cores = Runtime.getRuntime().availableProcessors();
		long loaded;
		try (CpuBurners burners = new CpuBurners(cores)) {
			loaded = run("paced (default), warm JVM, a CPU-burning thread on each of the " + cores + " cores", "5");
		}
		System.out.printf("  throughput under CPU load vs unloaded, same run: %.2f (%,d ms vs %,d ms)%n",
				(double) quiet / loaded, loaded, quiet);
		run("unpaced (requests-per-second=1000)", "1000");
	}

	/** Threads spinning on arithmetic until closed: a machine whose cores are all busy. */
	static final class CpuBurners implements AutoCloseable {

		private volatile boolean burning = true;

		private final List<Thread> threads = new ArrayList<>();

		CpuBurners(int count) {
			for (int i = 0; i < count; i++) {
				Thread thread = new Thread(() -> {
					double x = 1;
					while (this.burning) {
						x = Math.sqrt(x + 1.000001) * 1.0000001;
					}
					if (x == 42) {
						System.out.println(x);
					}
				}, "cpu-burner-" + i);
				thread.setDaemon(true);
				thread.start();
				this.threads.add(thread);
			}
		}

		@Override
		public void close() {
			this.burning = false;
			for (Thread thread : this.threads) {
				try {
					thread.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

	/** Runs the load once; returns the wall time in milliseconds. */
	private static long run(String label, String requestsPerSecond) {
		try (StubResend stub = new StubResend(LIMIT);
				ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
					.web(WebApplicationType.NONE)
					.properties("saas.mail.resend.api-key=re_benchmark", "saas.mail.resend.base-url=" + stub.baseUrl(),
							"saas.mail.resend.requests-per-second=" + requestsPerSecond,
							"saas.mail.default-from=Acme <hello@acme.test>", "spring.main.banner-mode=off",
							"logging.level.root=WARN", BenchmarkApplication.NO_DATABASE)
					.run()) {
			ReactiveMailClient mail = context.getBean(ReactiveMailClient.class);
			List<Email> batch = new ArrayList<>();
			for (int i = 0; i < BATCH_MAILS; i++) {
				batch.add(mail(i));
			}
			AtomicInteger accepted = new AtomicInteger();
			AtomicInteger failed = new AtomicInteger();
			long start = System.nanoTime();
			Flux<Integer> batchSend = mail.sendBatch(batch)
				.map(BatchResult::ids)
				.map(List::size)
				.onErrorResume((ex) -> {
					failed.addAndGet(BATCH_MAILS);
					return reactor.core.publisher.Mono.empty();
				})
				.flux();
			Flux<Integer> singles = Flux.range(0, SINGLE_MAILS)
				.flatMap((i) -> mail.send(mail(BATCH_MAILS + i)).map((result) -> 1).onErrorResume((ex) -> {
					failed.incrementAndGet();
					return reactor.core.publisher.Mono.empty();
				}), SINGLE_MAILS);
			Flux.merge(batchSend, singles).doOnNext(accepted::addAndGet).blockLast(Duration.ofMinutes(10));
			long elapsed = Duration.ofNanos(System.nanoTime() - start).toMillis();
			long minimumRequests = (BATCH_MAILS + 99) / 100 + SINGLE_MAILS;
			long minimumMillis = ((minimumRequests + LIMIT - 1) / LIMIT - 1) * 1000;
			System.out.printf("%s%n  requests %d (minimum %d), 429s %d, mails accepted %d, failed %d, delivered by the stub %d"
					+ " (exactly once: %s)%n  wall time %,d ms, theoretical minimum %,d ms (%.2fx)%n", label,
					stub.requests(), minimumRequests, stub.rejected(), accepted.get(), failed.get(), stub.delivered(),
					stub.delivered() == accepted.get() && accepted.get() == BATCH_MAILS + SINGLE_MAILS, elapsed,
					minimumMillis, (double) elapsed / minimumMillis);
			return elapsed;
		}
	}

	private static Email mail(int i) {
		return Email.builder().to("user" + i + "@example.com").subject("Receipt " + i).text("Thanks!").build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
