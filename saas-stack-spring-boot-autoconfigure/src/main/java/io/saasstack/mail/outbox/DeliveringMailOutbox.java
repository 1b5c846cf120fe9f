package io.saasstack.mail.outbox;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import io.saasstack.delivery.DeliveryQueue;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailOutbox;

import org.springframework.util.Assert;

/**
 * {@link MailOutbox} on the application's {@link DeliveryQueue}: in memory or in the database.
 * Mails are checked when they are enqueued, so an invalid one fails in the caller and is never
 * stored. The item's id is the idempotency key: a mail whose key is pending is not stored twice.
 *
 * @since 0.2.0
 */
public final class DeliveringMailOutbox implements MailOutbox {

	private final DeliveryQueue queue;

	private final MailDeliveryTask task;

	private final Consumer<Email> emailChecks;

	private final Consumer<List<Email>> batchChecks;

	private final Consumer<String> keyChecks;

	/**
	 * @param queue the delivery queue
	 * @param task sends the stored mails
	 * @param emailChecks throws {@link IllegalArgumentException} for an email the provider would refuse
	 * @param batchChecks the same for a batch
	 * @param keyChecks the same for an idempotency key
	 */
	public DeliveringMailOutbox(DeliveryQueue queue, MailDeliveryTask task, Consumer<Email> emailChecks,
			Consumer<List<Email>> batchChecks, Consumer<String> keyChecks) {
		this.queue = queue;
		this.task = task;
		this.emailChecks = emailChecks;
		this.batchChecks = batchChecks;
		this.keyChecks = keyChecks;
	}

	@Override
	public String enqueue(Email email) {
		return enqueue(email, "email/" + UUID.randomUUID());
	}

	@Override
	public String enqueue(Email email, String idempotencyKey) {
		Assert.notNull(email, "email must not be null");
		this.keyChecks.accept(idempotencyKey);
		this.emailChecks.accept(email);
		this.queue.enqueue(this.task, idempotencyKey,
				MailDeliveryTask.payload(new StoredMail(idempotencyKey, email, null, null)));
		return idempotencyKey;
	}

	@Override
	public String enqueueBatch(List<Email> emails, BatchOptions options) {
		Assert.notNull(emails, "emails must not be null");
		Assert.notNull(options, "options must not be null");
		String key = (options.idempotencyKey() != null) ? options.idempotencyKey() : "batch/" + UUID.randomUUID();
		this.keyChecks.accept(key);
		this.batchChecks.accept(emails);
		this.queue.enqueue(this.task, key,
				MailDeliveryTask.payload(new StoredMail(key, null, List.copyOf(emails), options.validation())));
		return key;
	}

	@Override
	public String toString() {
		return "DeliveringMailOutbox[" + this.queue + "]";
	}

}
