package io.saasstack.delivery.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import io.saasstack.delivery.FailedDelivery;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * The table of deliveries that failed for good: kept, with their payload, until retried, discarded
 * or older than the retention.
 *
 * @since 0.2.0
 */
public final class FailedDeliveryStore {

	/** Longest error text kept. */
	static final int MAX_ERROR = 1000;

	private final JdbcTemplate jdbc;

	private final String table;

	public FailedDeliveryStore(JdbcTemplate jdbc, String table) {
		Assert.notNull(jdbc, "jdbc must not be null");
		Assert.hasText(table, "table must not be empty");
		this.jdbc = jdbc;
		this.table = table;
	}

	void save(String task, String id, String payload, int attempts, String error, Instant failedAt) {
		String text = (error.length() > MAX_ERROR) ? error.substring(0, MAX_ERROR) : error;
		Timestamp at = Timestamp.from(failedAt);
		// a revived execution can fail again after its row was saved: the newest failure wins
		int updated = this.jdbc.update("update " + this.table
				+ " set payload = ?, attempts = ?, last_error = ?, failed_at = ? where task_name = ? and task_instance = ?",
				payload, attempts, text, at, task, id);
		if (updated == 0) {
			this.jdbc.update("insert into " + this.table
					+ " (task_name, task_instance, payload, attempts, last_error, failed_at) values (?, ?, ?, ?, ?, ?)",
					task, id, payload, attempts, text, at);
		}
	}

	List<FailedDelivery> list(int limit) {
		return this.jdbc.query("select task_name, task_instance, attempts, last_error, failed_at from " + this.table
				+ " order by failed_at desc", (statement) -> statement.setMaxRows(limit),
				(row, n) -> new FailedDelivery(row.getString(1), row.getString(2), row.getInt(3), row.getString(4),
						row.getTimestamp(5).toInstant()));
	}

	@Nullable String payload(String task, String id) {
		List<String> payloads = this.jdbc.queryForList(
				"select payload from " + this.table + " where task_name = ? and task_instance = ?", String.class, task,
				id);
		return payloads.isEmpty() ? null : payloads.get(0);
	}

	boolean delete(String task, String id) {
		return this.jdbc.update("delete from " + this.table + " where task_name = ? and task_instance = ?", task,
				id) > 0;
	}

	long count() {
		Long count = this.jdbc.queryForObject("select count(*) from " + this.table, Long.class);
		return (count != null) ? count : 0;
	}

	int purge(Instant before) {
		return this.jdbc.update("delete from " + this.table + " where failed_at < ?", Timestamp.from(before));
	}

}
