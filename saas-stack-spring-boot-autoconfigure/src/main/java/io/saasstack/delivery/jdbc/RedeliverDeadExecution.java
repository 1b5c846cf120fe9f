package io.saasstack.delivery.jdbc;

import java.time.Clock;

import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import io.saasstack.delivery.DeliveryOutcomes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Runs again an execution whose instance stopped sending heartbeats (it crashed or was killed):
 * delivery is at least once. The item may have reached the provider before the crash, so it is
 * counted as {@code redelivered}: the number of possible duplicates.
 */
final class RedeliverDeadExecution implements DeadExecutionHandler<DeliveryItem> {

	private static final Log logger = LogFactory.getLog(RedeliverDeadExecution.class);

	private final DeliveryOutcomes outcomes;

	private final Clock clock;

	RedeliverDeadExecution(DeliveryOutcomes outcomes, Clock clock) {
		this.outcomes = outcomes;
		this.clock = clock;
	}

	@Override
	public void deadExecution(ExecutionComplete complete, ExecutionOperations<DeliveryItem> operations) {
		DeliveryItem item = (DeliveryItem) complete.getExecution().taskInstance.getData();
		logger.warn("Delivery " + complete.getExecution().taskInstance.getId()
				+ " was being delivered by an instance that stopped (" + complete.getExecution().pickedBy
				+ "): delivering it again, it may arrive twice");
		this.outcomes.record(item.task(), "redelivered");
		operations.reschedule(complete, this.clock.instant());
	}

}
