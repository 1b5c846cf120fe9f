package io.saasstack.mail;

import io.saasstack.core.RateLimit;

/**
 * A sent (or scheduled) email.
 *
 * @param id the provider's email id
 * @param idempotencyKey the idempotency key the send carried (the caller's or a generated one)
 * @param rateLimit the provider's rate-limit headers of the response
 * @since 0.1.0
 */
public record SendResult(String id, String idempotencyKey, RateLimit rateLimit) {

}
