package io.saasstack.delivery.autoconfigure;

import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.health.DeliveryHealthCheck;
import io.saasstack.delivery.jdbc.JdbcDeliveryMonitor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code saas.delivery} health entry, in the
 * database store (in memory, the events keep their {@code saas.logsnag} entry).
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = DeliveryAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(JdbcDeliveryMonitor.class)
@ConditionalOnEnabledHealthIndicator("saas")
public final class DeliveryHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	DeliveryHealthCheck deliveryHealthCheck(DeliveryMonitor monitor, DeliveryProperties properties) {
		DeliveryProperties.Health health = properties.getHealth();
		return new DeliveryHealthCheck(monitor, health.getMaxOldestAge(), health.getMaxPending(),
				health.getMaxFailed());
	}

}
