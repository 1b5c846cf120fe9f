package io.saasstack.delivery.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.saasstack.delivery.DeliveryOutcomes;

/** Counts outcomes as {@code saas.delivery.attempts}, tagged by task and outcome. */
final class MicrometerDeliveryOutcomes implements DeliveryOutcomes {

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	MicrometerDeliveryOutcomes(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void record(String task, String outcome) {
		this.counters.computeIfAbsent(task + "/" + outcome, (key) -> Counter.builder("saas.delivery.attempts")
			.description("Delivery attempts by task and outcome")
			.tag("task", task)
			.tag("outcome", outcome)
			.register(this.registry)).increment();
	}

}
