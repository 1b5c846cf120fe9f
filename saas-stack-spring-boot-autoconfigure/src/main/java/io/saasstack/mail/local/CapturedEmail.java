package io.saasstack.mail.local;

import java.time.Instant;

import io.saasstack.mail.Email;

/**
 * A mail {@link CapturingMailClient} kept instead of sending it.
 *
 * @param id the local id, {@code local-<uuid>}
 * @param email the email as it would have been sent: {@code from} and {@code replyTo} defaults
 * applied, and the latest {@code scheduledAt} after a reschedule
 * @param idempotencyKey the key the send carried (the caller's, a generated one, or the key of
 * the batch chunk)
 * @param capturedAt when it was captured
 * @param canceled whether it was scheduled and then canceled
 * @since 0.1.0
 */
public record CapturedEmail(String id, Email email, String idempotencyKey, Instant capturedAt, boolean canceled) {

	CapturedEmail withEmail(Email email) {
		return new CapturedEmail(this.id, email, this.idempotencyKey, this.capturedAt, this.canceled);
	}

	CapturedEmail asCanceled() {
		return new CapturedEmail(this.id, this.email, this.idempotencyKey, this.capturedAt, true);
	}

}
