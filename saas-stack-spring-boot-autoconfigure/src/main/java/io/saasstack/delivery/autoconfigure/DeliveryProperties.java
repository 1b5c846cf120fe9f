package io.saasstack.delivery.autoconfigure;

import java.time.Duration;

import io.saasstack.core.InvalidSaasPropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of outbound delivery (LogSnag events, Resend mails) and of the stores webhooks use.
 *
 * @since 0.2.0
 */
@ConfigurationProperties("saas.delivery")
public class DeliveryProperties implements InitializingBean {

	/** Where deliveries are kept: memory, or jdbc when the JDBC starter's libraries and a DataSource are present. */
	private @Nullable Store store;

	/** Attempts of a durable delivery before it fails for good and is kept for the saasdelivery endpoint. */
	private int maxAttempts = 10;

	/** Wait after the first failed attempt of a durable delivery, doubled after each further one. */
	private Duration initialBackoff = Duration.ofSeconds(5);

	/** Longest wait between two attempts of a durable delivery. */
	private Duration maxBackoff = Duration.ofMinutes(30);

	/** Longest time one attempt may take, the client's own retries included. */
	private Duration attemptTimeout = Duration.ofMinutes(2);

	/** How often each instance looks for due deliveries in the database. */
	private Duration pollInterval = Duration.ofSeconds(2);

	/** How long deliveries that failed for good are kept. */
	private Duration retention = Duration.ofDays(14);

	/** Delivery threads of each instance. */
	private int threads = 10;

	private final Jdbc jdbc = new Jdbc();

	private final Health health = new Health();

	@Override
	public void afterPropertiesSet() {
		positive("saas.delivery.max-attempts", this.maxAttempts, "10");
		positive("saas.delivery.threads", this.threads, "10");
		positive("saas.delivery.jdbc.missed-heartbeats", this.jdbc.missedHeartbeats, "6");
		positive("saas.delivery.initial-backoff", this.initialBackoff, "5s");
		positive("saas.delivery.attempt-timeout", this.attemptTimeout, "2m");
		positive("saas.delivery.poll-interval", this.pollInterval, "2s");
		positive("saas.delivery.retention", this.retention, "14d");
		positive("saas.delivery.jdbc.heartbeat-interval", this.jdbc.heartbeatInterval, "5s");
		positive("saas.delivery.health.max-oldest-age", this.health.maxOldestAge, "10m");
		if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
			throw new InvalidSaasPropertyException("saas.delivery.max-backoff",
					"it is shorter than saas.delivery.initial-backoff",
					"Set 'saas.delivery.max-backoff' to at least 'saas.delivery.initial-backoff' (defaults 30m and 5s).");
		}
		if (this.jdbc.shutdownMaxWait.isNegative()) {
			throw new InvalidSaasPropertyException("saas.delivery.jdbc.shutdown-max-wait", "it is negative",
					"Set 'saas.delivery.jdbc.shutdown-max-wait' to zero or more (default 5s).");
		}
		if (this.jdbc.tablePrefix == null || !this.jdbc.tablePrefix.matches("[A-Za-z_][A-Za-z0-9_]{0,29}")) {
			throw new InvalidSaasPropertyException("saas.delivery.jdbc.table-prefix",
					"it is not a SQL identifier of at most 30 letters, digits and underscores",
					"Set 'saas.delivery.jdbc.table-prefix' to something like 'saas_' (the default).");
		}
	}

	private static void positive(String property, long value, String fallback) {
		if (value <= 0) {
			throw new InvalidSaasPropertyException(property, "it is not positive",
					"Set '" + property + "' to a positive number (default " + fallback + ").");
		}
	}

	private static void positive(String property, Duration value, String fallback) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidSaasPropertyException(property, "it is not a positive duration",
					"Set '" + property + "' to a positive duration (default " + fallback + ").");
		}
	}

	public @Nullable Store getStore() {
		return this.store;
	}

	public void setStore(@Nullable Store store) {
		this.store = store;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	public Duration getAttemptTimeout() {
		return this.attemptTimeout;
	}

	public void setAttemptTimeout(Duration attemptTimeout) {
		this.attemptTimeout = attemptTimeout;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public int getThreads() {
		return this.threads;
	}

	public void setThreads(int threads) {
		this.threads = threads;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Health getHealth() {
		return this.health;
	}

	/** Where deliveries are kept. */
	public enum Store {

		/** In memory: lost when the process stops; one instance's view only. */
		MEMORY,

		/** In the application's database: durable and shared by every instance. */
		JDBC

	}

	/**
	 * When to create the delivery tables. Our own type, not Boot's {@code DatabaseInitializationMode}:
	 * these properties are bound in memory mode too, where spring-boot-sql may be absent.
	 */
	public enum InitializeSchema {

		/** Only on an embedded database, as Spring Session and Spring Batch do. */
		EMBEDDED,

		/** On every start-up: every statement is {@code CREATE ... IF NOT EXISTS}. */
		ALWAYS,

		/** Never: the tables come from the application's migrations. */
		NEVER

	}

	/** The database store. */
	public static class Jdbc {

		/** When to create the delivery tables: embedded databases only, always or never. */
		private InitializeSchema initializeSchema = InitializeSchema.EMBEDDED;

		/** Prefix of the delivery tables. */
		private String tablePrefix = "saas_";

		/** How often an instance tells the others it is still delivering what it picked. */
		private Duration heartbeatInterval = Duration.ofSeconds(5);

		/** Missed heartbeats after which another instance delivers a picked item again; at least 4 (db-scheduler's minimum). */
		private int missedHeartbeats = 6;

		/** Longest wait for deliveries under way when the application stops; the rest are picked up again. */
		private Duration shutdownMaxWait = Duration.ofSeconds(5);

		public InitializeSchema getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(InitializeSchema initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getTablePrefix() {
			return this.tablePrefix;
		}

		public void setTablePrefix(String tablePrefix) {
			this.tablePrefix = tablePrefix;
		}

		public Duration getHeartbeatInterval() {
			return this.heartbeatInterval;
		}

		public void setHeartbeatInterval(Duration heartbeatInterval) {
			this.heartbeatInterval = heartbeatInterval;
		}

		public int getMissedHeartbeats() {
			return this.missedHeartbeats;
		}

		public void setMissedHeartbeats(int missedHeartbeats) {
			this.missedHeartbeats = missedHeartbeats;
		}

		public Duration getShutdownMaxWait() {
			return this.shutdownMaxWait;
		}

		public void setShutdownMaxWait(Duration shutdownMaxWait) {
			this.shutdownMaxWait = shutdownMaxWait;
		}

	}

	/** The {@code saas.delivery} health contributor. */
	public static class Health {

		/** Age of the oldest due delivery above which health is DOWN. */
		private Duration maxOldestAge = Duration.ofMinutes(10);

		/** Pending deliveries above which health is DOWN. */
		private long maxPending = 100_000;

		/** Deliveries failed for good above which health is DOWN. */
		private long maxFailed = 100;

		public Duration getMaxOldestAge() {
			return this.maxOldestAge;
		}

		public void setMaxOldestAge(Duration maxOldestAge) {
			this.maxOldestAge = maxOldestAge;
		}

		public long getMaxPending() {
			return this.maxPending;
		}

		public void setMaxPending(long maxPending) {
			this.maxPending = maxPending;
		}

		public long getMaxFailed() {
			return this.maxFailed;
		}

		public void setMaxFailed(long maxFailed) {
			this.maxFailed = maxFailed;
		}

	}

}
