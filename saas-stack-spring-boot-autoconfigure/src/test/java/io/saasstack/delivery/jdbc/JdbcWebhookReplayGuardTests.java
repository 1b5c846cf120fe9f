package io.saasstack.delivery.jdbc;

import java.time.Duration;
import java.time.Instant;

import io.saasstack.MutableClock;
import io.saasstack.delivery.DeliveryTestDatabase;
import io.saasstack.webhooks.WebhookReplayGuard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JdbcWebhookReplayGuard}: one table of received ids for every instance, on PostgreSQL.
 */
class JdbcWebhookReplayGuardTests {

	private static final Duration WINDOW = Duration.ofMinutes(10);

	private static DeliveryTestDatabase database;

	private String prefix;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));

	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("jdbc_webhook_replay_guard_tests");
	}

	@BeforeEach
	void schema() {
		this.prefix = DeliveryTestDatabase.newPrefix();
		new DeliverySchemaInitializer(database.dataSource(), DatabaseInitializationMode.ALWAYS, "postgresql",
				this.prefix, false)
			.initializeDatabase();
	}

	@Test
	void twoInstancesShareTheGuard() {
		database.jdbcContext("http://localhost:9", this.prefix).run((first) -> database
			.jdbcContext("http://localhost:9", this.prefix)
			.run((second) -> {
				WebhookReplayGuard one = first.getBean(WebhookReplayGuard.class);
				WebhookReplayGuard other = second.getBean(WebhookReplayGuard.class);
				assertThat(one).isInstanceOf(JdbcWebhookReplayGuard.class).isNotSameAs(other);
				assertThat(one.firstDelivery("stripe", "evt_1")).isTrue();
				assertThat(other.firstDelivery("stripe", "evt_1")).isFalse();
				assertThat(one.firstDelivery("stripe", "evt_1")).isFalse();
				// the key is (provider, id)
				assertThat(other.firstDelivery("resend", "evt_1")).isTrue();
				// a failed processing releases the id: the provider's retry goes through, once
				other.release("stripe", "evt_1");
				assertThat(one.firstDelivery("stripe", "evt_1")).isTrue();
				assertThat(other.firstDelivery("stripe", "evt_1")).isFalse();
			}));
	}

	@Test
	void idsLongerThanTheColumnAreHashedAndStayUnique() {
		JdbcWebhookReplayGuard guard = guard();
		String longId = "msg_" + "a".repeat(296);
		String otherLongId = "msg_" + "a".repeat(295) + "b";
		String exact = "m".repeat(255);
		assertThat(guard.firstDelivery("svix", longId)).isTrue();
		assertThat(guard.firstDelivery("svix", otherLongId)).isTrue();
		assertThat(guard.firstDelivery("svix", longId)).isFalse();
		assertThat(guard.firstDelivery("svix", otherLongId)).isFalse();
		assertThat(guard.firstDelivery("svix", exact)).isTrue();
		assertThat(guard.firstDelivery("svix", exact)).isFalse();
		assertThat(database.jdbc()
			.queryForList("select message_id from " + table() + " order by message_id", String.class))
			.hasSize(3)
			.contains(exact)
			.filteredOn((id) -> id.startsWith("sha256:"))
			.hasSize(2)
			.allSatisfy((id) -> assertThat(id).matches("sha256:[0-9a-f]{64}"));
		guard.release("svix", longId);
		assertThat(guard.firstDelivery("svix", longId)).isTrue();
		assertThat(guard.firstDelivery("svix", otherLongId)).isFalse();
	}

	@Test
	void purgeDeletesOnlyTheIdsOlderThanTheWindow() {
		JdbcWebhookReplayGuard guard = guard();
		guard.firstDelivery("stripe", "old");
		this.clock.advance(Duration.ofMinutes(5));
		guard.firstDelivery("stripe", "edge");
		this.clock.advance(Duration.ofMinutes(3));
		guard.firstDelivery("stripe", "recent");
		// 15 min after "old", 10 min after "edge" (exactly the window), 7 min after "recent"
		this.clock.advance(Duration.ofMinutes(7));
		assertThat(guard.purge()).isEqualTo(1);
		assertThat(database.jdbc().queryForList("select message_id from " + table() + " order by message_id",
				String.class))
			.containsExactly("edge", "recent");
		assertThat(guard.firstDelivery("stripe", "old")).isTrue();
		assertThat(guard.firstDelivery("stripe", "recent")).isFalse();
		assertThat(guard.purge()).isZero();
	}

	@Test
	void anIdOlderThanTheWindowIsANewDeliveryEvenBeforeThePurge() {
		JdbcWebhookReplayGuard guard = guard();
		JdbcWebhookReplayGuard otherInstance = guard();
		assertThat(guard.firstDelivery("stripe", "evt_1")).isTrue();
		this.clock.advance(WINDOW.minusSeconds(1));
		assertThat(otherInstance.firstDelivery("stripe", "evt_1")).isFalse();
		this.clock.advance(Duration.ofSeconds(2));
		// as InMemoryWebhookReplayGuard: outside the window the id is seen for the first time again
		assertThat(otherInstance.firstDelivery("stripe", "evt_1")).isTrue();
		assertThat(guard.firstDelivery("stripe", "evt_1")).isFalse();
		assertThat(database.jdbc().queryForObject("select count(*) from " + table(), Integer.class)).isEqualTo(1);
	}

	private JdbcWebhookReplayGuard guard() {
		return new JdbcWebhookReplayGuard(new JdbcTemplate(database.dataSource()), table(), WINDOW, this.clock);
	}

	private String table() {
		return this.prefix + "webhook_receipts";
	}

	/** A clock the test moves. */

}
