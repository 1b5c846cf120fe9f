package io.saasstack.delivery.jdbc;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasTransportException;
import io.saasstack.delivery.DeliveryDeferredException;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryQueue;
import io.saasstack.delivery.DeliveryTask;
import io.saasstack.delivery.DeliveryTestDatabase;
import io.saasstack.delivery.FailedDelivery;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * What follows a failed attempt ({@link DeliveryFailureHandler}, {@link DeliveryPolicy}): unit
 * cases on a fixed clock with the failed table on PostgreSQL, then the same rules through a running
 * scheduler.
 */
class DeliveryFailureHandlerTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	private static final String PAYLOAD = "{\"to\":[\"ada@example.com\"],\"text\":\"code 981234\"}";

	private static DeliveryTestDatabase database;

	private final DeliveryPolicy policy = new DeliveryPolicy(5, Duration.ofSeconds(5), Duration.ofSeconds(60),
			Duration.ofMinutes(2));

	private final List<String> outcomes = new ArrayList<>();

	private String prefix;

	private FailedDeliveryStore failed;

	private DeliveryFailureHandler handler;

	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("delivery_failure_handler_tests");
	}

	@BeforeEach
	void store() {
		this.prefix = DeliveryTestDatabase.newPrefix();
		new DeliverySchemaInitializer(database.dataSource(), DatabaseInitializationMode.ALWAYS, "postgresql",
				this.prefix, false)
			.initializeDatabase();
		this.failed = new FailedDeliveryStore(database.jdbc(), this.prefix + "delivery_failed");
		this.handler = new DeliveryFailureHandler(this.policy, this.failed,
				(task, outcome) -> this.outcomes.add(task + "/" + outcome), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Test
	void backoffDoublesFromTheInitialOneUpToTheCap() {
		assertThat(this.policy.backoff(1)).isEqualTo(Duration.ofSeconds(5));
		assertThat(this.policy.backoff(2)).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.policy.backoff(3)).isEqualTo(Duration.ofSeconds(20));
		assertThat(this.policy.backoff(4)).isEqualTo(Duration.ofSeconds(40));
		assertThat(this.policy.backoff(5)).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.policy.backoff(6)).isEqualTo(Duration.ofSeconds(60));
		assertThat(this.policy.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
		DeliveryPolicy defaults = new DeliveryPolicy(10, Duration.ofSeconds(5), Duration.ofMinutes(30),
				Duration.ofMinutes(2));
		assertThat(defaults.backoff(9)).isEqualTo(Duration.ofSeconds(1280));
		assertThat(defaults.backoff(10)).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void aPolicyRefusesSettingsThatCannotWork() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliveryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliveryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliveryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO));
	}

	@Test
	void aFailedAttemptIsRetriedAfterTheBackoffWithOneMoreAttemptCounted() {
		RecordingOperations first = fail(item(0), new IllegalStateException("connection reset"));
		assertThat(first.rescheduledAt).isEqualTo(NOW.plusSeconds(5));
		assertThat(first.newData).isEqualTo(new DeliveryItem("saas-mail", 1, PAYLOAD));
		RecordingOperations third = fail(item(2), transport());
		assertThat(third.rescheduledAt).isEqualTo(NOW.plusSeconds(20));
		assertThat(third.newData).isEqualTo(new DeliveryItem("saas-mail", 3, PAYLOAD));
		assertThat(fail(item(3), apiError(503, true)).rescheduledAt).isEqualTo(NOW.plusSeconds(40));
		assertThat(this.outcomes).containsExactly("saas-mail/retried", "saas-mail/retried", "saas-mail/retried");
		assertThat(this.failed.count()).isZero();
	}

	@Test
	void aNonRetryableProviderErrorFailsForGoodAtTheFirstAttempt() {
		RecordingOperations operations = fail(item(0), apiError(422, false));
		assertThat(operations.removed).isTrue();
		assertThat(operations.rescheduledAt).isNull();
		assertThat(this.outcomes).containsExactly("saas-mail/failed");
		assertThat(this.failed.list(10)).containsExactly(new FailedDelivery("saas-mail", "saas-mail:k1", 1,
				"resend emails.send failed with HTTP 422 [validation_error]: Invalid `to` field.", NOW));
		assertThat(this.failed.payload("saas-mail", "saas-mail:k1")).isEqualTo(PAYLOAD);
	}

	@Test
	void anIllegalArgumentFailsForGoodAtTheFirstAttemptWithoutItsMessage() {
		RecordingOperations operations = fail(item(0),
				new IllegalArgumentException("Invalid email: 'to[0]' (ada@example.com) is refused"));
		assertThat(operations.removed).isTrue();
		assertThat(this.failed.list(10)).singleElement().satisfies((failure) -> {
			assertThat(failure.attempts()).isEqualTo(1);
			assertThat(failure.error()).isEqualTo("java.lang.IllegalArgumentException");
		});
	}

	@Test
	void aRateLimitIsRetriedAfterItsRetryAfterWhenLongerThanTheBackoff() {
		RecordingOperations longer = fail(item(0), rateLimited(Duration.ofSeconds(30), true));
		assertThat(longer.rescheduledAt).isEqualTo(NOW.plusSeconds(30));
		assertThat(longer.newData.attempts()).isEqualTo(1);
		RecordingOperations shorter = fail(item(0), rateLimited(Duration.ofSeconds(1), true));
		assertThat(shorter.rescheduledAt).isEqualTo(NOW.plusSeconds(5));
		RecordingOperations none = fail(item(1), rateLimited(null, true));
		assertThat(none.rescheduledAt).isEqualTo(NOW.plusSeconds(10));
		// a 429 is never a failure for good, even when the client calls it not retryable
		RecordingOperations notRetryable = fail(item(0), rateLimited(Duration.ofSeconds(7), false));
		assertThat(notRetryable.removed).isFalse();
		assertThat(notRetryable.rescheduledAt).isEqualTo(NOW.plusSeconds(7));
		assertThat(this.failed.count()).isZero();
	}

	@Test
	void aDeferralWaitsItsDelayAndCountsNoAttempt() {
		RecordingOperations operations = fail(item(3), new DeliveryDeferredException("busy", Duration.ofMillis(1500)));
		assertThat(operations.rescheduledAt).isEqualTo(NOW.plusMillis(1500));
		assertThat(operations.dataKept).isTrue();
		assertThat(operations.removed).isFalse();
		assertThat(this.outcomes).containsExactly("saas-mail/deferred");
		// even at the last attempt a deferral is not a failure
		assertThat(fail(item(4), new DeliveryDeferredException("busy", Duration.ZERO)).removed).isFalse();
		assertThat(this.failed.count()).isZero();
	}

	@Test
	void theLastAttemptFailsForGoodAndKeepsTheItem() {
		RecordingOperations operations = fail(item(4), new IllegalStateException("could not reach ada@example.com"));
		assertThat(operations.removed).isTrue();
		assertThat(this.outcomes).containsExactly("saas-mail/failed");
		FailedDelivery failure = this.failed.list(10).get(0);
		assertThat(failure.attempts()).isEqualTo(5);
		assertThat(failure.error()).isEqualTo("java.lang.IllegalStateException");
		// the item fails again after a retry from the endpoint: the newest failure wins
		fail(item(4), apiError(500, true));
		assertThat(this.failed.list(10)).singleElement()
			.satisfies((again) -> assertThat(again.error()).isEqualTo("resend emails.send failed with HTTP 500"));
	}

	@Test
	void errorTextsNeverCarryTheForeignMessageAndAreCut() {
		assertThat(DeliveryFailureHandler.describe(new RuntimeException("token=abc ada@example.com")))
			.isEqualTo("java.lang.RuntimeException");
		assertThat(DeliveryFailureHandler.describe(null)).isEqualTo("unknown error");
		String longMessage = "x".repeat(1500);
		fail(item(0), new SaasApiException("resend", "emails.send", 422, ProviderError.of(null, longMessage, null),
				RateLimit.NONE, false));
		assertThat(this.failed.list(1).get(0).error()).hasSize(FailedDeliveryStore.MAX_ERROR);
		JdbcTemplate jdbc = database.jdbc();
		assertThat(jdbc.queryForObject("select count(*) from " + this.prefix
				+ "delivery_failed where last_error like '%ada@example.com%'", Integer.class)).isZero();
	}

	@Test
	void throughTheSchedulerTheAttemptsReachMaxAttemptsThenTheItemIsKept() {
		wireMock.stubFor(post("/v1/log").willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Internal Server Error\"}")));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		database.jdbcContext(wireMock.baseUrl(), this.prefix)
			.withBean(MeterRegistry.class, () -> registry)
			.withPropertyValues("saas.delivery.max-attempts=3")
			.run((context) -> {
				context.getBean(EventTracker.class).track(LogEvent.builder("Never Arrives").channel("ops").build());
				DeliveryMonitor monitor = context.getBean(DeliveryMonitor.class);
				await().atMost(Duration.ofSeconds(60)).until(() -> monitor.status().failed() == 1);
				FailedDelivery failure = monitor.failed(10).get(0);
				assertThat(failure.task()).isEqualTo("saas-logsnag");
				assertThat(failure.attempts()).isEqualTo(3);
				assertThat(failure.error()).contains("HTTP 500");
				assertThat(monitor.status().pending()).isZero();
				List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo("/v1/log")));
				assertThat(requests).hasSize(3);
				// initial-backoff=100ms: 100 ms, then 200 ms at least between the attempts
				assertThat(gap(requests, 0)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
				assertThat(gap(requests, 1)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
				assertThat(count(registry, "saas-logsnag", "retried")).isEqualTo(2);
				assertThat(count(registry, "saas-logsnag", "failed")).isEqualTo(1);
				assertThat(count(registry, "saas-logsnag", "delivered")).isZero();
			});
	}

	@Test
	void throughTheSchedulerDeferralsDoNotCountAsAttempts() {
		AtomicInteger calls = new AtomicInteger();
		DeliveryTask deferring = new DeliveryTask() {

			@Override
			public String name() {
				return "test-deferring";
			}

			@Override
			public Mono<Void> deliver(String payload) {
				return Mono.defer(() -> (calls.incrementAndGet() <= 3)
						? Mono.error(new DeliveryDeferredException("not yet", Duration.ofMillis(50)))
						: Mono.error(new IllegalStateException("provider down for " + payload)));
			}

		};
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		database.jdbcContext(wireMock.baseUrl(), this.prefix)
			.withBean(MeterRegistry.class, () -> registry)
			.withBean("deferringTask", DeliveryTask.class, () -> deferring)
			.withPropertyValues("saas.delivery.max-attempts=2")
			.run((context) -> {
				context.getBean(DeliveryQueue.class).enqueue(deferring, "item-1", PAYLOAD);
				DeliveryMonitor monitor = context.getBean(DeliveryMonitor.class);
				await().atMost(Duration.ofSeconds(60)).until(() -> monitor.status().failed() == 1);
				assertThat(calls).hasValue(5);
				assertThat(monitor.failed(10)).singleElement().satisfies((failure) -> {
					assertThat(failure.id()).isEqualTo("test-deferring:item-1");
					assertThat(failure.attempts()).isEqualTo(2);
					assertThat(failure.error()).isEqualTo("java.lang.IllegalStateException");
				});
				assertThat(count(registry, "test-deferring", "deferred")).isEqualTo(3);
				assertThat(count(registry, "test-deferring", "retried")).isEqualTo(1);
				assertThat(count(registry, "test-deferring", "failed")).isEqualTo(1);
			});
	}

	private static Duration gap(List<LoggedRequest> requests, int index) {
		return Duration.between(requests.get(index).getLoggedDate().toInstant(),
				requests.get(index + 1).getLoggedDate().toInstant());
	}

	static double count(MeterRegistry registry, String task, String outcome) {
		var counter = registry.find("saas.delivery.attempts").tags("task", task, "outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private RecordingOperations fail(DeliveryItem item, Throwable cause) {
		Execution execution = new Execution(NOW, new TaskInstance<>(DeliveryTasks.NAME, "saas-mail:k1", item));
		RecordingOperations operations = new RecordingOperations(execution);
		this.handler.onFailure(ExecutionComplete.failure(execution, NOW.minusSeconds(1), NOW, cause), operations);
		return operations;
	}

	private static DeliveryItem item(int attempts) {
		return new DeliveryItem("saas-mail", attempts, PAYLOAD);
	}

	private static SaasApiException apiError(int status, boolean retryable) {
		ProviderError error = (status == 422) ? ProviderError.of("validation_error", "Invalid `to` field.", null)
				: ProviderError.of(null, null, null);
		return new SaasApiException("resend", "emails.send", status, error, RateLimit.NONE, retryable);
	}

	private static SaasRateLimitException rateLimited(Duration retryAfter, boolean retryable) {
		return new SaasRateLimitException("resend", "emails.send", 429,
				ProviderError.of("rate_limit_exceeded", "Too many requests", null).asRateLimited(),
				new RateLimit(null, null, null, retryAfter), retryable);
	}

	private static SaasTransportException transport() {
		return new SaasTransportException("resend", "emails.send", "connection refused", true, false,
				new java.net.ConnectException("refused"));
	}

	/** Records what the handler asks db-scheduler to do. */
	static final class RecordingOperations extends ExecutionOperations<DeliveryItem> {

		Instant rescheduledAt;

		DeliveryItem newData;

		boolean dataKept;

		boolean removed;

		RecordingOperations(Execution execution) {
			super(null, null, execution);
		}

		@Override
		public void reschedule(ExecutionComplete completed, Instant nextExecutionTime) {
			this.rescheduledAt = nextExecutionTime;
			this.dataKept = true;
		}

		@Override
		public void reschedule(ExecutionComplete completed, Instant nextExecutionTime, DeliveryItem newData) {
			this.rescheduledAt = nextExecutionTime;
			this.newData = newData;
		}

		@Override
		public void remove() {
			this.removed = true;
		}

	}


}
