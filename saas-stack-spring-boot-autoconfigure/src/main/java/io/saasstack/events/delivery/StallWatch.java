package io.saasstack.events.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells when the delivery queue has stopped moving: requests wait and none has left the queue
 * for {@link DeliverySettings#stalledAfter()}. Logs one warning when that starts and one line
 * when the queue moves again. The clock is read only when the queue moves or becomes non-empty,
 * never per queued request.
 */
final class StallWatch {

	private static final Log logger = LogFactory.getLog(QueuedEventTracker.class);

	private final Clock clock;

	private final long stalledAfterMillis;

	/** When a request last left the queue or the queue last became non-empty. */
	private volatile long movedAt;

	private final AtomicBoolean stalled = new AtomicBoolean();

	StallWatch(Clock clock, Duration stalledAfter) {
		this.clock = clock;
		this.stalledAfterMillis = stalledAfter.toMillis();
		this.movedAt = clock.millis();
	}

	/** A request found the queue empty: its wait starts now. */
	void filled() {
		this.movedAt = this.clock.millis();
	}

	/** A request left the queue for sending. */
	void moved(int waiting) {
		this.movedAt = this.clock.millis();
		if (this.stalled.get() && this.stalled.compareAndSet(true, false)) {
			logger.info("LogSnag delivery resumed: requests leave the queue again (" + waiting + " waiting)");
		}
	}

	/**
	 * How long the queue has been stalled, or null when it is not; logs when that changes.
	 * @param waiting requests in the queue
	 * @param inFlight requests being sent
	 */
	@Nullable Duration check(int waiting, int inFlight) {
		if (waiting == 0) {
			if (this.stalled.get() && this.stalled.compareAndSet(true, false)) {
				logger.info("LogSnag delivery resumed: the queue is empty");
			}
			return null;
		}
		long stalledFor = this.clock.millis() - this.movedAt;
		if (stalledFor < this.stalledAfterMillis) {
			return null;
		}
		if (!this.stalled.get() && this.stalled.compareAndSet(false, true)) {
			logger.warn("LogSnag delivery has stalled: no request has left the queue for " + (stalledFor / 1000)
					+ " s while " + waiting + " wait(s) and " + inFlight + " are being sent without an answer "
					+ "(saas.events.delivery.stalled-after=" + Duration.ofMillis(this.stalledAfterMillis)
					+ "). The sender has stopped taking requests; check saas.events.delivery.* and the health "
					+ "of LogSnag's connection");
		}
		return Duration.ofMillis(stalledFor);
	}

	/** How often the sender should call {@link #check} while it waits: often enough to log in time. */
	long checkIntervalMillis() {
		return Math.max(1, Math.min(this.stalledAfterMillis, 1000));
	}

}
