package io.saasstack.events.health;

import java.time.Duration;

import io.saasstack.core.health.SaasHealthCheck;
import io.saasstack.events.delivery.DeliveryStats;
import io.saasstack.events.delivery.QueuedEventTracker;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;

/**
 * Reports how background delivery to LogSnag is going, without calling LogSnag (its API has no
 * read endpoint to probe): DOWN when the most recent delivery failed after the last success,
 * with the failure as {@code error}; DOWN when the delivery queue has stalled (requests wait and
 * none has left the queue for {@code saas.events.delivery.stalled-after}), with the reason as
 * {@code error} and the time as {@code stalledFor}; UP otherwise. Details give the tracker's
 * counters.
 *
 * @since 0.1.0
 */
public final class LogSnagHealthCheck implements SaasHealthCheck {

	private final QueuedEventTracker tracker;

	private final boolean local;

	/**
	 * @param tracker the tracker whose deliveries are reported
	 * @param local whether events are only written to the log (no LogSnag token), reported as
	 * {@code mode: local}
	 */
	public LogSnagHealthCheck(QueuedEventTracker tracker, boolean local) {
		this.tracker = tracker;
		this.local = local;
	}

	@Override
	public String name() {
		return "logsnag";
	}

	@Override
	public Mono<Health> check() {
		return Mono.fromSupplier(this::health);
	}

	private Health health() {
		DeliveryStats stats = this.tracker.stats();
		String failure = stats.lastFailure();
		Duration stalledFor = stats.stalledFor();
		Health.Builder builder;
		if (stalledFor != null) {
			builder = Health.down()
				.withDetail("error", "Delivery has stalled: " + stats.queued() + " request(s) wait and none has left "
						+ "the queue for " + stalledFor.toSeconds() + " s (saas.events.delivery.stalled-after)")
				.withDetail("stalledFor", stalledFor.toString());
		}
		else if (stats.failing() && failure != null) {
			builder = Health.down().withDetail("error", failure);
		}
		else {
			builder = Health.up();
		}
		if (this.local) {
			builder.withDetail("mode", "local");
		}
		return builder.withDetail("queued", stats.queued())
			.withDetail("sent", stats.sent())
			.withDetail("failed", stats.failed())
			.withDetail("dropped", stats.dropped())
			.build();
	}

}
