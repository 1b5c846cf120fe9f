package io.saasstack.core.autoconfigure;

import java.time.Duration;

import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasPropertyChecks;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the provider health checks reported under {@code saas}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("saas.health")
public class SaasHealthProperties implements InitializingBean {

	/**
	 * How long a provider check result is reused before the provider is called again.
	 */
	private Duration cacheTimeToLive = Duration.ofSeconds(60);

	/**
	 * Longest wait for a provider check; past it the provider is reported DOWN.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	public Duration getCacheTimeToLive() {
		return this.cacheTimeToLive;
	}

	public void setCacheTimeToLive(Duration cacheTimeToLive) {
		this.cacheTimeToLive = cacheTimeToLive;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	public void afterPropertiesSet() {
		SaasPropertyChecks.requirePositive("saas.health.timeout", this.timeout);
		if (this.cacheTimeToLive.isNegative()) {
			throw new InvalidSaasPropertyException("saas.health.cache-time-to-live", "it is negative",
					"Set 'saas.health.cache-time-to-live' to a duration such as 60s (0 checks on every request).");
		}
	}

}
