package io.saasstack.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Transactional mail for reactive code. Every email is checked before any network call
 * ({@link IllegalArgumentException} with what is wrong), every send carries an idempotency key
 * so that a retry cannot deliver twice, and calls are paced to the provider's rate limit.
 *
 * @since 0.1.0
 * @see MailClient
 */
public interface ReactiveMailClient {

	/** Sends an email with a generated idempotency key. */
	Mono<SendResult> send(Email email);

	/**
	 * Sends an email; the same key within 24 hours returns the first result and sends nothing.
	 * @param idempotencyKey 1 to 256 characters, for example {@code welcome-user/123}
	 */
	Mono<SendResult> send(Email email, String idempotencyKey);

	/** Sends a batch with a generated key and strict validation; lists over 100 are split. */
	default Mono<BatchResult> sendBatch(List<Email> emails) {
		return sendBatch(emails, BatchOptions.DEFAULT);
	}

	/** Sends a batch; lists over 100 emails are split into chunks, each with its own derived key. */
	Mono<BatchResult> sendBatch(List<Email> emails, BatchOptions options);

	/** An email as the provider reports it. */
	Mono<SentEmail> get(String id);

	/**
	 * A page of sent emails, newest first.
	 * @param limit 1 to 100
	 * @param after id after which the page starts, or null
	 * @param before id before which the page ends, or null
	 */
	Mono<EmailPage> list(int limit, @Nullable String after, @Nullable String before);

	/** Moves a scheduled email: ISO 8601 or natural language ("in 1 hour"). */
	Mono<Void> reschedule(String id, String when);

	/** Moves a scheduled email to a point in time. */
	default Mono<Void> reschedule(String id, Instant when) {
		return reschedule(id, DateTimeFormatter.ISO_INSTANT.format(when));
	}

	/** Moves a scheduled email to a point in time with its offset. */
	default Mono<Void> reschedule(String id, OffsetDateTime when) {
		return reschedule(id, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(when));
	}

	/** Cancels a scheduled email. */
	Mono<Void> cancel(String id);

}
