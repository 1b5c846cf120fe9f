package io.saasstack.delivery.memory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.saasstack.core.SaasException;
import io.saasstack.delivery.DeliveryDeferredException;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryOutcomes;
import io.saasstack.delivery.DeliveryQueue;
import io.saasstack.delivery.DeliveryStatus;
import io.saasstack.delivery.DeliveryTask;
import io.saasstack.delivery.FailedDelivery;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * {@link DeliveryQueue} in memory: an item is sent at once (after the commit when a Spring
 * transaction is active, and not at all after a rollback), in the background, with the provider
 * client's own retries; a deferred delivery ({@link DeliveryDeferredException}) is sent after its
 * delay. An item whose id is pending is not sent twice. Nothing survives a crash;
 * an item that finally fails is logged and counted, not kept: use {@code saas.delivery.store=jdbc}
 * to keep them.
 *
 * @since 0.2.0
 */
public final class MemoryDeliveryQueue implements DeliveryQueue, DeliveryMonitor {

	private static final Log logger = LogFactory.getLog(MemoryDeliveryQueue.class);

	private static final boolean transactionsPresent = ClassUtils.isPresent(
			"org.springframework.transaction.support.TransactionSynchronizationManager",
			MemoryDeliveryQueue.class.getClassLoader());

	private final Set<String> pending = ConcurrentHashMap.newKeySet();

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final DeliveryOutcomes outcomes;

	public MemoryDeliveryQueue(DeliveryOutcomes outcomes) {
		this.outcomes = outcomes;
	}

	@Override
	public boolean enqueue(DeliveryTask task, @Nullable String id, String payload) {
		Assert.notNull(task, "task must not be null");
		Assert.notNull(payload, "payload must not be null");
		String key = (id != null) ? task.name() + "/" + id : null;
		if (key != null && !this.pending.add(key)) {
			return false;
		}
		Runnable send = () -> send(task, key, payload);
		if (transactionsPresent && AfterCommit.register(send, () -> release(key))) {
			return true;
		}
		send.run();
		return true;
	}

	private void send(DeliveryTask task, @Nullable String key, String payload) {
		this.inFlight.incrementAndGet();
		Mono.defer(() -> task.deliver(payload)).retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
			// deferred: nothing was sent (for example, the mail's turn is far away); send it after the delay
			if (signal.failure() instanceof DeliveryDeferredException deferred) {
				this.outcomes.record(task.name(), "deferred");
				return Mono.delay(deferred.getDelay());
			}
			return Mono.error(signal.failure());
		}))).doFinally((signal) -> {
			this.inFlight.decrementAndGet();
			release(key);
		}).subscribe(null, (ex) -> {
			this.failed.incrementAndGet();
			this.outcomes.record(task.name(), "failed");
			logger.warn("Delivery " + task.name() + " failed: " + describe(ex)
					+ " (in memory, it is not kept: saas.delivery.store=jdbc keeps failed deliveries)");
		}, () -> this.outcomes.record(task.name(), "delivered"));
	}

	private void release(@Nullable String key) {
		if (key != null) {
			this.pending.remove(key);
		}
	}

	private static String describe(Throwable ex) {
		return (ex instanceof SaasException) ? String.valueOf(ex.getMessage()) : ex.getClass().getName();
	}

	@Override
	public boolean durable() {
		return false;
	}

	@Override
	public DeliveryStatus status() {
		return new DeliveryStatus("memory", this.inFlight.get(), null, this.failed.get());
	}

	@Override
	public List<FailedDelivery> failed(int limit) {
		return List.of();
	}

	@Override
	public boolean retry(String task, String id) {
		return false;
	}

	@Override
	public boolean discard(String task, String id) {
		return false;
	}

	@Override
	public String toString() {
		return "MemoryDeliveryQueue";
	}

	/** Kept apart so that spring-tx is loaded only when present. */
	private static final class AfterCommit {

		static boolean register(Runnable afterCommit, Runnable afterRollback) {
			if (!org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
				return false;
			}
			org.springframework.transaction.support.TransactionSynchronizationManager
				.registerSynchronization(new org.springframework.transaction.support.TransactionSynchronization() {

					@Override
					public void afterCompletion(int status) {
						if (status == STATUS_COMMITTED) {
							afterCommit.run();
						}
						else {
							afterRollback.run();
						}
					}

				});
			return true;
		}

	}


}
