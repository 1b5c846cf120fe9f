package io.saasstack.delivery.jdbc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasRequest;
import io.saasstack.delivery.DeliveryTestDatabase;
import io.saasstack.mail.resend.ResendPacingTimeoutException;
import io.saasstack.testsupport.postgres.TestPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.sql.init.DatabaseInitializationMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link SharedRateLimitPacer}: two pacers, standing for two instances, each with its own
 * Bucket4j proxy manager on one bucket row in PostgreSQL. Timing is asserted with lower bounds only.
 */
class SharedRateLimitPacerTests {

	private static final SaasRequest REQUEST = SaasRequest.post("emails.send", "/emails").build();

	/** Clock granularity of the bucket (milliseconds) against System.nanoTime. */
	private static final Duration SLACK = Duration.ofMillis(5);

	private static DeliveryTestDatabase database;

	private String table;


	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("shared_rate_limit_pacer_tests");
	}

	@BeforeEach
	void schema() {
		String prefix = DeliveryTestDatabase.newPrefix();
		new DeliverySchemaInitializer(database.dataSource(), DatabaseInitializationMode.ALWAYS, "postgresql", prefix,
				false)
			.initializeDatabase();
		this.table = prefix + "rate_limit_buckets";
	}

	@Test
	void twoInstancesNeverGetTwoTurnsCloserThanTheInterval() {
		// each instance with its own connection pool and proxy manager, as two application instances
		try (HikariDataSource first = pool(); HikariDataSource second = pool()) {
			SharedRateLimitPacer one = pacer(first, 4, Duration.ofSeconds(60));
			SharedRateLimitPacer other = pacer(second, 4, Duration.ofSeconds(60));
			Duration interval = one.interval();
			assertThat(interval).isEqualTo(Duration.ofNanos((long) (1_000_000_000L * SharedRateLimitPacer.MARGIN / 4)));
			// warm both pools up, then let the bucket refill
			turn(one).block(Duration.ofSeconds(60));
			turn(other).block(Duration.ofSeconds(60));
			sleep(interval.multipliedBy(2));
			long start = System.nanoTime();
			List<Mono<Long>> turns = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				turns.add(turn(one));
				turns.add(turn(other));
			}
			List<Long> granted = Flux.merge(turns).collectSortedList().block(Duration.ofSeconds(120));
			assertThat(granted).hasSize(12);
			// the k-th turn of both together comes k intervals after the start at the earliest (one
			// bucket per instance would give two turns per interval: the 12th after 5 intervals)
			for (int k = 0; k < granted.size(); k++) {
				assertThat(Duration.ofNanos(granted.get(k) - start)).as("turn %d", k)
					.isGreaterThanOrEqualTo(interval.multipliedBy(k).minus(SLACK));
			}
		}
	}

	@Test
	void aTurnFurtherThanMaxWaitFailsAtOnceAndReservesNothing() {
		// 0.05 requests/s: a turn every 26 s, so nothing refills while the test runs
		SharedRateLimitPacer pacer = pacer(0.05, Duration.ofSeconds(30));
		Bucket bucket = bucket(pacer);
		pacer.acquire(REQUEST).block(Duration.ofSeconds(30));
		pacer.acquire(REQUEST).subscribe();
		await().atMost(Duration.ofSeconds(30)).until(() -> bucket.getAvailableTokens() == -1);
		long before = System.nanoTime();
		assertThatExceptionOfType(ResendPacingTimeoutException.class)
			.isThrownBy(() -> pacer.acquire(REQUEST).block(Duration.ofSeconds(30)))
			.satisfies((ex) -> {
				assertThat(ex.getMaxWait()).isEqualTo(Duration.ofSeconds(30));
				assertThat(ex.getOperation()).isEqualTo("emails.send");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(20));
		assertThat(bucket.getAvailableTokens()).isEqualTo(-1);
	}

	@Test
	void aRateLimitAnswerHoldsEveryInstanceForItsRetryAfter() {
		// 1 request/s: a turn every 1.15 s; Retry-After 2 s is not a whole number of turns
		SharedRateLimitPacer one = pacer(1, Duration.ofSeconds(60));
		SharedRateLimitPacer other = pacer(1, Duration.ofSeconds(60));
		Bucket bucket = bucket(one);
		long rejected = System.nanoTime();
		one.rejected(new SaasRateLimitException("resend", "emails.send", 429,
				ProviderError.of("rate_limit_exceeded", "Too many requests", null).asRateLimited(),
				new RateLimit(null, null, null, Duration.ofSeconds(2)), true));
		await().atMost(Duration.ofSeconds(30)).until(() -> bucket.getAvailableTokens() < 1);
		List<Long> granted = Flux.merge(turn(one), turn(other)).collectSortedList().block(Duration.ofSeconds(60));
		assertThat(Duration.ofNanos(granted.get(0) - rejected)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		assertThat(Duration.ofNanos(granted.get(1) - rejected))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2).plus(one.interval()).minus(SLACK));
	}

	@Test
	void aRateLimitAnswerWithoutRetryAfterHoldsOneSecond() {
		SharedRateLimitPacer one = pacer(1, Duration.ofSeconds(60));
		Bucket bucket = bucket(one);
		long rejected = System.nanoTime();
		one.rejected(new SaasRateLimitException("resend", "emails.send", 429,
				ProviderError.of(null, null, null).asRateLimited(), RateLimit.NONE, true));
		await().atMost(Duration.ofSeconds(30)).until(() -> bucket.getAvailableTokens() < 1);
		long granted = turn(pacer(1, Duration.ofSeconds(60))).block(Duration.ofSeconds(60));
		assertThat(Duration.ofNanos(granted - rejected)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
	}

	private static HikariDataSource pool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(database.url());
		pool.setUsername(TestPostgres.get().username());
		pool.setPassword(TestPostgres.get().password());
		pool.setMaximumPoolSize(8);
		pool.setMinimumIdle(8);
		return pool;
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Mono<Long> turn(SharedRateLimitPacer pacer) {
		return pacer.acquire(REQUEST).then(Mono.fromCallable(System::nanoTime));
	}

	/** A pacer with its own proxy manager, as each instance has. */
	private SharedRateLimitPacer pacer(double requestsPerSecond, Duration maxWait) {
		return pacer(database.dataSource(), requestsPerSecond, maxWait);
	}

	private SharedRateLimitPacer pacer(DataSource dataSource, double requestsPerSecond, Duration maxWait) {
		return new SharedRateLimitPacer(buckets(dataSource), "resend", requestsPerSecond, maxWait,
				(request, wait) -> new ResendPacingTimeoutException(request.operation(), null, wait, "test"));
	}

	private Bucket bucket(SharedRateLimitPacer pacer) {
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, pacer.interval()))
			.build();
		return buckets().builder().build("resend", () -> configuration);
	}

	private ProxyManager<String> buckets() {
		return buckets(database.dataSource());
	}

	private ProxyManager<String> buckets(DataSource dataSource) {
		return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
			.primaryKeyMapper(PrimaryKeyMapper.STRING)
			.table(this.table)
			.idColumn("id")
			.stateColumn("state")
			.build();
	}

}
