package io.saasstack.delivery.autoconfigure;

import java.time.Duration;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.saasstack.delivery.DeliveryMonitor;
import io.saasstack.delivery.DeliveryStatus;

/**
 * The gauges {@code saas.delivery.pending}, {@code saas.delivery.oldest.age} (seconds) and
 * {@code saas.delivery.failed}. One query serves the three, at most once per
 * {@link #REFRESH}, however often the registry is scraped.
 */
final class DeliveryMeters implements MeterBinder {

	static final Duration REFRESH = Duration.ofSeconds(5);

	private final DeliveryMonitor monitor;

	private volatile DeliveryStatus last;

	private volatile long readAt;

	DeliveryMeters(DeliveryMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauge(registry, "saas.delivery.pending", "Deliveries waiting or under way", (status) -> status.pending());
		gauge(registry, "saas.delivery.oldest.age", "Seconds the oldest due delivery has waited",
				(status) -> (status.oldestPendingAge() != null) ? status.oldestPendingAge().toMillis() / 1000.0 : 0);
		gauge(registry, "saas.delivery.failed", "Deliveries that failed for good and are kept",
				(status) -> status.failed());
	}

	private void gauge(MeterRegistry registry, String name, String description,
			ToDoubleFunction<DeliveryStatus> value) {
		Gauge.builder(name, this, (meters) -> value.applyAsDouble(meters.status()))
			.description(description)
			.register(registry);
	}

	private DeliveryStatus status() {
		long now = System.nanoTime();
		DeliveryStatus status = this.last;
		if (status == null || now - this.readAt > REFRESH.toNanos()) {
			status = this.monitor.status();
			this.last = status;
			this.readAt = now;
		}
		return status;
	}

}
