package io.saasstack.events.autoconfigure;

import java.net.URI;
import java.time.Duration;

import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasPropertyChecks;
import io.saasstack.events.delivery.OverflowPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of product events ({@code saas.events.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("saas.events")
public class EventsProperties implements InitializingBean {

	/**
	 * Whether to enable the events integration.
	 */
	private boolean enabled = true;

	/**
	 * Whether to keep events in memory (RecordingLogSnagClient) instead of sending or logging them, for tests.
	 */
	private boolean recording;

	/**
	 * LogSnag settings.
	 */
	private final LogSnag logsnag = new LogSnag();

	/**
	 * {@code @TrackEvent} settings.
	 */
	private final TrackEvent trackEvent = new TrackEvent();

	/**
	 * Background delivery settings.
	 */
	private final Delivery delivery = new Delivery();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isRecording() {
		return this.recording;
	}

	public void setRecording(boolean recording) {
		this.recording = recording;
	}

	public LogSnag getLogsnag() {
		return this.logsnag;
	}

	public Delivery getDelivery() {
		return this.delivery;
	}

	public TrackEvent getTrackEvent() {
		return this.trackEvent;
	}

	@Override
	public void afterPropertiesSet() {
		this.logsnag.validate("saas.events.logsnag");
		SaasPropertyChecks.requireNotBlank("saas.events.logsnag.token", this.logsnag.getToken(),
				"a LogSnag API token");
		SaasPropertyChecks.requireNotBlank("saas.events.logsnag.project", this.logsnag.getProject(),
				"your LogSnag project name");
		checkName("saas.events.logsnag.project", this.logsnag.getProject());
		checkName("saas.events.logsnag.default-channel", this.logsnag.getDefaultChannel());
		if (this.logsnag.getToken() != null && this.logsnag.getProject() == null) {
			throw new InvalidSaasPropertyException("saas.events.logsnag.project",
					"it is not set while 'saas.events.logsnag.token' is",
					"Set 'saas.events.logsnag.project' to the name of your LogSnag project (lowercase, for example 'my-saas').");
		}
		SaasPropertyChecks.requirePositive("saas.events.delivery.queue-capacity", this.delivery.getQueueCapacity());
		if (this.delivery.getShutdownTimeout().isNegative()) {
			throw new InvalidSaasPropertyException("saas.events.delivery.shutdown-timeout", "it is negative",
					"Set 'saas.events.delivery.shutdown-timeout' to a duration such as 10s (0 delivers nothing on shutdown).");
		}
		if (this.delivery.getDropLogInterval().isNegative()) {
			throw new InvalidSaasPropertyException("saas.events.delivery.drop-log-interval", "it is negative",
					"Set 'saas.events.delivery.drop-log-interval' to a duration such as 1m, or remove it.");
		}
		SaasPropertyChecks.requirePositive("saas.events.delivery.max-in-flight", this.delivery.getMaxInFlight());
		if (this.delivery.getStalledAfter().toMillis() <= 0) {
			throw new InvalidSaasPropertyException("saas.events.delivery.stalled-after", "it is not positive",
					"Set 'saas.events.delivery.stalled-after' to a duration such as 1m, or remove it.");
		}
	}

	private static void checkName(String property, @Nullable String value) {
		if (value != null && !value.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
			throw new InvalidSaasPropertyException(property,
					"it is not a LogSnag name (lowercase letters, digits and single dashes)",
					"Set '" + property + "' to a name such as 'my-saas'.");
		}
	}

	/**
	 * LogSnag API settings.
	 */
	public static class LogSnag extends SaasClientProperties {

		/**
		 * LogSnag API token; without it events are written to the log instead of sent.
		 */
		private @Nullable String token;

		/**
		 * LogSnag project that receives the events.
		 */
		private @Nullable String project;

		/**
		 * Channel of events that do not name one.
		 */
		private @Nullable String defaultChannel;

		/**
		 * Whether to rewrite tag and property keys into LogSnag's form ("Plan Type" to "plan-type") instead of rejecting them.
		 */
		private boolean normalizeKeys;

		public LogSnag() {
			super(URI.create("https://api.logsnag.com"));
		}

		public boolean isNormalizeKeys() {
			return this.normalizeKeys;
		}

		public void setNormalizeKeys(boolean normalizeKeys) {
			this.normalizeKeys = normalizeKeys;
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable String getProject() {
			return this.project;
		}

		public void setProject(@Nullable String project) {
			this.project = project;
		}

		public @Nullable String getDefaultChannel() {
			return this.defaultChannel;
		}

		public void setDefaultChannel(@Nullable String defaultChannel) {
			this.defaultChannel = defaultChannel;
		}

	}

	/**
	 * Background delivery settings.
	 */
	public static class Delivery {

		/**
		 * Requests the queue holds before the overflow policy applies.
		 */
		private int queueCapacity = 10000;

		/**
		 * What to do with a request when the queue is full; the caller never waits.
		 */
		private OverflowPolicy overflow = OverflowPolicy.DROP_NEWEST;

		/**
		 * Requests being sent to LogSnag at the same time.
		 */
		private int maxInFlight = 64;

		/**
		 * Time allowed on shutdown to deliver what is still queued.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		/**
		 * Shortest time between two log lines reporting dropped requests.
		 */
		private Duration dropLogInterval = Duration.ofMinutes(1);

		/**
		 * Time requests may wait while none leaves the queue before delivery is reported stalled (logged, health DOWN).
		 */
		private Duration stalledAfter = Duration.ofMinutes(1);

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public OverflowPolicy getOverflow() {
			return this.overflow;
		}

		public void setOverflow(OverflowPolicy overflow) {
			this.overflow = overflow;
		}

		public int getMaxInFlight() {
			return this.maxInFlight;
		}

		public void setMaxInFlight(int maxInFlight) {
			this.maxInFlight = maxInFlight;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public Duration getDropLogInterval() {
			return this.dropLogInterval;
		}

		public void setDropLogInterval(Duration dropLogInterval) {
			this.dropLogInterval = dropLogInterval;
		}

		public Duration getStalledAfter() {
			return this.stalledAfter;
		}

		public void setStalledAfter(Duration stalledAfter) {
			this.stalledAfter = stalledAfter;
		}

	}

	/**
	 * {@code @TrackEvent} settings.
	 */
	public static class TrackEvent {

		/**
		 * Whether methods annotated with @TrackEvent publish events.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
