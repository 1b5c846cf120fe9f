package io.saasstack.mail.outbox;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import io.saasstack.core.SaasJson;
import io.saasstack.delivery.DeliveryDeferredException;
import io.saasstack.delivery.DeliveryTask;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.resend.ResendPacingTimeoutException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

import org.springframework.util.Assert;

/**
 * Sends stored mails with the application's {@link ReactiveMailClient} (Resend, or the local
 * stand-in), each with its stored idempotency key.
 * <p>
 * A mail waits for its turn under the provider's rate limit in the delivery thread. So that mails
 * never take every delivery thread of an instance from the events, at most {@code concurrency}
 * mails are sent at once per instance; a further one is deferred (nothing sent, no attempt
 * counted), and so is one whose turn is further away than the pacing timeout.
 *
 * @since 0.2.0
 */
public final class MailDeliveryTask implements DeliveryTask {

	/** The task's name. */
	public static final String NAME = "saas-mail";

	private final ReactiveMailClient client;

	private final Semaphore sending;

	/**
	 * @param client sends the mails
	 * @param concurrency mails sent at once by this instance, at most
	 */
	public MailDeliveryTask(ReactiveMailClient client, int concurrency) {
		Assert.notNull(client, "client must not be null");
		Assert.isTrue(concurrency > 0, "concurrency must be positive");
		this.client = client;
		this.sending = new Semaphore(concurrency);
	}

	@Override
	public String name() {
		return NAME;
	}

	static String payload(StoredMail mail) {
		return SaasJson.mapper().writeValueAsString(mail);
	}

	/**
	 * The mail stored in a payload.
	 * @throws IllegalArgumentException if the payload is not a stored mail (it never will be: the
	 * delivery fails for good at once); the message never quotes the payload
	 */
	static StoredMail mail(String payload) {
		try {
			return SaasJson.mapper().readValue(payload, StoredMail.class);
		}
		catch (JacksonException ex) {
			// Jackson's message quotes the payload, which holds recipients and content: its type only
			throw new IllegalArgumentException("Not a stored mail (" + ex.getClass().getSimpleName() + ")");
		}
	}

	@Override
	public Mono<Void> deliver(String payload) {
		return Mono.defer(() -> {
			StoredMail mail = mail(payload);
			if (!this.sending.tryAcquire()) {
				return Mono.error(new DeliveryDeferredException("as many mails as allowed are being sent", jitter()));
			}
			return send(mail).doFinally((signal) -> this.sending.release());
		}).onErrorMap(ResendPacingTimeoutException.class,
				(ex) -> new DeliveryDeferredException("its turn under the rate limit is too far away", jitter()));
	}

	private Mono<Void> send(StoredMail mail) {
		if (mail.email() != null) {
			return this.client.send(mail.email(), mail.key()).then();
		}
		Assert.notNull(mail.batch(), "a stored mail has an email or a batch");
		BatchOptions.Validation validation = (mail.validation() != null) ? mail.validation()
				: BatchOptions.Validation.STRICT;
		return this.client.sendBatch(mail.batch(), new BatchOptions(mail.key(), validation)).then();
	}

	/** One to three seconds, so that deferred mails do not all come back at once. */
	private static Duration jitter() {
		return Duration.ofMillis(1000 + ThreadLocalRandom.current().nextLong(2000));
	}

	@Override
	public String toString() {
		return "MailDeliveryTask[" + this.client + "]";
	}

}
