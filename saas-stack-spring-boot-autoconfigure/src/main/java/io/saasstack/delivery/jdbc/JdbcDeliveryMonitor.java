package io.saasstack.delivery.jdbc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryStatus;
import io.saasstack.delivery.FailedDelivery;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * {@link DeliveryMonitor} reading db-scheduler's table (the executions of {@link DeliveryTasks#NAME})
 * and the table of failed deliveries.
 *
 * @since 0.2.0
 */
public final class JdbcDeliveryMonitor implements DeliveryMonitor {

	private final JdbcTemplate jdbc;

	private final String scheduledTasks;

	private final FailedDeliveryStore failed;

	private final DbSchedulerDeliveryQueue queue;

	private final TransactionOperations transactions;

	private final Clock clock;

	public JdbcDeliveryMonitor(JdbcTemplate jdbc, DeliveryTables tables, FailedDeliveryStore failed,
			DbSchedulerDeliveryQueue queue, TransactionOperations transactions, Clock clock) {
		this.jdbc = jdbc;
		this.scheduledTasks = tables.scheduledTasks();
		this.failed = failed;
		this.queue = queue;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public DeliveryStatus status() {
		Instant now = this.clock.instant();
		return this.jdbc.query("select count(*), min(case when execution_time <= ? then execution_time end) from "
				+ this.scheduledTasks + " where task_name = ?", (statement) -> {
					statement.setTimestamp(1, Timestamp.from(now));
					statement.setString(2, DeliveryTasks.NAME);
				}, (row) -> {
					row.next();
					Timestamp oldest = row.getTimestamp(2);
					Duration age = (oldest != null) ? Duration.between(oldest.toInstant(), now) : null;
					return new DeliveryStatus("jdbc", row.getLong(1),
							(age != null && age.isNegative()) ? Duration.ZERO : age, this.failed.count());
				});
	}

	@Override
	public List<FailedDelivery> failed(int limit) {
		Assert.isTrue(limit > 0, "limit must be positive");
		return this.failed.list(limit);
	}

	@Override
	public boolean retry(String task, String id) {
		Boolean retried = this.transactions.execute((status) -> {
			String payload = this.failed.payload(task, id);
			if (payload == null || !this.failed.delete(task, id)) {
				return false;
			}
			this.queue.schedule(id, new DeliveryItem(task, 0, payload));
			return true;
		});
		return Boolean.TRUE.equals(retried);
	}

	@Override
	public boolean discard(String task, String id) {
		return this.failed.delete(task, id);
	}

}
