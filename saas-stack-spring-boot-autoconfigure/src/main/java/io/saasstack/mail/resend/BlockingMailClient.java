package io.saasstack.mail.resend;

import java.util.List;

import io.saasstack.core.BlockingCalls;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.BatchResult;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailPage;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.SentEmail;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link MailClient} that waits for a {@link ReactiveMailClient}. The wait is bounded by the
 * reactive client's pacing timeout, timeouts and retry policy; exceptions are those of the
 * reactive client, unwrapped.
 *
 * @since 0.1.0
 */
public final class BlockingMailClient implements MailClient {

	private final ReactiveMailClient reactive;

	/**
	 * @param reactive the client that does the work
	 */
	public BlockingMailClient(ReactiveMailClient reactive) {
		Assert.notNull(reactive, "reactive must not be null");
		this.reactive = reactive;
	}

	@Override
	public SendResult send(Email email) {
		BlockingCalls.requireBlockingAllowed("MailClient.send", "ReactiveMailClient");
		return required(this.reactive.send(email).block());
	}

	@Override
	public SendResult send(Email email, String idempotencyKey) {
		BlockingCalls.requireBlockingAllowed("MailClient.send", "ReactiveMailClient");
		return required(this.reactive.send(email, idempotencyKey).block());
	}

	@Override
	public BatchResult sendBatch(List<Email> emails, BatchOptions options) {
		BlockingCalls.requireBlockingAllowed("MailClient.sendBatch", "ReactiveMailClient");
		return required(this.reactive.sendBatch(emails, options).block());
	}

	@Override
	public SentEmail get(String id) {
		BlockingCalls.requireBlockingAllowed("MailClient.get", "ReactiveMailClient");
		return required(this.reactive.get(id).block());
	}

	@Override
	public EmailPage list(int limit, @Nullable String after, @Nullable String before) {
		BlockingCalls.requireBlockingAllowed("MailClient.list", "ReactiveMailClient");
		return required(this.reactive.list(limit, after, before).block());
	}

	@Override
	public void reschedule(String id, String when) {
		BlockingCalls.requireBlockingAllowed("MailClient.reschedule", "ReactiveMailClient");
		this.reactive.reschedule(id, when).block();
	}

	@Override
	public void cancel(String id) {
		BlockingCalls.requireBlockingAllowed("MailClient.cancel", "ReactiveMailClient");
		this.reactive.cancel(id).block();
	}

	private static <T> T required(@Nullable T result) {
		Assert.state(result != null, "the reactive mail client completed without a result");
		return result;
	}

	@Override
	public String toString() {
		return "BlockingMailClient[" + this.reactive + "]";
	}

}
