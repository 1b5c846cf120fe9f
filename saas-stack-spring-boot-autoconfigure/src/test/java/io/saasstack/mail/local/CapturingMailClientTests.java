package io.saasstack.mail.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.saasstack.MutableClock;
import io.saasstack.mail.Attachment;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.BatchOptions.Validation;
import io.saasstack.mail.BatchResult;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailPage;
import io.saasstack.mail.EmailTag;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.SentEmail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link CapturingMailClient}.
 */
@ExtendWith(OutputCaptureExtension.class)
class CapturingMailClientTests {

	private static final String PREFIX = "Mail (not sent, no API key) ";

	private static final Instant NOW = Instant.parse("2030-05-04T10:15:30Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final CapturingMailClient client = new CapturingMailClient(10, "Acme <hello@acme.com>",
			List.of("support@acme.com"), this.clock);

	@Test
	void capturesTheMailWithDefaultsAndALocalId() {
		SendResult result = this.client.send(welcome().build(), "welcome-user/42").block();
		assertThat(result.id()).matches("local-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(result.idempotencyKey()).isEqualTo("welcome-user/42");
		assertThat(result.rateLimit().isPresent()).isFalse();
		assertThat(this.client.captured()).singleElement().satisfies((captured) -> {
			assertThat(captured.id()).isEqualTo(result.id());
			assertThat(captured.idempotencyKey()).isEqualTo("welcome-user/42");
			assertThat(captured.capturedAt()).isEqualTo(NOW);
			assertThat(captured.canceled()).isFalse();
			assertThat(captured.email())
				.isEqualTo(welcome().from("Acme <hello@acme.com>").replyTo("support@acme.com").build());
		});
	}

	@Test
	void keepsTheSendersOwnFromAndReplyTo() {
		this.client.send(welcome().from("billing@acme.com").replyTo("billing-help@acme.com").build()).block();
		assertThat(this.client.captured()).singleElement().satisfies((captured) -> {
			assertThat(captured.email().from()).isEqualTo("billing@acme.com");
			assertThat(captured.email().replyTo()).containsExactly("billing-help@acme.com");
		});
	}

	@Test
	void logsOneInfoLinePerMailWithoutTheBody(CapturedOutput output) {
		SendResult result = this.client.send(welcome().build()).block();
		assertThat(lines(output)).singleElement()
			.satisfies((line) -> assertThat(line).contains("INFO")
				.contains(CapturingMailClient.class.getSimpleName())
				.endsWith(PREFIX + "to=[ada@example.com] subject=\"Welcome\" id=" + result.id())
				.doesNotContain("Hello"));
	}

	@Test
	void logsCopiesTemplateScheduleAndAttachmentsOnOneLine(CapturedOutput output) {
		Email email = Email.builder()
			.to("ada@example.com")
			.cc("cc@example.com")
			.bcc("bcc@example.com")
			.subject("Invoice\r\nINFO forged line")
			.text("Your invoice")
			.scheduledAt("in 1 hour")
			.attach(Attachment.of("invoice.pdf", new byte[] { 1, 2, 3 }))
			.build();
		Email templated = Email.builder().to("grace@example.com").template("welcome-v2", Map.of("name", "Grace")).build();
		String id = this.client.send(email).block().id();
		String templatedId = this.client.send(templated).block().id();
		assertThat(lines(output)).satisfiesExactly(
				(line) -> assertThat(line).endsWith(PREFIX + "to=[ada@example.com] cc=[cc@example.com] "
						+ "bcc=[bcc@example.com] subject=\"Invoice\\r\\nINFO forged line\" scheduledAt=in 1 hour "
						+ "attachments=1 id=" + id),
				(line) -> assertThat(line)
					.endsWith(PREFIX + "to=[grace@example.com] template=welcome-v2 id=" + templatedId));
		assertThat(output.getOut().lines().filter((line) -> line.startsWith("INFO forged"))).isEmpty();
	}

	@Test
	void nothingIsCapturedUntilSubscribed(CapturedOutput output) {
		Mono<SendResult> result = this.client.send(welcome().build());
		assertThat(this.client.captured()).isEmpty();
		assertThat(lines(output)).isEmpty();
		result.block();
		assertThat(this.client.captured()).hasSize(1);
	}

	@Test
	void keepsTheNewestMails() {
		CapturingMailClient client = new CapturingMailClient(3, "hello@acme.com", List.of());
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			ids.add(client.send(welcome().subject("Mail " + i).build()).block().id());
		}
		assertThat(client.captured()).extracting(CapturedEmail::id).containsExactlyElementsOf(ids.subList(2, 5));
		assertThat(client.captured()).extracting((captured) -> captured.email().subject())
			.containsExactly("Mail 3", "Mail 4", "Mail 5");
		assertThat(client.awaitCaptured(5, Duration.ZERO)).isTrue();
		assertThatIllegalArgumentException().isThrownBy(() -> client.get(ids.get(1)).block())
			.withMessage("No captured mail has id '" + ids.get(1) + "'");
	}

