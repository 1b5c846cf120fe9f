package io.saasstack.delivery.jdbc;

import java.time.Clock;
import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A recurring db-scheduler task, run by one instance at a time: deletes failed deliveries older
 * than the retention and webhook ids older than the replay window.
 *
 * @since 0.2.0
 */
public final class DeliveryHousekeeping {

	/** The task's name. */
	public static final String TASK = "saas-delivery-housekeeping";

	private static final Log logger = LogFactory.getLog(DeliveryHousekeeping.class);

	private DeliveryHousekeeping() {
	}

	/**
	 * @param every how often it runs
	 * @param failed the failed deliveries
	 * @param retention how long failed deliveries are kept
	 * @param receipts the webhook ids, or null when webhooks keep no ids in the database
	 * @param clock the clock
	 */
	public static RecurringTask<Void> task(Duration every, FailedDeliveryStore failed, Duration retention,
			@Nullable JdbcWebhookReplayGuard receipts, Clock clock) {
		return Tasks.recurring(TASK, Schedules.fixedDelay(every)).execute((instance, context) -> {
			int purged = failed.purge(clock.instant().minus(retention));
			if (purged > 0) {
				logger.info("Deleted " + purged + " failed deliveries older than " + retention
						+ " (saas.delivery.retention)");
			}
			if (receipts != null) {
				receipts.purge();
			}
		});
	}

}
