package io.saasstack.core.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.core.health.CachedHealthIndicator;
import io.saasstack.core.health.SaasHealthCheck;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@code saas} health contributor: one
 * cached, time-bounded entry per provider {@link SaasHealthCheck}. Area auto-configurations that
 * contribute checks run before it.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, Mono.class })
@ConditionalOnBean(SaasHealthCheck.class)
@ConditionalOnEnabledHealthIndicator("saas")
@EnableConfigurationProperties(SaasHealthProperties.class)
public final class SaasHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "saasHealthIndicator", "saasHealthContributor" })
	CompositeHealthContributor saasHealthContributor(ObjectProvider<SaasHealthCheck> checks,
			SaasHealthProperties properties) {
		Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
		checks.orderedStream()
			.forEach((check) -> indicators.put(check.name(), new CachedHealthIndicator(check,
					properties.getCacheTimeToLive(), properties.getTimeout(), Clock.systemUTC())));
		return CompositeHealthContributor.fromMap(indicators);
	}

}
