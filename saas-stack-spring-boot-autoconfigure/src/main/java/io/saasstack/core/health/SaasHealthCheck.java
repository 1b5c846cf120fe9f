package io.saasstack.core.health;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;

/**
 * A cheap check of one provider, contributed as a bean. saas-stack reports every check under
 * the {@code saas} health contributor, bounds it with {@code saas.health.timeout} and caches its
 * result for {@code saas.health.cache-time-to-live}, so probes never burn a provider's rate limit.
 *
 * @since 0.1.0
 */
public interface SaasHealthCheck {

	/** Name of the check in the health report, for example {@code resend}. */
	String name();

	/**
	 * Calls the provider. An error signal, or no answer within the timeout, reports DOWN with
	 * the error's description; exception messages of saas-stack never contain credentials.
	 */
	Mono<Health> check();

}
