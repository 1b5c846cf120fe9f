package io.saasstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs calls on threads of their own, released together by a latch, and records what each one got
 * and how long it waited.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Runs {@code count} calls at once and waits for all of them, at most {@code deadline}.
	 * @return the outcome of each call
	 */
	public static List<Outcome> run(int count, Duration deadline, Callable<?> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(count);
		try {
			CountDownLatch ready = new CountDownLatch(count);
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Outcome>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(executor.submit(() -> {
					ready.countDown();
					start.await();
					long begin = System.nanoTime();
					try {
						call.call();
						return new Outcome(null, Duration.ofNanos(System.nanoTime() - begin));
					}
					catch (Exception ex) {
						return new Outcome(ex, Duration.ofNanos(System.nanoTime() - begin));
					}
				}));
			}
			ready.await();
			start.countDown();
			List<Outcome> outcomes = new ArrayList<>();
			long end = System.nanoTime() + deadline.toNanos();
			for (Future<Outcome> future : futures) {
				outcomes.add(future.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			return outcomes;
		}
		finally {
			executor.shutdownNow();
		}
	}

	/**
	 * What one call got.
	 * @param failure its exception, or null when it returned
	 * @param waited how long it took
	 */
	public record Outcome(Exception failure, Duration waited) {

	}

}
