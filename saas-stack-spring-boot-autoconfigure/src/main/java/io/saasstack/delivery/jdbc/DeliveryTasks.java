package io.saasstack.delivery.jdbc;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.saasstack.delivery.DeliveryOutcomes;
import io.saasstack.delivery.DeliveryTask;

import org.springframework.util.Assert;

/**
 * The one db-scheduler task that delivers the items of every area: it hands each item to the
 * area's {@link DeliveryTask} named in the item. One task, not one per area, so that it is one
 * bean an application's own db-scheduler picks up.
 *
 * @since 0.2.0
 */
public final class DeliveryTasks {

	/** The db-scheduler task's name. */
	public static final String NAME = "saas-delivery";

	private DeliveryTasks() {
	}

	/**
	 * @param tasks the areas' tasks
	 * @param policy attempts, back-off and timeout
	 * @param failed where deliveries that failed for good are kept
	 * @param outcomes told of every outcome
	 * @param clock the clock
	 */
	public static OneTimeTask<DeliveryItem> oneTime(List<DeliveryTask> tasks, DeliveryPolicy policy,
			FailedDeliveryStore failed, DeliveryOutcomes outcomes, Clock clock) {
		Map<String, DeliveryTask> byName = new LinkedHashMap<>();
		for (DeliveryTask task : tasks) {
			Assert.isNull(byName.put(task.name(), task), () -> "Two delivery tasks are named " + task.name());
		}
		return Tasks.oneTime(NAME, DeliveryItem.class)
			.onFailure(new DeliveryFailureHandler(policy, failed, outcomes, clock))
			.onDeadExecution(new RedeliverDeadExecution(outcomes, clock))
			.execute((instance, context) -> {
				DeliveryItem item = instance.getData();
				DeliveryTask task = byName.get(item.task());
				if (task == null) {
					throw new IllegalArgumentException("No delivery task is named " + item.task());
				}
				// a db-scheduler thread, never a reactive one: waiting here is what it is for
				task.deliver(item.payload()).block(policy.timeout());
				outcomes.record(item.task(), "delivered");
			});
	}

}
