package io.saasstack.delivery.jdbc;

import org.springframework.util.Assert;

/**
 * Names of the delivery tables.
 *
 * @param scheduledTasks db-scheduler's table: {@code <prefix>scheduled_tasks} when saas-stack
 * starts the scheduler, the application's own when it runs one
 * @param failed the failed deliveries
 * @param webhookReceipts the webhook ids received
 * @param rateLimitBuckets the Bucket4j buckets
 * @since 0.2.0
 */
public record DeliveryTables(String scheduledTasks, String failed, String webhookReceipts, String rateLimitBuckets) {

	/**
	 * @param prefix prefix of every table, for example {@code saas_}
	 * @param scheduledTasks db-scheduler's table, or null for {@code <prefix>scheduled_tasks}
	 */
	public static DeliveryTables of(String prefix, @org.jspecify.annotations.Nullable String scheduledTasks) {
		Assert.isTrue(prefix != null && prefix.matches("[A-Za-z_][A-Za-z0-9_]*"), "prefix must be a SQL identifier");
		return new DeliveryTables((scheduledTasks != null) ? scheduledTasks : prefix + "scheduled_tasks",
				prefix + "delivery_failed", prefix + "webhook_receipts", prefix + "rate_limit_buckets");
	}

}
