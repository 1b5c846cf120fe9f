package io.saasstack.delivery.jdbc;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.serializer.Serializer;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryTestDatabase;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.delivery.LogSnagDeliveryTask;
import io.saasstack.events.logsnag.LogSnagHttpClient;
import io.saasstack.events.logsnag.LogSnagRequests;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An item picked by an instance that died ({@link RedeliverDeadExecution}): the row is left picked
 * with a heartbeat an hour old, as after a SIGKILL, and a fresh instance (heartbeat 1 s, 4 missed:
 * db-scheduler's minimum) delivers it again.
 */
class RedeliverDeadExecutionTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static DeliveryTestDatabase database;

	private String prefix;

	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("redeliver_dead_execution_tests");
	}

	@BeforeEach
	void schema() {
		this.prefix = DeliveryTestDatabase.newPrefix();
		new DeliverySchemaInitializer(database.dataSource(), DatabaseInitializationMode.ALWAYS, "postgresql",
				this.prefix, true)
			.initializeDatabase();
		wireMock.stubFor(post("/v1/log").willReturn(ok()));
		wireMock.stubFor(patch(urlEqualTo("/v1/insight")).willReturn(ok()));
	}

	@Test
	void anItemPickedByADeadInstanceIsDeliveredAndCountedAsRedelivered() {
		pickedByADeadInstance("signup-1", LogEvent.builder("Signed Up").channel("users").build());
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		instance(registry).run((context) -> {
			DeliveryMonitor monitor = context.getBean(DeliveryMonitor.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> wireMock.findAll(postRequestedFor(urlEqualTo("/v1/log"))).size() == 1
						&& monitor.status().pending() == 0);
			wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/log")).withRequestBody(equalToJson(
					"{\"project\":\"my-saas\",\"channel\":\"users\",\"event\":\"Signed Up\"}", false, false)));
			assertThat(DeliveryFailureHandlerTests.count(registry, "saas-logsnag", "redelivered")).isEqualTo(1);
			assertThat(DeliveryFailureHandlerTests.count(registry, "saas-logsnag", "delivered")).isEqualTo(1);
			assertThat(monitor.status().failed()).isZero();
		});
	}

	/**
	 * What an insight increment gets from at-least-once delivery: the instance sent its
	 * {@code $inc} and died before recording it; the item is sent again, so LogSnag counts it
	 * twice. The duplicate is counted as {@code redelivered}.
	 */
	@Test
	void anInsightIncrementCutByACrashIsSentAgainSoLogSnagCountsItTwice() {
		InsightIncrement increment = new InsightIncrement("Signups", 1, null);
		// the dead instance had sent it before it died
		new LogSnagDeliveryTask(client()).deliver(LogSnagDeliveryTask.payload(increment))
			.block(Duration.ofSeconds(60));
		pickedByADeadInstance("increment-1", increment);
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		instance(registry).run((context) -> {
			DeliveryMonitor monitor = context.getBean(DeliveryMonitor.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> wireMock.findAll(patchRequestedFor(urlEqualTo("/v1/insight"))).size() == 2
						&& monitor.status().pending() == 0);
			wireMock.verify(2, patchRequestedFor(urlEqualTo("/v1/insight")).withRequestBody(
					equalToJson("{\"project\":\"my-saas\",\"title\":\"Signups\",\"value\":{\"$inc\":1}}", false, false)));
			assertThat(DeliveryFailureHandlerTests.count(registry, "saas-logsnag", "redelivered")).isEqualTo(1);
		});
	}

	@Test
	void fewerThanFourMissedHeartbeatsFailStartUpNamingTheProperty() {
		database.jdbcContext(wireMock.baseUrl(), this.prefix)
			.withPropertyValues("saas.delivery.jdbc.missed-heartbeats=2")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class,
						(ex) -> assertThat(ex.getAction()).contains("saas.delivery.jdbc.heartbeat-interval"))
				.hasMessageContaining("saas.delivery.jdbc.missed-heartbeats")
				.hasMessageContaining("at least 4"));
	}

	private org.springframework.boot.test.context.runner.ApplicationContextRunner instance(MeterRegistry registry) {
		return database.jdbcContext(wireMock.baseUrl(), this.prefix)
			.withBean(MeterRegistry.class, () -> registry)
			.withPropertyValues("saas.delivery.jdbc.heartbeat-interval=1s", "saas.delivery.jdbc.missed-heartbeats=4");
	}

	/** Schedules the request as the queue does, then leaves its row as an instance killed while delivering it. */
	private void pickedByADeadInstance(String id, LogSnagRequest request) {
		SchedulerClient client = SchedulerClient.Builder.create(database.dataSource())
			.tableName(this.prefix + "scheduled_tasks")
			.serializer(new DeliveryItemSerializer(Serializer.DEFAULT_JAVA_SERIALIZER))
			.build();
		LogSnagDeliveryTask task = new LogSnagDeliveryTask(client());
		assertThat(new DbSchedulerDeliveryQueue(client, () -> {
		}, Clock.systemUTC()).enqueue(task, id, LogSnagDeliveryTask.payload(request))).isTrue();
		int updated = database.jdbc().update("update " + this.prefix + "scheduled_tasks set picked = true,"
				+ " picked_by = 'dead-instance', last_heartbeat = now() - interval '1 hour',"
				+ " execution_time = now() - interval '1 hour', version = version + 1 where task_instance = ?",
				"saas-logsnag:" + id);
		assertThat(updated).isEqualTo(1);
	}

	private static LogSnagHttpClient client() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wireMock.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(10));
		properties.setResponseTimeout(Duration.ofSeconds(30));
		properties.getRetry().setMaxAttempts(1);
		return new LogSnagHttpClient(LogSnagHttpClient.httpClient(SaasHttpClientFactory.standalone(), properties,
				DeliveryTestDatabase.LOGSNAG_TOKEN), "my-saas", new LogSnagRequests(null, false));
	}

}
