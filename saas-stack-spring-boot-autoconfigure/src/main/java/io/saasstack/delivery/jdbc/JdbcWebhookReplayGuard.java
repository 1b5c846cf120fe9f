package io.saasstack.delivery.jdbc;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.saasstack.webhooks.WebhookReplayGuard;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * {@link WebhookReplayGuard} on a table with a primary key on (provider, message id), shared by
 * every instance: the first insert of an id wins, a redelivery to any instance violates the key and
 * is a replay, unless the row is older than the replay window (then it is taken over, as
 * {@link io.saasstack.webhooks.InMemoryWebhookReplayGuard} forgets such ids). Rows older than the
 * replay window are deleted by the delivery housekeeping.
 *
 * @since 0.2.0
 */
public final class JdbcWebhookReplayGuard implements WebhookReplayGuard {

	/** Length of the message id column. */
	static final int MAX_ID_LENGTH = 255;

	private final JdbcTemplate jdbc;

	private final String table;

	private final Duration window;

	private final Clock clock;

	public JdbcWebhookReplayGuard(JdbcTemplate jdbc, String table, Duration window, Clock clock) {
		Assert.notNull(jdbc, "jdbc must not be null");
		Assert.hasText(table, "table must not be empty");
		Assert.isTrue(window != null && !window.isNegative() && !window.isZero(), "window must be positive");
		this.jdbc = jdbc;
		this.table = table;
		this.window = window;
		this.clock = clock;
	}

	@Override
	public boolean firstDelivery(String provider, String id) {
		String messageId = DeliveryIds.fit(id, MAX_ID_LENGTH);
		Instant now = this.clock.instant();
		try {
			this.jdbc.update("insert into " + this.table + " (provider, message_id, received_at) values (?, ?, ?)",
					provider, messageId, Timestamp.from(now));
			return true;
		}
		catch (DuplicateKeyException ex) {
			// an id received before the window and not purged yet is seen for the first time again, as in
			// memory; one conditional update, so that of two instances only one gets it
			return this.jdbc.update("update " + this.table
					+ " set received_at = ? where provider = ? and message_id = ? and received_at < ?",
					Timestamp.from(now), provider, messageId, Timestamp.from(now.minus(this.window))) == 1;
		}
	}

	@Override
	public void release(String provider, String id) {
		this.jdbc.update("delete from " + this.table + " where provider = ? and message_id = ?", provider,
				DeliveryIds.fit(id, MAX_ID_LENGTH));
	}

	/** Deletes the ids older than the replay window; returns how many. */
	int purge() {
		return this.jdbc.update("delete from " + this.table + " where received_at < ?",
				Timestamp.from(this.clock.instant().minus(this.window)));
	}

	@Override
	public String toString() {
		return "JdbcWebhookReplayGuard[" + this.table + ", window " + this.window + "]";
	}

}
