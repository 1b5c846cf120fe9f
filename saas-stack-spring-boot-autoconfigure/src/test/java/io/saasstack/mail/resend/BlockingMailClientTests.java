package io.saasstack.mail.resend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.SaasApiException;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.BatchResult;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailPage;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.SentEmail;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BlockingMailClientTests {

	static final Email EMAIL = Email.builder().from("a@acme.com").to("b@example.com").subject("Hi").text("Hi").build();

	final List<String> calls = new ArrayList<>();

	final ReactiveMailClient reactive = new ReactiveMailClient() {

		@Override
		public Mono<SendResult> send(Email email) {
			return send(email, "generated");
		}

		@Override
		public Mono<SendResult> send(Email email, String idempotencyKey) {
			BlockingMailClientTests.this.calls.add("send " + idempotencyKey);
			if ("bad".equals(idempotencyKey)) {
				return Mono.error(new IllegalArgumentException("Invalid email: 'to' is empty"));
			}
			if ("refused".equals(idempotencyKey)) {
				return Mono.error(new SaasApiException("resend", "emails.send", 422,
						ProviderError.of("validation_error", "Invalid", null), RateLimit.NONE, false));
			}
			return Mono.just(new SendResult("e1", idempotencyKey, RateLimit.NONE));
		}

		@Override
		public Mono<BatchResult> sendBatch(List<Email> emails, BatchOptions options) {
			BlockingMailClientTests.this.calls.add("batch " + emails.size() + " " + options.validation());
			return Mono.just(new BatchResult(List.of("e1"), List.of(), List.of("k"), RateLimit.NONE));
		}

		@Override
		public Mono<SentEmail> get(String id) {
			BlockingMailClientTests.this.calls.add("get " + id);
			return Mono.just(new SentEmail(id, null, List.of(), List.of(), List.of(), List.of(), null, null, null,
					null, null, "sent", List.of()));
		}

		@Override
		public Mono<EmailPage> list(int limit, @Nullable String after, @Nullable String before) {
			BlockingMailClientTests.this.calls.add("list " + limit + " " + after + " " + before);
			return Mono.empty();
		}

		@Override
		public Mono<Void> reschedule(String id, String when) {
			return Mono.fromRunnable(() -> BlockingMailClientTests.this.calls.add("reschedule " + id + " " + when));
		}

		@Override
		public Mono<Void> cancel(String id) {
			return Mono.fromRunnable(() -> BlockingMailClientTests.this.calls.add("cancel " + id));
		}

	};

	final BlockingMailClient client = new BlockingMailClient(this.reactive);

	@Test
	void delegatesEveryCallAndWaitsForItsResult() {
		assertThat(this.client.send(EMAIL).idempotencyKey()).isEqualTo("generated");
		assertThat(this.client.send(EMAIL, "k1").idempotencyKey()).isEqualTo("k1");
		assertThat(this.client.sendBatch(List.of(EMAIL)).ids()).containsExactly("e1");
		assertThat(this.client.get("e1").lastEvent()).isEqualTo("sent");
		this.client.reschedule("e1", "in 1 hour");
		this.client.reschedule("e1", Instant.parse("2026-08-06T09:00:00Z"));
		this.client.cancel("e1");
		assertThat(this.calls).containsExactly("send generated", "send k1", "batch 1 STRICT", "get e1",
				"reschedule e1 in 1 hour", "reschedule e1 2026-08-06T09:00:00Z", "cancel e1");
	}

	@Test
	void throwsTheReactiveClientsExceptionsUnwrapped() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.send(EMAIL, "bad"))
			.withMessage("Invalid email: 'to' is empty");
		assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> this.client.send(EMAIL, "refused"))
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(422));
	}

	@Test
	void anEmptyResultIsAnError() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.client.list(10, "a", null))
			.withMessage("the reactive mail client completed without a result");
		assertThat(this.calls).containsExactly("list 10 a null");
	}

}
