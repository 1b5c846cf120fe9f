package io.saasstack.events.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasPropertyChecks;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogSnagClient;
import io.saasstack.events.ReactiveLogSnagClient;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.events.delivery.DeliverySettings;
import io.saasstack.events.delivery.QueuedEventTracker;
import io.saasstack.events.logsnag.BlockingLogSnagClient;
import io.saasstack.events.logsnag.LogSnagHttpClient;
import io.saasstack.events.logsnag.LogSnagRequests;
import io.saasstack.events.logsnag.LoggingLogSnagClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of product events: the LogSnag client (the
 * HTTP client with {@code saas.events.logsnag.token}, else a stand-in that writes events to the
 * log, or an in-memory recorder with {@code saas.events.recording=true}), the background
 * {@link EventTracker} and {@code @TrackEvent}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "saas.events.enabled", matchIfMissing = true)
@ConditionalOnClass(reactor.core.publisher.Mono.class)
@EnableConfigurationProperties(EventsProperties.class)
@Import({ EventsAutoConfiguration.ClientConfiguration.class, DurableEventTrackerConfiguration.class,
		EventsAutoConfiguration.MeteredTrackerConfiguration.class,
		EventsAutoConfiguration.TrackerConfiguration.class, TrackEventConfiguration.class })
public final class EventsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EventsAutoConfiguration.class);

	/** With the database store, events go to {@link DurableEventTrackerConfiguration} instead. */
	static final String DURABLE_QUEUE = "io.saasstack.delivery.jdbc.DbSchedulerDeliveryQueue";

	@Bean
	@ConditionalOnMissingBean
	LogSnagRequests logSnagRequests(EventsProperties properties) {
		return new LogSnagRequests(properties.getLogsnag().getDefaultChannel(),
				properties.getLogsnag().isNormalizeKeys());
	}

	@Bean
	@ConditionalOnMissingBean(LogSnagClient.class)
	BlockingLogSnagClient logSnagClient(ReactiveLogSnagClient reactiveLogSnagClient) {
		return new BlockingLogSnagClient(reactiveLogSnagClient);
	}

	private static DeliverySettings deliverySettings(EventsProperties properties) {
		EventsProperties.Delivery delivery = properties.getDelivery();
		return new DeliverySettings(delivery.getQueueCapacity(), delivery.getOverflow(), delivery.getMaxInFlight(),
				delivery.getShutdownTimeout(), delivery.getDropLogInterval(), delivery.getStalledAfter());
	}

	/**
	 * The tracker with delivery metrics, when Micrometer is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnMissingBean(type = DURABLE_QUEUE)
	static class MeteredTrackerConfiguration {

		@Bean
		@ConditionalOnMissingBean(EventTracker.class)
		QueuedEventTracker eventTracker(ReactiveLogSnagClient client, LogSnagRequests requests,
				EventsProperties properties, ObjectProvider<MeterRegistry> meterRegistry) {
			return new QueuedEventTracker(client, requests, deliverySettings(properties), meterRegistry.getIfUnique());
		}

	}

	/**
	 * The tracker without metrics.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.micrometer.core.instrument.MeterRegistry")
	@ConditionalOnMissingBean(type = DURABLE_QUEUE)
	static class TrackerConfiguration {

		@Bean
		@ConditionalOnMissingBean(EventTracker.class)
		QueuedEventTracker eventTracker(ReactiveLogSnagClient client, LogSnagRequests requests,
				EventsProperties properties) {
			return new QueuedEventTracker(client, requests, deliverySettings(properties));
		}

	}

	/**
	 * The reactive LogSnag client: recorder, HTTP client or local stand-in, in that order.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(ReactiveLogSnagClient.class)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnBooleanProperty("saas.events.recording")
		RecordingLogSnagClient recordingLogSnagClient(LogSnagRequests requests) {
			return new RecordingLogSnagClient(requests);
		}

		@Bean
		@ConditionalOnMissingBean(ReactiveLogSnagClient.class)
		@ConditionalOnProperty("saas.events.logsnag.token")
		@ConditionalOnBean(SaasHttpClientFactory.class)
		LogSnagHttpClient logSnagHttpClient(SaasHttpClientFactory factory, EventsProperties properties,
				LogSnagRequests requests) {
			EventsProperties.LogSnag logsnag = properties.getLogsnag();
			return new LogSnagHttpClient(LogSnagHttpClient.httpClient(factory, logsnag, logsnag.getToken()),
					logsnag.getProject(), requests);
		}

		@Bean
		@ConditionalOnMissingBean(ReactiveLogSnagClient.class)
		LoggingLogSnagClient loggingLogSnagClient(LogSnagRequests requests, Environment environment) {
			SaasPropertyChecks.requireUnsetUnderAot(environment, "the logging LogSnag stand-in",
					"saas.events.logsnag.token");
			logger.info("saas.events.logsnag.token is not set: LogSnag events are written to the log, not sent. "
					+ "Set SAAS_EVENTS_LOGSNAG_TOKEN and SAAS_EVENTS_LOGSNAG_PROJECT to send them.");
			return new LoggingLogSnagClient(requests);
		}

	}

}
