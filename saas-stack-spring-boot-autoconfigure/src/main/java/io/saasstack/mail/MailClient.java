package io.saasstack.mail;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Transactional mail for blocking code; every call returns when the provider answered. The
 * same guarantees as {@link ReactiveMailClient}: checks before any call, idempotency keys on
 * every send, retries within the provider's rules, pacing to its rate limit.
 *
 * @since 0.1.0
 */
public interface MailClient {

	/** Sends an email with a generated idempotency key. */
	SendResult send(Email email);

	/** Sends an email with the caller's idempotency key (1 to 256 characters). */
	SendResult send(Email email, String idempotencyKey);

	/** Sends a batch; lists over 100 are split into chunks. */
	default BatchResult sendBatch(List<Email> emails) {
		return sendBatch(emails, BatchOptions.DEFAULT);
	}

	/** Sends a batch with options. */
	BatchResult sendBatch(List<Email> emails, BatchOptions options);

	/** An email as the provider reports it. */
	SentEmail get(String id);

	/** A page of sent emails, newest first. */
	EmailPage list(int limit, @Nullable String after, @Nullable String before);

	/** Moves a scheduled email: ISO 8601 or natural language. */
	void reschedule(String id, String when);

	/** Moves a scheduled email to a point in time. */
	default void reschedule(String id, Instant when) {
		reschedule(id, java.time.format.DateTimeFormatter.ISO_INSTANT.format(when));
	}

	/** Cancels a scheduled email. */
	void cancel(String id);

}
