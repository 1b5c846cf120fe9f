package io.saasstack.events.delivery;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link DeliveryMeters} backed by Micrometer. Every meter is registered up front so that
 * recording never looks one up.
 */
final class MicrometerDeliveryMeters implements DeliveryMeters {

	private final Counter[] sent;

	private final Counter[] failed;

	private final Counter[] dropped;

	private final Timer success;

	private final Timer failure;

	MicrometerDeliveryMeters(MeterRegistry registry, DeliveryQueue<?> queue, String[] types) {
		this.sent = counters(registry, "saas.events.sent", "LogSnag requests accepted by LogSnag", types);
		this.failed = counters(registry, "saas.events.failed", "LogSnag requests that finally failed", types);
		this.dropped = counters(registry, "saas.events.dropped",
				"LogSnag requests dropped because the queue was full or the tracker stopped", types);
		this.success = timer(registry, "success");
		this.failure = timer(registry, "failure");
		Gauge.builder("saas.events.queue.size", queue, DeliveryQueue::size)
			.description("LogSnag requests waiting to be sent")
			.register(registry);
	}

	private static Counter[] counters(MeterRegistry registry, String name, String description, String[] types) {
		Counter[] counters = new Counter[types.length];
		for (int i = 0; i < types.length; i++) {
			counters[i] = Counter.builder(name).description(description).tag("type", types[i]).register(registry);
		}
		return counters;
	}

	private static Timer timer(MeterRegistry registry, String outcome) {
		return Timer.builder("saas.events.delivery")
			.description("Time from tracking a LogSnag request to LogSnag's answer")
			.tag("outcome", outcome)
			.register(registry);
	}

	@Override
	public boolean timed() {
		return true;
	}

	@Override
	public void sent(int type, long nanos) {
		this.sent[type].increment();
		this.success.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void failed(int type, long nanos) {
		this.failed[type].increment();
		this.failure.record(nanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void dropped(int type) {
		this.dropped[type].increment();
	}

}
