package io.saasstack.delivery.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.delivery.DeliveryOutcomes;
import io.saasstack.delivery.DeliveryQueue;
import io.saasstack.delivery.memory.MemoryDeliveryQueue;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the delivery layer: the
 * {@link DeliveryQueue} of the mail outbox and, in the database store, of events; the database
 * store's scheduler, shared rate limit and webhook replay table. It runs before the areas, which
 * choose their implementations from what it provides.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration",
				"com.github.kagkarlsson.scheduler.boot.autoconfigure.DbSchedulerAutoConfiguration" },
		beforeName = { "io.saasstack.events.autoconfigure.EventsAutoConfiguration",
				"io.saasstack.mail.autoconfigure.MailAutoConfiguration",
				"io.saasstack.webhooks.autoconfigure.WebhooksAutoConfiguration" })
@ConditionalOnClass(reactor.core.publisher.Mono.class)
@EnableConfigurationProperties(DeliveryProperties.class)
@Import({ DeliveryAutoConfiguration.MeteredOutcomesConfiguration.class,
		DeliveryAutoConfiguration.OutcomesConfiguration.class, JdbcDeliveryConfiguration.class,
		DeliveryAutoConfiguration.MemoryConfiguration.class })
public final class DeliveryAutoConfiguration {

	/** Name of the database store's queue bean. */
	public static final String JDBC_QUEUE_BEAN = "jdbcDeliveryQueue";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MeteredOutcomesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeliveryOutcomes deliveryOutcomes(ObjectProvider<MeterRegistry> meterRegistry) {
			MeterRegistry registry = meterRegistry.getIfUnique();
			return (registry != null) ? new MicrometerDeliveryOutcomes(registry) : DeliveryOutcomes.NONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("io.micrometer.core.instrument.MeterRegistry")
	static class OutcomesConfiguration {

		@Bean
		@ConditionalOnMissingBean
		DeliveryOutcomes deliveryOutcomes() {
			return DeliveryOutcomes.NONE;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMemoryDeliveryStore
	static class MemoryConfiguration {

		@Bean
		@ConditionalOnMissingBean(DeliveryQueue.class)
		MemoryDeliveryQueue memoryDeliveryQueue(DeliveryOutcomes outcomes) {
			return new MemoryDeliveryQueue(outcomes);
		}

	}

}
