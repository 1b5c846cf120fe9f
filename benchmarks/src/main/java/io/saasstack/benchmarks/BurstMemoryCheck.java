package io.saasstack.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * Heap after a burst of one million events while LogSnag is slow (500 ms): the bounded pipeline
 * with default settings against an unbounded queue (what a naive "fire and forget" does), in the
 * same process. Run: {@code java -cp ... io.saasstack.benchmarks.BurstMemoryCheck}.
 */
public final class BurstMemoryCheck {

	private static final int BURST = 1_000_000;

	private BurstMemoryCheck() {
	}

	public static void main(String[] args) throws Exception {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		try (StubLogSnag stub = new StubLogSnag(Duration.ofMillis(500))) {
			ConfigurableApplicationContext context = BenchmarkApplication.start(stub);
			EventTracker tracker = context.getBean(EventTracker.class);
			long before = usedAfterGc(memory);
			long start = System.nanoTime();
			int accepted = 0;
			for (int i = 0; i < BURST; i++) {
				if (tracker.track(event(i))) {
					accepted++;
				}
			}
			long elapsed = System.nanoTime() - start;
			long pipeline = usedAfterGc(memory) - before;
			context.close();

			Queue<LogEvent> unbounded = new ConcurrentLinkedQueue<>();
			long beforeNaive = usedAfterGc(memory);
			for (int i = 0; i < BURST; i++) {
				unbounded.add(event(i));
			}
			long naive = usedAfterGc(memory) - beforeNaive;
			System.out.printf("burst of %,d events in %,d ms: %,d queued, %,d dropped%n", BURST, elapsed / 1_000_000,
					accepted, BURST - accepted);
			System.out.printf("heap retained by the pipeline: %,d KB; by an unbounded queue: %,d KB (%.1fx)%n",
					pipeline / 1024, naive / 1024, (double) naive / Math.max(1, pipeline));
			System.out.println(unbounded.size());
		}
	}

	private static LogEvent event(int i) {
		return LogEvent.builder("User Upgraded").userId("user_" + i).tag("plan", "pro").build();
	}

	private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
