package io.saasstack.delivery;

import java.time.Instant;

/**
 * A delivery that failed for good. Its payload is not shown: it can hold personal data (a mail's
 * recipients and content).
 *
 * @param task the task's name, for example {@code saas-resend}
 * @param id the item's id within the task
 * @param attempts the attempts made
 * @param error the last error, without credentials or payload
 * @param failedAt when it failed for good
 * @since 0.2.0
 */
public record FailedDelivery(String task, String id, int attempts, String error, Instant failedAt) {

}
