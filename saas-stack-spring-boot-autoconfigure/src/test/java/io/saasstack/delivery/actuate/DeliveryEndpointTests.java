package io.saasstack.delivery.actuate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.saasstack.core.SaasJson;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryTestDatabase;
import io.saasstack.delivery.FailedDelivery;
import io.saasstack.delivery.jdbc.DeliveryHousekeeping;
import io.saasstack.delivery.jdbc.DeliverySchemaInitializer;
import io.saasstack.delivery.jdbc.FailedDeliveryStore;
import io.saasstack.delivery.jdbc.JdbcWebhookReplayGuard;
import io.saasstack.events.LogEvent;
import io.saasstack.events.delivery.LogSnagDeliveryTask;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code saasdelivery} endpoint bean on failed deliveries in PostgreSQL, and the housekeeping
 * that deletes the old ones.
 */
class DeliveryEndpointTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String SECRET_PAYLOAD = "{\"to\":[\"ada@example.com\"],\"text\":\"code 981234\"}";

	private static DeliveryTestDatabase database;

	private String prefix;

	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("delivery_endpoint_tests");
	}

	@BeforeEach
	void prefix() {
		this.prefix = DeliveryTestDatabase.newPrefix();
	}

	@Test
	void listsTheFailedDeliveriesNewestFirstWithoutTheirPayload() {
		database.jdbcContext(wireMock.baseUrl(), this.prefix).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Instant older = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
			Instant newer = older.plusSeconds(3600);
			insertFailed(jdbc, "saas-mail", "saas-mail:welcome/ada", SECRET_PAYLOAD, 10, older);
			insertFailed(jdbc, "saas-mail", "saas-mail:welcome/grace", SECRET_PAYLOAD, 1, newer);
			DeliveryEndpoint endpoint = context.getBean(DeliveryEndpoint.class);
			DeliveryEndpoint.Deliveries deliveries = endpoint.deliveries();
			assertThat(deliveries.failed()).containsExactly(
					new FailedDelivery("saas-mail", "saas-mail:welcome/grace", 1, "resend emails.send failed with HTTP 422",
							newer),
					new FailedDelivery("saas-mail", "saas-mail:welcome/ada", 10, "resend emails.send failed with HTTP 422",
							older));
			assertThat(deliveries.status().failed()).isEqualTo(2);
			assertThat(deliveries.status().store()).isEqualTo("jdbc");
			String answer = SaasJson.mapper().writeValueAsString(deliveries);
			assertThat(answer).contains("saas-mail:welcome/ada")
				.doesNotContain("ada@example.com")
				.doesNotContain("981234")
				.doesNotContain("payload");
		});
	}

	@Test
	void retryEnqueuesAgainWithTheAttemptsCountedFromZero() {
		wireMock.stubFor(post("/v1/log").willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Internal Server Error\"}")));
		database.jdbcContext(wireMock.baseUrl(), this.prefix)
			.withPropertyValues("saas.delivery.max-attempts=2")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				String payload = LogSnagDeliveryTask.payload(LogEvent.builder("Retried").channel("ops").build());
				insertFailed(jdbc, "saas-logsnag", "saas-logsnag:abc", payload, 10, Instant.now());
				DeliveryEndpoint endpoint = context.getBean(DeliveryEndpoint.class);
				assertThat(endpoint.retry("saas-logsnag", "saas-logsnag:abc"))
					.containsExactlyInAnyOrderEntriesOf(java.util.Map.of("task", "saas-logsnag", "id",
							"saas-logsnag:abc", "retried", true));
				DeliveryMonitor monitor = context.getBean(DeliveryMonitor.class);
				// it failed 10 times before: with max-attempts=2 it fails again after exactly 2 new attempts
				await().atMost(Duration.ofSeconds(60))
					.until(() -> monitor.status().failed() == 1 && monitor.status().pending() == 0);
				assertThat(monitor.failed(10)).singleElement().satisfies((failure) -> {
					assertThat(failure.id()).isEqualTo("saas-logsnag:abc");
					assertThat(failure.attempts()).isEqualTo(2);
				});
				wireMock.verify(2, postRequestedFor(urlEqualTo("/v1/log")).withRequestBody(
						equalToJson("{\"project\":\"my-saas\",\"channel\":\"ops\",\"event\":\"Retried\"}", false, false)));
				// the provider is back: retried once more, it is delivered and the failed row is gone
				wireMock.resetAll();
				wireMock.stubFor(post("/v1/log").willReturn(ok()));
				assertThat(endpoint.retry("saas-logsnag", "saas-logsnag:abc")).containsEntry("retried", true);
				await().atMost(Duration.ofSeconds(60))
					.until(() -> wireMock.findAll(postRequestedFor(urlEqualTo("/v1/log"))).size() == 1
							&& monitor.status().pending() == 0);
				assertThat(monitor.status().failed()).isZero();
				assertThat(endpoint.retry("saas-logsnag", "saas-logsnag:abc")).containsEntry("retried", false);
			});
	}

	@Test
	void discardDeletesOneFailedDelivery() {
		database.jdbcContext(wireMock.baseUrl(), this.prefix).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			insertFailed(jdbc, "saas-mail", "saas-mail:a", SECRET_PAYLOAD, 3, Instant.now());
			insertFailed(jdbc, "saas-mail", "saas-mail:b", SECRET_PAYLOAD, 3, Instant.now());
			DeliveryEndpoint endpoint = context.getBean(DeliveryEndpoint.class);
			assertThat(endpoint.discard("saas-mail", "saas-mail:a")).containsExactlyInAnyOrderEntriesOf(
					java.util.Map.of("task", "saas-mail", "id", "saas-mail:a", "discarded", true));
			assertThat(endpoint.discard("saas-mail", "saas-mail:a")).containsEntry("discarded", false);
			assertThat(endpoint.discard("saas-logsnag", "saas-mail:b")).containsEntry("discarded", false);
			assertThat(endpoint.deliveries().failed()).extracting(FailedDelivery::id).containsExactly("saas-mail:b");
			assertThat(wireMock.getAllServeEvents()).isEmpty();
		});
	}

	@Test
	void housekeepingDeletesFailedDeliveriesOlderThanTheRetentionAndOldWebhookIds() {
		// no application context: its own housekeeping, on the system clock, would run too
		new DeliverySchemaInitializer(database.dataSource(), DatabaseInitializationMode.ALWAYS, "postgresql",
				this.prefix, false)
			.initializeDatabase();
		{
			JdbcTemplate jdbc = database.jdbc();
			Instant now = Instant.parse("2026-03-15T12:00:00Z");
			insertFailed(jdbc, "saas-mail", "saas-mail:old", SECRET_PAYLOAD, 10, now.minus(Duration.ofDays(15)));
			insertFailed(jdbc, "saas-mail", "saas-mail:edge", SECRET_PAYLOAD, 10, now.minus(Duration.ofDays(14)));
			insertFailed(jdbc, "saas-mail", "saas-mail:new", SECRET_PAYLOAD, 10, now.minus(Duration.ofDays(1)));
			Clock clock = Clock.fixed(now, ZoneOffset.UTC);
			JdbcWebhookReplayGuard receipts = new JdbcWebhookReplayGuard(jdbc, this.prefix + "webhook_receipts",
					Duration.ofMinutes(10), Clock.fixed(now.minus(Duration.ofMinutes(11)), ZoneOffset.UTC));
			receipts.firstDelivery("stripe", "evt_old");
			JdbcWebhookReplayGuard current = new JdbcWebhookReplayGuard(jdbc, this.prefix + "webhook_receipts",
					Duration.ofMinutes(10), clock);
			current.firstDelivery("stripe", "evt_new");
			var task = DeliveryHousekeeping.task(Duration.ofMinutes(1),
					new FailedDeliveryStore(jdbc, this.prefix + "delivery_failed"), Duration.ofDays(14), current, clock);
			task.execute(new TaskInstance<>(DeliveryHousekeeping.TASK, "recurring"), null);
			assertThat(jdbc.queryForList("select task_instance from " + this.prefix
					+ "delivery_failed order by task_instance", String.class))
				.containsExactly("saas-mail:edge", "saas-mail:new");
			assertThat(jdbc.queryForList("select message_id from " + this.prefix + "webhook_receipts", String.class))
				.containsExactly("evt_new");
		}
	}

	@Test
	void aRetentionOfZeroDeletesEveryFailedDeliveryAtTheNextRun() {
		database.jdbcContext(wireMock.baseUrl(), this.prefix).run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			insertFailed(jdbc, "saas-mail", "saas-mail:a", SECRET_PAYLOAD, 10, Instant.now().minusSeconds(1));
			var task = DeliveryHousekeeping.task(Duration.ofMinutes(1),
					new FailedDeliveryStore(jdbc, this.prefix + "delivery_failed"), Duration.ZERO, null,
					Clock.systemUTC());
			task.execute(new TaskInstance<>(DeliveryHousekeeping.TASK, "recurring"), null);
			assertThat(context.getBean(DeliveryMonitor.class).status().failed()).isZero();
		});
	}

	private void insertFailed(JdbcTemplate jdbc, String task, String id, String payload, int attempts,
			Instant failedAt) {
		jdbc.update("insert into " + this.prefix + "delivery_failed (task_name, task_instance, payload, attempts,"
				+ " last_error, failed_at) values (?, ?, ?, ?, ?, ?)", task, id, payload, attempts,
				(task.equals("saas-mail")) ? "resend emails.send failed with HTTP 422" : "logsnag log failed with HTTP 500",
				Timestamp.from(failedAt));
	}

}
