package io.saasstack.delivery.memory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.SaasApiException;
import io.saasstack.delivery.DeliveryStatus;
import io.saasstack.delivery.DeliveryTask;
import io.saasstack.delivery.DeliveryTestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MemoryDeliveryQueue}: at once without a transaction, after the commit of a Spring
 * transaction (a real one, on PostgreSQL), never after a rollback; pending ids; failures counted
 * and logged without the payload.
 */
@ExtendWith(OutputCaptureExtension.class)
class MemoryDeliveryQueueTests {

	private static DeliveryTestDatabase database;

	private final List<String> outcomes = new CopyOnWriteArrayList<>();

	private final MemoryDeliveryQueue queue = new MemoryDeliveryQueue(
			(task, outcome) -> this.outcomes.add(task + "/" + outcome));

	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("memory_delivery_queue_tests");
	}

	private TransactionTemplate transactions() {
		return new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
	}

	@Test
	void withoutATransactionAnItemIsSentAtOnce() {
		RecordingTask task = new RecordingTask("t", (payload) -> Mono.empty());
		assertThat(this.queue.enqueue(task, null, "p1")).isTrue();
		assertThat(task.delivered).containsExactly("p1");
		assertThat(this.outcomes).containsExactly("t/delivered");
		assertThat(this.queue.status()).isEqualTo(new DeliveryStatus("memory", 0, null, 0));
		assertThat(this.queue.durable()).isFalse();
	}

	@Test
	void inATransactionAnItemIsSentOnlyAfterTheCommit() {
		RecordingTask task = new RecordingTask("t", (payload) -> Mono.empty());
		transactions().executeWithoutResult((status) -> {
			assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isTrue();
			assertThat(this.queue.enqueue(task, "a", "p1")).isTrue();
			assertThat(this.queue.enqueue(task, null, "p2")).isTrue();
			assertThat(task.delivered).isEmpty();
			assertThat(this.outcomes).isEmpty();
		});
		assertThat(task.delivered).containsExactly("p1", "p2");
		assertThat(this.outcomes).containsExactly("t/delivered", "t/delivered");
	}

	@Test
	void afterARollbackNothingIsSentAndTheIdIsFreeAgain() {
		RecordingTask task = new RecordingTask("t", (payload) -> Mono.empty());
		transactions().executeWithoutResult((status) -> {
			assertThat(this.queue.enqueue(task, "a", "rolled back")).isTrue();
			assertThat(this.queue.enqueue(task, null, "rolled back too")).isTrue();
			status.setRollbackOnly();
		});
		assertThat(task.delivered).isEmpty();
		assertThat(this.outcomes).isEmpty();
		assertThat(this.queue.status()).isEqualTo(new DeliveryStatus("memory", 0, null, 0));
		assertThat(this.queue.enqueue(task, "a", "p")).isTrue();
		assertThat(task.delivered).containsExactly("p");
	}

	@Test
	void anExceptionInTheTransactionRollsBackAndSendsNothing() {
		RecordingTask task = new RecordingTask("t", (payload) -> Mono.empty());
		try {
			transactions().executeWithoutResult((status) -> {
				this.queue.enqueue(task, "a", "p");
				throw new IllegalStateException("the caller failed");
			});
		}
		catch (IllegalStateException expected) {
			// rolled back
		}
		assertThat(task.delivered).isEmpty();
		assertThat(this.queue.enqueue(task, "a", "p")).isTrue();
	}

	@Test
	void anItemWhoseIdIsPendingIsNotSentTwice() {
		List<Sinks.Empty<Void>> sends = new CopyOnWriteArrayList<>();
		RecordingTask task = new RecordingTask("t", (payload) -> {
			Sinks.Empty<Void> sink = Sinks.empty();
			sends.add(sink);
			return sink.asMono();
		});
		RecordingTask other = new RecordingTask("other", (payload) -> Mono.never());
		assertThat(this.queue.enqueue(task, "a", "p1")).isTrue();
		assertThat(this.queue.enqueue(task, "a", "p2")).isFalse();
		assertThat(this.queue.enqueue(task, "b", "p3")).isTrue();
		// the id is per task
		assertThat(this.queue.enqueue(other, "a", "p4")).isTrue();
		assertThat(task.delivered).containsExactly("p1", "p3");
		assertThat(this.queue.status().pending()).isEqualTo(3);
		sends.get(0).tryEmitEmpty();
		assertThat(this.queue.status().pending()).isEqualTo(2);
		assertThat(this.queue.enqueue(task, "a", "p5")).isTrue();
		assertThat(task.delivered).containsExactly("p1", "p3", "p5");
	}

	@Test
	void anIdPendingInTheSameTransactionIsNotSentTwice() {
		RecordingTask task = new RecordingTask("t", (payload) -> Mono.empty());
		transactions().executeWithoutResult((status) -> {
			assertThat(this.queue.enqueue(task, "a", "p1")).isTrue();
			assertThat(this.queue.enqueue(task, "a", "p2")).isFalse();
		});
		assertThat(task.delivered).containsExactly("p1");
	}

	@Test
	void aFailureIsCountedAndLoggedOnceWithoutThePayload(CapturedOutput output) {
		String payload = "{\"to\":[\"ada@example.com\"],\"subject\":\"Your secret code 981234\"}";
		RecordingTask task = new RecordingTask("t-failing",
				(sent) -> Mono.error(new IllegalStateException("could not send " + sent)));
		assertThat(this.queue.enqueue(task, "k", payload)).isTrue();
		assertThat(this.queue.status()).isEqualTo(new DeliveryStatus("memory", 0, null, 1));
		assertThat(this.outcomes).containsExactly("t-failing/failed");
		assertThat(output.getAll().split("Delivery t-failing failed", -1)).hasSize(2);
		assertThat(output.getAll()).contains("Delivery t-failing failed: java.lang.IllegalStateException (in memory")
			.doesNotContain("ada@example.com")
			.doesNotContain("981234");
		// the failed id is free again
		assertThat(this.queue.enqueue(task, "k", payload)).isTrue();
		assertThat(this.queue.status().failed()).isEqualTo(2);
		assertThat(this.queue.failed(10)).isEmpty();
		assertThat(this.queue.retry("t-failing", "k")).isFalse();
		assertThat(this.queue.discard("t-failing", "k")).isFalse();
	}

	@Test
	void aProviderErrorIsLoggedWithItsMessage(CapturedOutput output) {
		RecordingTask task = new RecordingTask("t-refused",
				(sent) -> Mono.error(new SaasApiException("resend", "emails.send", 422,
						ProviderError.of("validation_error", "Invalid `to` field.", null), RateLimit.NONE, false)));
		this.queue.enqueue(task, null, "{\"to\":[\"grace@example.com\"]}");
		assertThat(output.getAll()).contains(
				"Delivery t-refused failed: resend emails.send failed with HTTP 422 [validation_error]: Invalid `to` field.")
			.doesNotContain("grace@example.com");
		assertThat(this.queue.status().failed()).isEqualTo(1);
	}

	@Test
	void statusCountsItemsUnderWay() {
		Sinks.Empty<Void> sink = Sinks.empty();
		RecordingTask task = new RecordingTask("t", (payload) -> sink.asMono());
		this.queue.enqueue(task, null, "p1");
		this.queue.enqueue(task, null, "p2");
		assertThat(this.queue.status()).isEqualTo(new DeliveryStatus("memory", 2, null, 0));
		sink.tryEmitEmpty();
		assertThat(this.queue.status()).isEqualTo(new DeliveryStatus("memory", 0, null, 0));
		assertThat(this.outcomes).containsExactly("t/delivered", "t/delivered");
	}

	static final class RecordingTask implements DeliveryTask {

		final List<String> delivered = new CopyOnWriteArrayList<>();

		private final String name;

		private final Function<String, Mono<Void>> behaviour;

		RecordingTask(String name, Function<String, Mono<Void>> behaviour) {
			this.name = name;
			this.behaviour = behaviour;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public Mono<Void> deliver(String payload) {
			return Mono.defer(() -> {
				this.delivered.add(payload);
				return this.behaviour.apply(payload);
			});
		}

	}


}
