package io.saasstack.events.delivery;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot of a {@link QueuedEventTracker}'s counters since it was created.
 *
 * @param queued requests waiting in the queue
 * @param inFlight requests being sent
 * @param sent requests LogSnag accepted
 * @param failed requests that finally failed, retries included
 * @param dropped requests dropped by the overflow policy, tracked after shutdown, or lost on
 * shutdown
 * @param lastFailure description of the most recent failure, or null; never contains credentials
 * @param lastFailureAt when the most recent failure happened, or null
 * @param lastSuccessAt when LogSnag last accepted a request, or null
 * @param stalledFor how long requests have been waiting while none left the queue, when that
 * exceeds {@link DeliverySettings#stalledAfter()}; null when delivery is not stalled
 * @since 0.1.0
 */
public record DeliveryStats(int queued, int inFlight, long sent, long failed, long dropped,
		@Nullable String lastFailure, @Nullable Instant lastFailureAt, @Nullable Instant lastSuccessAt,
		@Nullable Duration stalledFor) {

	/** Whether requests wait and none has left the queue for longer than the configured time. */
	public boolean stalled() {
		return this.stalledFor != null;
	}

	/** Whether the most recent delivery failed, that is a failure happened after the last success. */
	public boolean failing() {
		return this.lastFailureAt != null
				&& (this.lastSuccessAt == null || this.lastFailureAt.isAfter(this.lastSuccessAt));
	}

}
