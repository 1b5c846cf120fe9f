package io.saasstack.delivery.jdbc;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.saasstack.delivery.DeliveryQueue;
import io.saasstack.delivery.DeliveryTask;
import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * {@link DeliveryQueue} on db-scheduler: every item is a one-time execution of the
 * {@link DeliveryTasks#NAME} task, due at once, in the scheduler's table, with the instance id
 * {@code <area task>:<item id>}. The scheduler's {@code DataSource} is
 * transaction-aware, so inside a Spring transaction the row is written in it. An item without an id
 * is one {@code INSERT}; an item with an id is checked first, so that a pending item with the same
 * id is kept as it is.
 * <p>
 * After the row is visible (at once, or after the transaction commits) the local scheduler is told
 * to look for due executions, so the item does not wait for the next poll.
 *
 * @since 0.2.0
 */
public final class DbSchedulerDeliveryQueue implements DeliveryQueue {

	/** Length of db-scheduler's {@code task_instance} column on MySQL. */
	static final int MAX_ID_LENGTH = 100;

	private final SchedulerClient client;

	private final Runnable wakeUp;

	private final Clock clock;

	/**
	 * @param client the scheduler (or a client of it) writing on a transaction-aware data source
	 * @param wakeUp tells the local scheduler to look for due executions
	 * @param clock the clock of execution times
	 */
	public DbSchedulerDeliveryQueue(SchedulerClient client, Runnable wakeUp, Clock clock) {
		Assert.notNull(client, "client must not be null");
		Assert.notNull(wakeUp, "wakeUp must not be null");
		Assert.notNull(clock, "clock must not be null");
		this.client = client;
		this.wakeUp = wakeUp;
		this.clock = clock;
	}

	@Override
	public boolean enqueue(DeliveryTask task, @Nullable String id, String payload) {
		Assert.notNull(task, "task must not be null");
		Assert.notNull(payload, "payload must not be null");
		Assert.isTrue(id == null || !id.isBlank(), "id must not be blank");
		DeliveryItem item = new DeliveryItem(task.name(), 0, payload);
		if (id == null) {
			TaskInstance<DeliveryItem> instance = new TaskInstance<>(DeliveryTasks.NAME,
					task.name() + ":" + UUID.randomUUID(), item);
			this.client.scheduleBatch(List.of(instance), this.clock.instant());
			wakeUpWhenVisible();
			return true;
		}
		return schedule(DeliveryIds.fit(task.name() + ":" + id, MAX_ID_LENGTH), item);
	}

	/** Schedules an item under an instance id, unless one is pending under it. */
	boolean schedule(String instanceId, DeliveryItem item) {
		TaskInstance<DeliveryItem> instance = new TaskInstance<>(DeliveryTasks.NAME, instanceId, item);
		boolean created = this.client.scheduleIfNotExists(instance, this.clock.instant());
		if (created) {
			wakeUpWhenVisible();
		}
		return created;
	}

	private void wakeUpWhenVisible() {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.wakeUp.run();
			return;
		}
		if (TransactionSynchronizationManager.hasResource(this)) {
			return;
		}
		TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCompletion(int status) {
				TransactionSynchronizationManager.unbindResourceIfPossible(DbSchedulerDeliveryQueue.this);
				if (status == STATUS_COMMITTED) {
					DbSchedulerDeliveryQueue.this.wakeUp.run();
				}
			}

		});
	}

	@Override
	public boolean durable() {
		return true;
	}

	@Override
	public String toString() {
		return "DbSchedulerDeliveryQueue";
	}

}