	@Test
	void awaitCapturedWaitsForMailsSentFromAnotherThread() throws Exception {
		CountDownLatch waiting = new CountDownLatch(1);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<?> sending = executor.submit(() -> {
				waiting.await();
				this.client.send(welcome().subject("One").build()).block();
				this.client.send(welcome().subject("Two").build()).block();
				return null;
			});
			waiting.countDown();
			assertThat(this.client.awaitCaptured(2, Duration.ofSeconds(10))).isTrue();
			assertThat(this.client.captured()).extracting((captured) -> captured.email().subject())
				.containsExactly("One", "Two");
			sending.get(10, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void awaitCapturedTimesOut() {
		this.client.send(welcome().build()).block();
		long start = System.nanoTime();
		assertThat(this.client.awaitCaptured(2, Duration.ofMillis(50))).isFalse();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
		assertThat(this.client.awaitCaptured(1, Duration.ZERO)).isTrue();
	}

	@Test
	void awaitCapturedReturnsFalseWhenInterrupted() {
		Thread.currentThread().interrupt();
		try {
			assertThat(this.client.awaitCaptured(1, Duration.ofSeconds(10))).isFalse();
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
	}

	@Test
	void clearForgetsMailsAndRestartsTheCount() {
		this.client.send(welcome().build()).block();
		this.client.clear();
		assertThat(this.client.captured()).isEmpty();
		assertThat(this.client.awaitCaptured(1, Duration.ZERO)).isFalse();
		this.client.send(welcome().build()).block();
		assertThat(this.client.awaitCaptured(1, Duration.ZERO)).isTrue();
	}

	@Test
	void sameIdempotencyKeyReturnsTheFirstResultAndCapturesNothing(CapturedOutput output) {
		SendResult first = this.client.send(welcome().build(), "welcome-user/42").block();
		SendResult second = this.client.send(welcome().subject("Other").build(), "welcome-user/42").block();
		assertThat(second).isEqualTo(first);
		assertThat(this.client.captured()).hasSize(1);
		assertThat(lines(output)).hasSize(1);
	}

	@Test
	void idempotencyKeyIsForgottenAfter24Hours() {
		SendResult first = this.client.send(welcome().build(), "welcome-user/42").block();
		this.clock.advance(Duration.ofHours(24));
		SendResult second = this.client.send(welcome().build(), "welcome-user/42").block();
		assertThat(second.id()).isNotEqualTo(first.id());
		assertThat(this.client.captured()).hasSize(2);
	}

	@Test
	void generatedKeyIsKeptWhenTheSendIsResubscribed() {
		Mono<SendResult> send = this.client.send(welcome().build());
		SendResult first = send.block();
		SendResult again = send.block();
		assertThat(again).isEqualTo(first);
		assertThat(this.client.captured()).hasSize(1);
		SendResult other = this.client.send(welcome().build()).block();
		assertThat(other.idempotencyKey()).isNotEqualTo(first.idempotencyKey());
		assertThat(this.client.captured()).hasSize(2);
	}

	@Test
	void rejectsWhatAResendSendWouldRejectWithoutCapturingIt(CapturedOutput output) {
		CapturingMailClient withoutDefaults = new CapturingMailClient(10, null, List.of());
		List<String> fifty = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			fifty.add("user" + i + "@example.com");
		}
		assertInvalid(withoutDefaults, Email.builder().subject("Welcome").text("Hi").from("a@acme.com").build(),
				"Email has no recipient: set at least one 'to' address");
		assertInvalid(withoutDefaults, welcome().to(fifty).from("a@acme.com").build(),
				"Email has 52 'to' addresses, at most 50 are allowed");
		assertInvalid(withoutDefaults, welcome().build(),
				"Email to [ada@example.com] has no sender: set 'from' or 'saas.mail.default-from'");
		assertInvalid(this.client, welcome().subject(" ").build(), "Email to [ada@example.com] has no subject");
		assertInvalid(this.client, welcome().text(null).build(),
				"Email to [ada@example.com] has no body: set html, text or a template");
		assertInvalid(this.client, welcome().template("welcome-v2", Map.of()).build(),
				"Email uses template welcome-v2 and html or text: the template replaces both");
		assertInvalid(this.client,
				Email.builder().to("ada@example.com").template("welcome-v2", Map.of("trial", true)).build(),
				"Variable 'trial' of template welcome-v2 is a Boolean: only strings and numbers are allowed");
		assertInvalid(this.client, welcome().cc("not-an-address").build(),
				"'cc' address 'not-an-address' is not an email address");
		assertInvalid(this.client, welcome().tag("plan type", "pro").build(),
				"Tag plan type=pro is invalid: name and value are 1 to 256 ASCII letters, digits, '_' or '-'");
		assertInvalid(this.client, welcome().attach(new Attachment("a.pdf", null, null, null, null)).build(),
				"Attachment a.pdf needs either content or a path, not neither");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.send(welcome().build(), "").block())
			.withMessageContaining("idempotency key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.send(welcome().build(), "k".repeat(257)).block())
			.withMessageContaining("idempotency key");
		assertThat(this.client.captured()).isEmpty();
		assertThat(withoutDefaults.captured()).isEmpty();
		assertThat(lines(output)).isEmpty();
	}

	@Test
	void acceptsATemplateWithoutSenderOrSubject() {
		CapturingMailClient withoutDefaults = new CapturingMailClient(10, null, List.of());
		withoutDefaults.send(Email.builder().to("ada@example.com").template("welcome-v2", Map.of("n", 1)).build())
			.block();
		assertThat(withoutDefaults.captured()).singleElement()
			.satisfies((captured) -> assertThat(captured.email().from()).isNull());
	}

	@Test
	void acceptsTagsAndAttachmentsByUrl() {
		this.client.send(welcome().tag("category", "welcome_mail-1")
			.attach(Attachment.fromUrl("https://cdn.acme.com/logo.png", "logo.png").inline("logo"))
			.build()).block();
		assertThat(this.client.captured()).singleElement().satisfies((captured) -> {
			assertThat(captured.email().tags()).containsExactly(new EmailTag("category", "welcome_mail-1"));
			assertThat(captured.email().attachments()).hasSize(1);
		});
	}

	@Test
	void strictBatchWithAnInvalidEmailCapturesNothing() {
		List<Email> emails = List.of(welcome().build(), welcome().subject(null).build());
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.sendBatch(emails).block())
			.withMessageContaining("email 2 of the batch (index 1)");
		assertThat(this.client.captured()).isEmpty();
	}

	@Test
	void permissiveBatchIsCheckedBeforeCapturingLikeTheResendClient() {
		List<Email> emails = List.of(welcome().subject("One").build(), welcome().subject(null).build(),
				welcome().subject("Three").build());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.sendBatch(emails, new BatchOptions("digest/2030-05-04", Validation.PERMISSIVE))
				.block())
			.withMessageContaining("email 2 of the batch (index 1)");
		assertThat(this.client.captured()).isEmpty();
		BatchResult result = this.client
			.sendBatch(List.of(emails.get(0), emails.get(2)), new BatchOptions("digest/2030-05-04", Validation.PERMISSIVE))
			.block();
		assertThat(result.errors()).isEmpty();
		assertThat(this.client.captured()).extracting(CapturedEmail::idempotencyKey).containsOnly("digest/2030-05-04");
	}

