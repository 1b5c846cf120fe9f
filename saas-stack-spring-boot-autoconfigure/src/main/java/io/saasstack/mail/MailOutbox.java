package io.saasstack.mail;

import java.util.List;

/**
 * Sends mail in the background: every method checks the mail, enqueues it and returns at once,
 * without waiting for the provider or for a turn under its rate limit. Each mail carries one
 * idempotency key through every attempt, so a retry cannot deliver it twice within the provider's
 * 24 hours.
 * <p>
 * Inside a Spring transaction ({@code @Transactional}) the mail is sent if and only if the
 * transaction commits. With {@code saas.delivery.store=jdbc} it is written to the application's
 * database in that transaction and survives restarts and crashes; any instance sends it, retried up
 * to {@code saas.delivery.max-attempts}, and one that fails for good is kept for the
 * {@code saasdelivery} endpoint. In memory (the default) it is sent at once and lost if the process
 * stops first.
 *
 * @since 0.2.0
 */
public interface MailOutbox {

	/**
	 * Enqueues an email with a generated idempotency key.
	 * @return the idempotency key
	 * @throws IllegalArgumentException if the email is invalid (nothing is enqueued)
	 */
	String enqueue(Email email);

	/**
	 * Enqueues an email. A second mail with the key of one still pending is not enqueued.
	 * @param idempotencyKey 1 to 256 characters, for example {@code welcome/user_123}
	 * @return the idempotency key
	 * @throws IllegalArgumentException if the email or the key is invalid (nothing is enqueued)
	 */
	String enqueue(Email email, String idempotencyKey);

	/**
	 * Enqueues a batch, sent as {@link MailClient#sendBatch(List, BatchOptions)} sends it.
	 * @return the batch's idempotency key (the options' or a generated one)
	 * @throws IllegalArgumentException if an email or the options are invalid (nothing is enqueued)
	 */
	String enqueueBatch(List<Email> emails, BatchOptions options);

}
