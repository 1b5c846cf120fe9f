package io.saasstack.delivery.health;

import java.time.Duration;

import io.saasstack.core.health.SaasHealthCheck;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryStatus;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.health.contributor.Health;

/**
 * Reports the delivery store as {@code saas.delivery}: pending deliveries, the age of the oldest
 * due one and the failed ones, DOWN when one of them is over its threshold
 * ({@code saas.delivery.health.*}). It reads the store, never calls a provider.
 *
 * @since 0.2.0
 */
public final class DeliveryHealthCheck implements SaasHealthCheck {

	private final DeliveryMonitor monitor;

	private final Duration maxOldestAge;

	private final long maxPending;

	private final long maxFailed;

	public DeliveryHealthCheck(DeliveryMonitor monitor, Duration maxOldestAge, long maxPending, long maxFailed) {
		this.monitor = monitor;
		this.maxOldestAge = maxOldestAge;
		this.maxPending = maxPending;
		this.maxFailed = maxFailed;
	}

	@Override
	public String name() {
		return "delivery";
	}

	@Override
	public Mono<Health> check() {
		return Mono.fromSupplier(this::health).subscribeOn(Schedulers.boundedElastic());
	}

	private Health health() {
		DeliveryStatus status = this.monitor.status();
		String problem = problem(status);
		Health.Builder builder = (problem != null) ? Health.down().withDetail("error", problem) : Health.up();
		builder.withDetail("store", status.store()).withDetail("pending", status.pending());
		if (status.oldestPendingAge() != null) {
			builder.withDetail("oldestPendingAge", status.oldestPendingAge().toString());
		}
		return builder.withDetail("failed", status.failed()).build();
	}

	private @org.jspecify.annotations.Nullable String problem(DeliveryStatus status) {
		if (status.oldestPendingAge() != null && status.oldestPendingAge().compareTo(this.maxOldestAge) > 0) {
			return "the oldest due delivery waits for " + status.oldestPendingAge().toSeconds()
					+ " s, more than saas.delivery.health.max-oldest-age";
		}
		if (status.pending() > this.maxPending) {
			return status.pending() + " deliveries pending, more than saas.delivery.health.max-pending";
		}
		if (status.failed() > this.maxFailed) {
			return status.failed() + " deliveries failed for good, more than saas.delivery.health.max-failed";
		}
		return null;
	}

}
