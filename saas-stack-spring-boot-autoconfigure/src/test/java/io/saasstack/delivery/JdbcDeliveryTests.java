package io.saasstack.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.delivery.actuate.DeliveryEndpoint;
import io.saasstack.delivery.autoconfigure.DeliveryAutoConfiguration;
import io.saasstack.delivery.autoconfigure.DeliveryEndpointAutoConfiguration;
import io.saasstack.delivery.jdbc.DbSchedulerDeliveryQueue;
import io.saasstack.delivery.jdbc.JdbcDeliveryMonitor;
import io.saasstack.delivery.jdbc.SharedRateLimitPacer;
import io.saasstack.delivery.memory.MemoryDeliveryQueue;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.events.delivery.DurableEventTracker;
import io.saasstack.events.delivery.QueuedEventTracker;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailOutbox;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable delivery on a real PostgreSQL (started by {@link TestPostgres}), LogSnag and Resend on
 * WireMock. Each test has its own table prefix, so the tests share one database but no rows.
 */
class JdbcDeliveryTests {

	private static final String DATABASE = "jdbc_delivery_tests";

	private static final AtomicInteger prefixes = new AtomicInteger();

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static String url;

	private String prefix;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, DeliveryAutoConfiguration.class, DeliveryEndpointAutoConfiguration.class,
				EventsAutoConfiguration.class, MailAutoConfiguration.class));

	@BeforeAll
	static void database() {
		url = TestPostgres.get().createDatabase(DATABASE);
	}

	@BeforeEach
	void prefix() {
		this.prefix = "t" + prefixes.incrementAndGet() + "_";
		wireMock.stubFor(post("/v1/log").willReturn(okJson("{}")));
		wireMock.stubFor(post("/emails").willReturn(okJson("{\"id\":\"4ef9a417-02e9-4d39-ad75-9611e0fcc33c\"}")));
	}

	private ApplicationContextRunner jdbc() {
		TestPostgres postgres = TestPostgres.get();
		return this.contextRunner
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=" + url,
				"spring.datasource.username=" + postgres.username(), "spring.datasource.password=" + postgres.password(),
				"saas.delivery.jdbc.initialize-schema=always", "saas.delivery.jdbc.table-prefix=" + this.prefix,
				"saas.delivery.poll-interval=200ms", "saas.delivery.initial-backoff=100ms",
				"saas.events.logsnag.token=ls-token-123", "saas.events.logsnag.project=my-saas",
				"saas.events.logsnag.base-url=" + wireMock.baseUrl(), "saas.mail.resend.api-key=re_test_123",
				"saas.mail.resend.base-url=" + wireMock.baseUrl(), "saas.mail.default-from=Acme <hello@acme.test>",
				"saas.mail.resend.requests-per-second=20", "management.endpoints.web.exposure.include=saasdelivery",
				"management.endpoints.jmx.exposure.include=saasdelivery");
	}

	@Test
	void withDataSourceAndTheLibrariesDeliveriesAreKeptInTheDatabase() {
		jdbc().run((context) -> {
			assertThat(context).hasSingleBean(DbSchedulerDeliveryQueue.class)
				.doesNotHaveBean(MemoryDeliveryQueue.class)
				.hasSingleBean(DurableEventTracker.class)
				.doesNotHaveBean(QueuedEventTracker.class)
				.hasSingleBean(MailOutbox.class)
				.hasSingleBean(DeliveryEndpoint.class);
			assertThat(context.getBean("resendPacer")).isInstanceOf(SharedRateLimitPacer.class);
			assertThat(tables(context)).contains(this.prefix + "scheduled_tasks", this.prefix + "delivery_failed",
					this.prefix + "webhook_receipts", this.prefix + "rate_limit_buckets");
		});
	}

	@Test
	void withoutDataSourceDeliveriesStayInMemory() {
		this.contextRunner.withPropertyValues("saas.events.logsnag.token=ls-token-123",
				"saas.events.logsnag.project=my-saas")
			.run((context) -> assertThat(context).hasSingleBean(MemoryDeliveryQueue.class)
				.hasSingleBean(QueuedEventTracker.class)
				.doesNotHaveBean(DbSchedulerDeliveryQueue.class)
				.hasSingleBean(MailOutbox.class));
	}

	@Test
	void memoryStoreCanBeChosenWithADataSource() {
		jdbc().withPropertyValues("saas.delivery.store=memory")
			.run((context) -> assertThat(context).hasSingleBean(MemoryDeliveryQueue.class)
				.hasSingleBean(QueuedEventTracker.class)
				.doesNotHaveBean(DbSchedulerDeliveryQueue.class));
	}

	@Test
	void jdbcStoreWithoutDataSourceFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("saas.delivery.store=jdbc")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class,
						(ex) -> assertThat(ex.getAction()).contains("spring.datasource.url"))
				.hasMessageContaining("saas.delivery.store"));
	}

	@Test
	void fewerMissedHeartbeatsThanDbSchedulerAcceptsFailNamingTheProperty() {
		jdbc().withPropertyValues("saas.delivery.jdbc.missed-heartbeats=3")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class,
						(ex) -> assertThat(ex.getAction()).contains("saas.delivery.jdbc.missed-heartbeats to 4"))
				.hasMessageContaining("saas.delivery.jdbc.missed-heartbeats"));
	}

	@Test
	void jdbcStoreWithoutTheLibrariesFailsNamingTheStarter() {
		jdbc().withPropertyValues("saas.delivery.store=jdbc")
			.withClassLoader(new FilteredClassLoader(Scheduler.class))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class,
						(ex) -> assertThat(ex.getAction()).contains("saas-stack-spring-boot-starter-jdbc"))
				.hasMessageContaining("saas.delivery.store"));
	}

	@Test
	void eventsAndMailsAreDeliveredFromTheDatabase() {
		jdbc().run((context) -> {
			EventTracker tracker = context.getBean(EventTracker.class);
			for (int i = 0; i < 20; i++) {
				assertThat(tracker.track(LogEvent.builder("Signed Up").channel("users").tag("n", i).build())).isTrue();
			}
			MailOutbox outbox = context.getBean(MailOutbox.class);
			assertThat(outbox.enqueue(welcome("ada@example.com"), "welcome/ada")).isEqualTo("welcome/ada");
			assertThat(tracker.flush(Duration.ofSeconds(20))).isTrue();
			wireMock.verify(20, postRequestedFor(urlEqualTo("/v1/log")).withHeader("Authorization",
					equalTo("Bearer ls-token-123")));
			wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/log"))
				.withRequestBody(equalToJson("{\"project\":\"my-saas\",\"channel\":\"users\",\"event\":\"Signed Up\","
						+ "\"tags\":{\"n\":7}}")));
			wireMock.verify(1, postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key",
					equalTo("welcome/ada"))
				.withHeader("Authorization", equalTo("Bearer re_test_123"))
				.withRequestBody(equalToJson("{\"from\":\"Acme <hello@acme.test>\",\"to\":[\"ada@example.com\"],"
						+ "\"subject\":\"Welcome\",\"text\":\"Hello\"}")));
			assertThat(context.getBean(DeliveryMonitor.class).status().pending()).isZero();
		});
	}

	@Test
	void aRolledBackTransactionDeliversNothingACommittedOneDeliversAll() {
		jdbc().run((context) -> {
			TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
			EventTracker tracker = context.getBean(EventTracker.class);
			MailOutbox outbox = context.getBean(MailOutbox.class);
			transactions.executeWithoutResult((status) -> {
				tracker.track(LogEvent.builder("Rolled Back").channel("users").build());
				outbox.enqueue(welcome("rollback@example.com"), "welcome/rollback");
				status.setRollbackOnly();
			});
			transactions.executeWithoutResult((status) -> {
				tracker.track(LogEvent.builder("Committed").channel("users").build());
				outbox.enqueue(welcome("commit@example.com"), "welcome/commit");
			});
			assertThat(tracker.flush(Duration.ofSeconds(20))).isTrue();
			wireMock.verify(0, postRequestedFor(urlEqualTo("/v1/log"))
				.withRequestBody(equalToJson("{\"event\":\"Rolled Back\"}", true, true)));
			wireMock.verify(0, postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key",
					equalTo("welcome/rollback")));
			wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/log"))
				.withRequestBody(equalToJson("{\"event\":\"Committed\"}", true, true)));
			wireMock.verify(1, postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key",
					equalTo("welcome/commit")));
		});
	}

	@Test
	void aMailRefusedForGoodIsKeptAndCanBeRetried() {
		wireMock.stubFor(post("/emails").withHeader("Idempotency-Key", equalTo("welcome/refused"))
			.inScenario("refused")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(422)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"statusCode\":422,\"name\":\"validation_error\",\"message\":\"Invalid `to` field.\"}"))
			.willSetStateTo("fixed"));
		wireMock.stubFor(post("/emails").withHeader("Idempotency-Key", equalTo("welcome/refused"))
			.inScenario("refused")
			.whenScenarioStateIs("fixed")
			.willReturn(okJson("{\"id\":\"5ef9a417-02e9-4d39-ad75-9611e0fcc33c\"}")));
		jdbc().run((context) -> {
			context.getBean(MailOutbox.class).enqueue(welcome("refused@example.com"), "welcome/refused");
			JdbcDeliveryMonitor monitor = context.getBean(JdbcDeliveryMonitor.class);
			await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status().failed() == 1);
			FailedDelivery failed = monitor.failed(10).get(0);
			assertThat(failed.task()).isEqualTo("saas-mail");
			assertThat(failed.id()).isEqualTo("saas-mail:welcome/refused");
			assertThat(failed.attempts()).isEqualTo(1);
			assertThat(failed.error()).contains("422").doesNotContain("refused@example.com");
			assertThat(monitor.status().pending()).isZero();
			DeliveryEndpoint endpoint = context.getBean(DeliveryEndpoint.class);
			assertThat(endpoint.deliveries().failed()).containsExactly(failed);
			assertThat(endpoint.retry("saas-mail", failed.id())).containsEntry("retried", true);
			await().atMost(Duration.ofSeconds(20)).until(() -> monitor.status().pending() == 0);
			assertThat(monitor.status().failed()).isZero();
			wireMock.verify(2, postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key",
					equalTo("welcome/refused")));
			assertThat(endpoint.discard("saas-mail", failed.id())).containsEntry("discarded", false);
		});
	}

	@Test
	void aRateLimitAnswerIsRetriedAfterItsRetryAfter() {
		wireMock.stubFor(post("/emails").withHeader("Idempotency-Key", equalTo("welcome/limited"))
			.inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withHeader("Retry-After", "2")
				.withBody("{\"statusCode\":429,\"name\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}"))
			.willSetStateTo("open"));
		wireMock.stubFor(post("/emails").withHeader("Idempotency-Key", equalTo("welcome/limited"))
			.inScenario("limited")
			.whenScenarioStateIs("open")
			.willReturn(okJson("{\"id\":\"6ef9a417-02e9-4d39-ad75-9611e0fcc33c\"}")));
		jdbc().withPropertyValues("saas.mail.resend.retry.max-attempts=1").run((context) -> {
			context.getBean(MailOutbox.class).enqueue(welcome("limited@example.com"), "welcome/limited");
			JdbcDeliveryMonitor monitor = context.getBean(JdbcDeliveryMonitor.class);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> wireMock.findAll(postRequestedFor(urlEqualTo("/emails"))
					.withHeader("Idempotency-Key", equalTo("welcome/limited"))).size() == 2
						&& monitor.status().pending() == 0);
			List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo("/emails"))
				.withHeader("Idempotency-Key", equalTo("welcome/limited")));
			Instant first = requests.get(0).getLoggedDate().toInstant();
			Instant second = requests.get(1).getLoggedDate().toInstant();
			assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
			assertThat(monitor.status().failed()).isZero();
		});
	}

	@Test
	void schemaIsNotCreatedWithInitializeSchemaNever() {
		jdbc().withPropertyValues("saas.delivery.jdbc.initialize-schema=never")
			.run((context) -> assertThat(tables(context)).noneMatch((table) -> table.startsWith(this.prefix)));
	}

	@Test
	void tasksJoinTheApplicationsScheduler() {
		String table = this.prefix + "app_tasks";
		jdbc().withConfiguration(AutoConfigurations.of(DbSchedulerAutoConfiguration.class))
			.withPropertyValues("db-scheduler.table-name=" + table, "db-scheduler.polling-interval=200ms",
					"db-scheduler.immediate-execution-enabled=true")
			.withInitializer((context) -> createApplicationTable(table))
			.run((context) -> {
				assertThat(context).hasSingleBean(Scheduler.class).doesNotHaveBean("saasDeliveryScheduler");
				EventTracker tracker = context.getBean(EventTracker.class);
				tracker.track(LogEvent.builder("Through The App Scheduler").channel("ops").build());
				assertThat(tracker.flush(Duration.ofSeconds(20))).isTrue();
				wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/log"))
					.withRequestBody(equalToJson("{\"event\":\"Through The App Scheduler\"}", true, true)));
				assertThat(tables(context)).doesNotContain(this.prefix + "scheduled_tasks");
			});
	}

	private void createApplicationTable(String table) {
		TestPostgres postgres = TestPostgres.get();
		new JdbcTemplate(postgres.dataSource(DATABASE)).execute("CREATE TABLE " + table
				+ " (task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data BYTEA,"
				+ " execution_time TIMESTAMP WITH TIME ZONE NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT,"
				+ " last_success TIMESTAMP WITH TIME ZONE, last_failure TIMESTAMP WITH TIME ZONE,"
				+ " consecutive_failures INT, last_heartbeat TIMESTAMP WITH TIME ZONE, version BIGINT NOT NULL,"
				+ " priority SMALLINT, PRIMARY KEY (task_name, task_instance))");
	}

	private static List<String> tables(AssertableApplicationContext context) {
		return context.getBean(JdbcTemplate.class)
			.queryForList("select table_name from information_schema.tables where table_schema = 'public'",
					String.class);
	}

	private static Email welcome(String to) {
		return Email.builder().to(to).subject("Welcome").text("Hello").build();
	}

}
