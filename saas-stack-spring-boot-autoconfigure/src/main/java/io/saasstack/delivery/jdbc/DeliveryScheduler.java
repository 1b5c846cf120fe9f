package io.saasstack.delivery.jdbc;

import com.github.kagkarlsson.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * The db-scheduler {@link Scheduler} saas-stack runs when the application runs none, started and
 * stopped with the application context. Stopping waits for the deliveries under way at most
 * {@code saas.delivery.jdbc.shutdown-max-wait}; what is cut short is delivered again by another
 * instance.
 *
 * @since 0.2.0
 */
public final class DeliveryScheduler implements SmartLifecycle {

	private final Scheduler scheduler;

	private volatile boolean running;

	public DeliveryScheduler(Scheduler scheduler) {
		Assert.notNull(scheduler, "scheduler must not be null");
		this.scheduler = scheduler;
	}

	/** The scheduler. */
	public Scheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void start() {
		this.scheduler.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.scheduler.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
