package io.saasstack.delivery.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryStatus;
import io.saasstack.delivery.DeliveryTestDatabase;
import io.saasstack.delivery.FailedDelivery;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code saas.delivery} health entry at each threshold, and the gauges and counters of the
 * delivery meters read from a real database state.
 */
class DeliveryHealthCheckTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static DeliveryTestDatabase database;

	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("delivery_health_check_tests");
	}

	@Test
	void upAtEachThresholdWithTheStatusAsDetails() {
		Health health = check(new DeliveryStatus("jdbc", 100, Duration.ofMinutes(10), 5));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsExactlyInAnyOrderEntriesOf(
				Map.of("store", "jdbc", "pending", 100L, "oldestPendingAge", "PT10M", "failed", 5L));
		Health empty = check(new DeliveryStatus("jdbc", 0, null, 0));
		assertThat(empty.getStatus()).isEqualTo(Status.UP);
		assertThat(empty.getDetails())
			.containsExactlyInAnyOrderEntriesOf(Map.of("store", "jdbc", "pending", 0L, "failed", 0L));
	}

	@Test
	void downAboveTheOldestAgeThreshold() {
		Health health = check(new DeliveryStatus("jdbc", 3, Duration.ofMinutes(10).plusSeconds(1), 0));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsExactlyInAnyOrderEntriesOf(Map.of("store", "jdbc", "pending", 3L,
				"oldestPendingAge", "PT10M1S", "failed", 0L, "error",
				"the oldest due delivery waits for 601 s, more than saas.delivery.health.max-oldest-age"));
	}

	@Test
	void downAboveThePendingThreshold() {
		Health health = check(new DeliveryStatus("jdbc", 101, Duration.ZERO, 0));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsExactlyInAnyOrderEntriesOf(Map.of("store", "jdbc", "pending", 101L,
				"oldestPendingAge", "PT0S", "failed", 0L, "error",
				"101 deliveries pending, more than saas.delivery.health.max-pending"));
	}

	@Test
	void downAboveTheFailedThreshold() {
		Health health = check(new DeliveryStatus("jdbc", 0, null, 6));
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsExactlyInAnyOrderEntriesOf(Map.of("store", "jdbc", "pending", 0L,
				"failed", 6L, "error", "6 deliveries failed for good, more than saas.delivery.health.max-failed"));
	}

	@Test
	void theOldestAgeIsReportedFirstWhenEveryThresholdIsCrossed() {
		Health health = check(new DeliveryStatus("jdbc", 500, Duration.ofHours(1), 50));
		assertThat(health.getDetails().get("error")).isEqualTo(
				"the oldest due delivery waits for 3600 s, more than saas.delivery.health.max-oldest-age");
	}

	@Test
	void healthAndGaugesReadTheDatabase() {
		String prefix = DeliveryTestDatabase.newPrefix();
		database.jdbcContext(wireMock.baseUrl(), prefix)
			.withPropertyValues("saas.delivery.health.max-oldest-age=1m", "saas.delivery.health.max-pending=2",
					"saas.delivery.health.max-failed=1")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				// two due items under way on a live instance (fresh heartbeat), one due in an hour
				insertItem(jdbc, prefix, "saas-logsnag:a", "now() - interval '120 seconds'", true);
				insertItem(jdbc, prefix, "saas-logsnag:b", "now() - interval '30 seconds'", true);
				insertItem(jdbc, prefix, "saas-mail:c", "now() + interval '1 hour'", false);
				// another task's executions are not deliveries
				jdbc.update("insert into " + prefix + "scheduled_tasks (task_name, task_instance, execution_time,"
						+ " picked, version) values ('other-task', 'x', now() - interval '1 day', true, 1)");
				insertFailed(jdbc, prefix, "saas-mail:f1", "now() - interval '1 day'");
				insertFailed(jdbc, prefix, "saas-mail:f2", "now()");

				DeliveryStatus status = context.getBean(DeliveryMonitor.class).status();
				assertThat(status.store()).isEqualTo("jdbc");
				assertThat(status.pending()).isEqualTo(3);
				assertThat(status.failed()).isEqualTo(2);
				assertThat(status.oldestPendingAge()).isGreaterThanOrEqualTo(Duration.ofSeconds(120))
					.isLessThan(Duration.ofSeconds(120 + 600));

				Health health = context.getBean(DeliveryHealthCheck.class).check().block(Duration.ofSeconds(30));
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("store", "jdbc")
					.containsEntry("pending", 3L)
					.containsEntry("failed", 2L)
					.containsKey("oldestPendingAge");
				assertThat((String) health.getDetails().get("error"))
					.matches("the oldest due delivery waits for \\d+ s, more than saas.delivery.health.max-oldest-age");

				MeterRegistry registry = new SimpleMeterRegistry();
				((MeterBinder) context.getBean("deliveryMeters")).bindTo(registry);
				assertThat(registry.get("saas.delivery.pending").gauge().value()).isEqualTo(3.0);
				assertThat(registry.get("saas.delivery.failed").gauge().value()).isEqualTo(2.0);
				assertThat(registry.get("saas.delivery.oldest.age").gauge().value()).isGreaterThanOrEqualTo(120.0);
			});
	}

	@Test
	void attemptsAreCountedByTaskAndOutcome() {
		wireMock.stubFor(post("/v1/log").willReturn(ok()));
		wireMock.stubFor(post("/v1/log").withRequestBody(com.github.tomakehurst.wiremock.client.WireMock
			.matchingJsonPath("$.event", equalTo("Refused")))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"Validation Error\"}")));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		database.jdbcContext(wireMock.baseUrl(), DeliveryTestDatabase.newPrefix())
			.withBean(MeterRegistry.class, () -> registry)
			.run((context) -> {
				EventTracker tracker = context.getBean(EventTracker.class);
				tracker.track(LogEvent.builder("Accepted").channel("ops").build());
				tracker.track(LogEvent.builder("Accepted").channel("ops").build());
				tracker.track(LogEvent.builder("Refused").channel("ops").build());
				DeliveryMonitor monitor = context.getBean(DeliveryMonitor.class);
				await().atMost(Duration.ofSeconds(60))
					.until(() -> monitor.status().pending() == 0 && monitor.status().failed() == 1);
				assertThat(registry.find("saas.delivery.attempts").counters()).extracting(
						(counter) -> counter.getId().getTag("task") + "/" + counter.getId().getTag("outcome") + "="
								+ (int) counter.count())
					.containsExactlyInAnyOrder("saas-logsnag/delivered=2", "saas-logsnag/failed=1");
				List<FailedDelivery> failed = monitor.failed(10);
				assertThat(failed).singleElement().satisfies((failure) -> assertThat(failure.attempts()).isEqualTo(1));
			});
	}

	private static Health check(DeliveryStatus status) {
		DeliveryMonitor monitor = new DeliveryMonitor() {

			@Override
			public DeliveryStatus status() {
				return status;
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

		};
		DeliveryHealthCheck check = new DeliveryHealthCheck(monitor, Duration.ofMinutes(10), 100, 5);
		assertThat(check.name()).isEqualTo("delivery");
		return check.check().block(Duration.ofSeconds(30));
	}

	private static void insertItem(JdbcTemplate jdbc, String prefix, String id, String executionTime,
			boolean picked) {
		jdbc.update("insert into " + prefix + "scheduled_tasks (task_name, task_instance, task_data, execution_time,"
				+ " picked, picked_by, last_heartbeat, version) values ('saas-delivery', ?, ?, " + executionTime
				+ ", ?, ?, now(), 1)", id, ("saas-logsnag\n0\n{}").getBytes(), picked, picked ? "live-instance" : null);
	}

	private static void insertFailed(JdbcTemplate jdbc, String prefix, String id, String failedAt) {
		jdbc.update("insert into " + prefix + "delivery_failed (task_name, task_instance, payload, attempts, last_error,"
				+ " failed_at) values ('saas-mail', ?, '{}', 10, 'resend emails.send failed with HTTP 500', "
				+ failedAt + ")", id);
	}

}
