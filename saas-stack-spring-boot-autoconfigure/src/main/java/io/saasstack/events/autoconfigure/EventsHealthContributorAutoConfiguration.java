package io.saasstack.events.autoconfigure;

import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.core.health.SaasHealthCheck;
import io.saasstack.events.ReactiveLogSnagClient;
import io.saasstack.events.delivery.QueuedEventTracker;
import io.saasstack.events.health.LogSnagHealthCheck;
import io.saasstack.events.logsnag.LogSnagHttpClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the LogSnag entry of the {@code saas}
 * health contributor, from the delivery statistics: LogSnag has no endpoint to read, so the check
 * never calls it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = EventsAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(QueuedEventTracker.class)
@ConditionalOnEnabledHealthIndicator("saas")
public final class EventsHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "logSnagHealthCheck")
	SaasHealthCheck logSnagHealthCheck(QueuedEventTracker eventTracker, ReactiveLogSnagClient client) {
		return new LogSnagHealthCheck(eventTracker, !(client instanceof LogSnagHttpClient));
	}

}