	@Test
	void batchOverAHundredIsCapturedInChunksWithDerivedKeys(CapturedOutput output) {
		CapturingMailClient client = new CapturingMailClient(500, "hello@acme.com", List.of());
		List<Email> emails = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			emails.add(welcome().subject("Mail " + i).build());
		}
		BatchResult result = client.sendBatch(emails, new BatchOptions("digest", Validation.STRICT)).block();
		assertThat(result.idempotencyKeys()).containsExactly("digest/chunk-1", "digest/chunk-2");
		assertThat(result.ids()).hasSize(150).doesNotHaveDuplicates();
		assertThat(client.captured()).extracting(CapturedEmail::id).containsExactlyElementsOf(result.ids());
		assertThat(client.captured().get(99).idempotencyKey()).isEqualTo("digest/chunk-1");
		assertThat(client.captured().get(100).idempotencyKey()).isEqualTo("digest/chunk-2");
		assertThat(lines(output)).hasSize(150);
		BatchResult again = client.sendBatch(emails, new BatchOptions("digest", Validation.STRICT)).block();
		assertThat(again.ids()).isEqualTo(result.ids());
		assertThat(client.captured()).hasSize(150);
	}

	@Test
	void batchWithGeneratedKeyUsesOneKeyForTheRequest() {
		BatchResult result = this.client.sendBatch(List.of(welcome().build(), welcome().build())).block();
		assertThat(result.idempotencyKeys()).singleElement().satisfies((key) -> assertThat(key).isNotBlank());
		assertThat(this.client.captured()).extracting(CapturedEmail::idempotencyKey)
			.containsExactly(result.idempotencyKeys().get(0), result.idempotencyKeys().get(0));
	}

	@Test
	void batchRejectsWhatABatchRequestCannotSend() {
		Email withAttachment = welcome().attach(Attachment.of("a.txt", new byte[] { 1 })).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client
				.sendBatch(List.of(welcome().build(), withAttachment), new BatchOptions(null, Validation.PERMISSIVE))
				.block())
			.withMessageContaining("attachments");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.client.sendBatch(List.of(welcome().scheduledAt("in 1 hour").build())).block())
			.withMessageContaining("scheduled");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.sendBatch(List.of()).block())
			.withMessageContaining("no email");
		assertThat(this.client.captured()).isEmpty();
	}

	@Test
	void getAnswersFromTheCapturedMail() {
		Email email = welcome().cc("cc@example.com").html("<p>Hello</p>").tag("category", "welcome").build();
		String id = this.client.send(email).block().id();
		SentEmail sent = this.client.get(id).block();
		assertThat(sent).isEqualTo(new SentEmail(id, "Acme <hello@acme.com>", List.of("ada@example.com"),
				List.of("cc@example.com"), List.of(), List.of("support@acme.com"), "Welcome", "<p>Hello</p>", "Hello Ada",
				"2030-05-04T10:15:30Z", null, "captured", List.of(new EmailTag("category", "welcome"))));
	}

	@Test
	void unknownIdsFail() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.get("local-nope").block())
			.withMessage("No captured mail has id 'local-nope'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.reschedule("local-nope", "in 1 hour").block())
			.withMessage("No captured mail has id 'local-nope'");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.cancel("local-nope").block())
			.withMessage("No captured mail has id 'local-nope'");
	}

	@Test
	void listPagesThroughTheKeptMailsNewestFirst() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			ids.add(this.client.send(welcome().subject("Mail " + i).build()).block().id());
		}
		EmailPage newest = this.client.list(2, null, null).block();
		assertThat(newest.emails()).extracting(SentEmail::id).containsExactly(ids.get(4), ids.get(3));
		assertThat(newest.hasMore()).isTrue();
		EmailPage older = this.client.list(2, ids.get(3), null).block();
		assertThat(older.emails()).extracting(SentEmail::id).containsExactly(ids.get(2), ids.get(1));
		assertThat(older.hasMore()).isTrue();
		EmailPage oldest = this.client.list(2, ids.get(1), null).block();
		assertThat(oldest.emails()).extracting(SentEmail::id).containsExactly(ids.get(0));
		assertThat(oldest.hasMore()).isFalse();
		EmailPage newer = this.client.list(2, null, ids.get(1)).block();
		assertThat(newer.emails()).extracting(SentEmail::id).containsExactly(ids.get(3), ids.get(2));
		assertThat(newer.hasMore()).isTrue();
		EmailPage newerStill = this.client.list(2, null, ids.get(3)).block();
		assertThat(newerStill.emails()).extracting(SentEmail::id).containsExactly(ids.get(4));
		assertThat(newerStill.hasMore()).isFalse();
		EmailPage all = this.client.list(100, null, null).block();
		assertThat(all.emails()).hasSize(5);
		assertThat(all.hasMore()).isFalse();
	}

	@Test
	void listRejectsInvalidArguments() {
		String id = this.client.send(welcome().build()).block().id();
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.list(0, null, null).block())
			.withMessage("limit must be between 1 and 100, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.list(101, null, null).block())
			.withMessage("limit must be between 1 and 100, not 101");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.list(10, id, id).block())
			.withMessage("Set after or before, not both");
		assertThatIllegalArgumentException().isThrownBy(() -> this.client.list(10, "local-nope", null).block())
			.withMessage("No captured mail has id 'local-nope'");
	}

	@Test
	void rescheduleMovesAScheduledMail() {
		String id = this.client.send(welcome().scheduledAt("in 1 hour").build()).block().id();
		this.client.reschedule(id, Instant.parse("2030-05-05T09:00:00Z")).block();
		assertThat(this.client.get(id).block().scheduledAt()).isEqualTo("2030-05-05T09:00:00Z");
		assertThat(this.client.captured()).singleElement()
			.satisfies((captured) -> assertThat(captured.email().scheduledAt()).isEqualTo("2030-05-05T09:00:00Z"));
	}

	@Test
	void rescheduleKeepsTheOrderOfTheKeptMails() {
		String first = this.client.send(welcome().subject("One").build()).block().id();
		String scheduled = this.client.send(welcome().subject("Two").scheduledAt("in 1 hour").build()).block().id();
		String last = this.client.send(welcome().subject("Three").build()).block().id();
		this.client.reschedule(scheduled, "in 2 hours").block();
		assertThat(this.client.captured()).extracting(CapturedEmail::id).containsExactly(first, scheduled, last);
	}

	@Test
	void cancelMarksAScheduledMailCanceled() {
		String id = this.client.send(welcome().scheduledAt("in 1 hour").build()).block().id();
		this.client.cancel(id).block();
		assertThat(this.client.get(id).block().lastEvent()).isEqualTo("canceled");
		assertThat(this.client.captured()).singleElement().satisfies((captured) -> assertThat(captured.canceled()).isTrue());
		assertThatIllegalStateException().isThrownBy(() -> this.client.cancel(id).block())
			.withMessage("Mail " + id + " was canceled, it cannot be canceled");
		assertThatIllegalStateException().isThrownBy(() -> this.client.reschedule(id, "in 2 hours").block())
			.withMessage("Mail " + id + " was canceled, it cannot be rescheduled");
	}

	@Test
	void mailsThatWereNotScheduledCannotBeMovedOrCanceled() {
		String id = this.client.send(welcome().build()).block().id();
		assertThatIllegalStateException().isThrownBy(() -> this.client.reschedule(id, "in 1 hour").block())
			.withMessage("Mail " + id + " was not scheduled, it cannot be rescheduled");
		assertThatIllegalStateException().isThrownBy(() -> this.client.cancel(id).block())
			.withMessage("Mail " + id + " was not scheduled, it cannot be canceled");
		assertThat(this.client.get(id).block().lastEvent()).isEqualTo("captured");
	}

	@Test
	void rescheduleAndCancelDoNothingUntilSubscribed() {
		String id = this.client.send(welcome().scheduledAt("in 1 hour").build()).block().id();
		this.client.reschedule(id, "in 2 hours");
		this.client.cancel(id);
		SentEmail sent = this.client.get(id).block();
		assertThat(sent.scheduledAt()).isEqualTo("in 1 hour");
		assertThat(sent.lastEvent()).isEqualTo("captured");
	}

	@Test
	void maxKeptMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CapturingMailClient(0, null, List.of()))
			.withMessage("maxKept must be positive");
	}

	@Test
	void toStringShowsTheCountOnly() {
		this.client.send(welcome().build()).block();
		assertThat(this.client).hasToString("CapturingMailClient[1 of at most 10 kept]");
	}

	// the rules and their messages are ResendEmailChecks', tested there: here only that they apply
	private static void assertInvalid(CapturingMailClient client, Email email, String problem) {
		assertThatExceptionOfType(IllegalArgumentException.class).as(problem)
			.isThrownBy(() -> client.send(email).block());
	}

	private static Email.Builder welcome() {
		return Email.builder().to("ada@example.com").subject("Welcome").text("Hello Ada");
	}

	private static List<String> lines(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(PREFIX)).toList();
	}

	/**
	 * A clock tests move forward.
	 */

}
