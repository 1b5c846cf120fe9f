package io.saasstack.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeptItemsTests {

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void stopExecutor() {
		this.executor.shutdownNow();
	}

	@Test
	void keepsTheNewestItemsOldestFirst() {
		KeptItems<String> items = new KeptItems<>(2);
		items.add("a");
		items.add("b");
		items.add("c");
		assertThat(items.list()).containsExactly("b", "c");
		assertThat(items.size()).isEqualTo(2);
	}

	@Test
	void listIsACopy() {
		KeptItems<String> items = new KeptItems<>(5);
		items.add("a");
		List<String> copy = items.list();
		items.add("b");
		assertThat(copy).containsExactly("a");
	}

	@Test
	void dropsTheOldestBeyondTheMaximumWeight() {
		KeptItems<String> items = new KeptItems<>(10, 5, String::length);
		items.add("aa");
		items.add("bb");
		items.add("c");
		assertThat(items.list()).containsExactly("aa", "bb", "c");
		items.add("dd");
		assertThat(items.list()).containsExactly("bb", "c", "dd");
	}

	@Test
	void anItemHeavierThanTheMaximumWeightIsKeptAlone() {
		KeptItems<String> items = new KeptItems<>(10, 3, String::length);
		items.add("a");
		items.add("bbbb");
		assertThat(items.list()).containsExactly("bbbb");
		items.add("c");
		assertThat(items.list()).containsExactly("c");
	}

	@Test
	void removingAndReplacingUpdateTheWeight() {
		KeptItems<String> items = new KeptItems<>(10, 4, String::length);
		items.add("aa");
		items.add("bb");
		assertThat(items.removeIf("aa"::equals)).isTrue();
		items.add("cc");
		assertThat(items.list()).containsExactly("bb", "cc");
		assertThat(items.replace("bb"::equals, (item) -> "b")).isTrue();
		items.add("d");
		assertThat(items.list()).containsExactly("b", "cc", "d");
	}

	@Test
	void findsTheOldestMatchAndAllMatches() {
		KeptItems<String> items = new KeptItems<>(10);
		items.add("a1");
		items.add("b1");
		items.add("a2");
		assertThat(items.find((item) -> item.startsWith("a"))).contains("a1");
		assertThat(items.find((item) -> item.startsWith("z"))).isEmpty();
		assertThat(items.findAll((item) -> item.startsWith("a"))).containsExactly("a1", "a2");
	}

	@Test
	void replacesTheOldestMatchInPlace() {
		KeptItems<String> items = new KeptItems<>(10);
		items.add("a");
		items.add("b");
		items.add("b");
		assertThat(items.replace("b"::equals, String::toUpperCase)).isTrue();
		assertThat(items.list()).containsExactly("a", "B", "b");
		assertThat(items.replace("z"::equals, String::toUpperCase)).isFalse();
	}

	@Test
	void aChangeThatThrowsReplacesNothing() {
		KeptItems<String> items = new KeptItems<>(10);
		items.add("a");
		assertThatIllegalStateException().isThrownBy(() -> items.replace("a"::equals, (item) -> {
			throw new IllegalStateException("no");
		}));
		assertThat(items.list()).containsExactly("a");
	}

	@Test
	void removesEveryMatchButKeepsTheCount() {
		KeptItems<String> items = new KeptItems<>(10);
		items.add("a");
		items.add("b");
		items.add("a");
		assertThat(items.removeIf("a"::equals)).isTrue();
		assertThat(items.removeIf("a"::equals)).isFalse();
		assertThat(items.list()).containsExactly("b");
		assertThat(items.await(3, Duration.ZERO)).isTrue();
	}

	@Test
	void awaitCountsDroppedItems() {
		KeptItems<String> items = new KeptItems<>(1);
		items.add("a");
		items.add("b");
		assertThat(items.await(2, Duration.ZERO)).isTrue();
		assertThat(items.await(3, Duration.ofMillis(20))).isFalse();
	}

	@Test
	void clearForgetsItemsAndRestartsTheCount() {
		KeptItems<String> items = new KeptItems<>(10, 2, String::length);
		items.add("aa");
		items.clear();
		assertThat(items.list()).isEmpty();
		assertThat(items.await(1, Duration.ZERO)).isFalse();
		items.add("bb");
		assertThat(items.list()).containsExactly("bb");
		assertThat(items.await(1, Duration.ZERO)).isTrue();
	}

	@Test
	void awaitIsReleasedByAnAddOnAnotherThread() throws Exception {
		KeptItems<String> items = new KeptItems<>(10);
		CountDownLatch waiting = new CountDownLatch(1);
		Future<Boolean> awaited = this.executor.submit(() -> {
			waiting.countDown();
			return items.await(2, Duration.ofMinutes(1));
		});
		assertThat(waiting.await(1, TimeUnit.MINUTES)).isTrue();
		items.add("a");
		assertThat(awaited.isDone()).isFalse();
		items.add("b");
		assertThat(awaited.get(1, TimeUnit.MINUTES)).isTrue();
	}

	@Test
	void anInterruptedAwaitReturnsFalseAndKeepsTheInterruptFlag() throws Exception {
		KeptItems<String> items = new KeptItems<>(10);
		AtomicBoolean interruptedAfter = new AtomicBoolean();
		Future<Boolean> awaited = this.executor.submit(() -> {
			Thread.currentThread().interrupt();
			boolean result = items.await(1, Duration.ofMinutes(1));
			interruptedAfter.set(Thread.currentThread().isInterrupted());
			return result;
		});
		assertThat(awaited.get(1, TimeUnit.MINUTES)).isFalse();
		assertThat(interruptedAfter).isTrue();
	}

	@Test
	void atomicallyHoldsTheLockOverSeveralCalls() throws Exception {
		KeptItems<String> items = new KeptItems<>(10);
		CountDownLatch inside = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<List<String>> seenInside = new AtomicReference<>();
		Future<?> holder = this.executor.submit(() -> items.atomically(() -> {
			inside.countDown();
			try {
				release.await(1, TimeUnit.MINUTES);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			seenInside.set(items.list());
			items.add("a");
			return null;
		}));
		assertThat(inside.await(1, TimeUnit.MINUTES)).isTrue();
		Thread adder = new Thread(() -> items.add("b"));
		adder.start();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (adder.getState() != Thread.State.WAITING && adder.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
		release.countDown();
		holder.get(1, TimeUnit.MINUTES);
		adder.join(TimeUnit.MINUTES.toMillis(1));
		assertThat(seenInside.get()).isEmpty();
		assertThat(items.list()).containsExactly("a", "b");
	}

	@Test
	void rejectsInvalidMaximums() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KeptItems<String>(0))
			.withMessage("maxKept must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> new KeptItems<String>(1, -1, String::length))
			.withMessage("maxWeight must not be negative");
	}

}
