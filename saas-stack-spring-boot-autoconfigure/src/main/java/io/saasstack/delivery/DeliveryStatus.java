package io.saasstack.delivery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the delivery store holds now: for health, meters and the {@code saasdelivery} endpoint.
 *
 * @param store {@code memory} or {@code jdbc}
 * @param pending items waiting for delivery or being delivered
 * @param oldestPendingAge how long the oldest pending item has been due, or null when none is
 * @param failed items that failed for good and are kept for inspection
 * @since 0.2.0
 */
public record DeliveryStatus(String store, long pending, @Nullable Duration oldestPendingAge, long failed) {

}
