package io.saasstack.mail.spring;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasAuthenticationException;
import io.saasstack.core.SaasTransportException;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.BatchResult;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailPage;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.SentEmail;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SaasMailSender}.
 */
class SaasMailSenderTests {

	private final RecordingMailClient client = new RecordingMailClient();

	private final SaasMailSender sender = new SaasMailSender(this.client);

	@Test
	void mapsEveryFieldOfTheMessage() {
		SimpleMailMessage message = message("Welcome");
		message.setFrom("Acme <hello@acme.com>");
		message.setTo("ada@example.com", "grace@example.com");
		message.setCc("cc@example.com");
		message.setBcc("bcc1@example.com", "bcc2@example.com");
		message.setReplyTo("support@acme.com");
		message.setText("Hello Ada");
		message.setSentDate(Date.from(Instant.parse("2030-01-01T00:00:00Z")));
		this.sender.send(message);
		assertThat(this.client.sent).containsExactly(Email.builder()
			.from("Acme <hello@acme.com>")
			.to("ada@example.com", "grace@example.com")
			.cc("cc@example.com")
			.bcc("bcc1@example.com", "bcc2@example.com")
			.replyTo("support@acme.com")
			.subject("Welcome")
			.text("Hello Ada")
			.build());
	}

	@Test
	void messageWithoutFromLeavesTheSenderToTheClientDefault() {
		SimpleMailMessage message = message("Welcome");
		this.sender.send(message);
		assertThat(this.client.sent).singleElement().satisfies((email) -> {
			assertThat(email.from()).isNull();
			assertThat(email.replyTo()).isEmpty();
			assertThat(email.cc()).isEmpty();
			assertThat(email.html()).isNull();
			assertThat(email.scheduledAt()).isNull();
		});
	}

	@Test
	void nullAddressesAreLeftOut() {
		SimpleMailMessage message = message("Welcome");
		message.setTo((String) null);
		message.setCc((String) null);
		message.setBcc("bcc@example.com", null);
		this.sender.send(message);
		assertThat(this.client.sent).singleElement().satisfies((email) -> {
			assertThat(email.to()).isEmpty();
			assertThat(email.cc()).isEmpty();
			assertThat(email.bcc()).containsExactly("bcc@example.com");
		});
	}

	@Test
	void sendsEveryMessageOnItsOwnWithItsOwnKey() {
		this.sender.send(message("One"), message("Two"), message("Three"));
		assertThat(this.client.sent).extracting(Email::subject).containsExactly("One", "Two", "Three");
		assertThat(this.client.keys).containsExactly("generated-1", "generated-2", "generated-3");
	}

	@Test
	void sendingNoMessageSendsNothing() {
		this.sender.send(new SimpleMailMessage[0]);
		assertThat(this.client.sent).isEmpty();
	}

	@Test
	void invalidMessageFailsWithMailParseException() {
		IllegalArgumentException invalid = new IllegalArgumentException("Email has no recipient");
		this.client.failures.put("Welcome", invalid);
		assertThatExceptionOfType(MailParseException.class).isThrownBy(() -> this.sender.send(message("Welcome")))
			.withMessage("Invalid mail: Email has no recipient")
			.withCause(invalid);
	}

	@Test
	void singleMessageInVarargsFailsAsASingleMessage() {
		IllegalArgumentException invalid = new IllegalArgumentException("Email has no recipient");
		this.client.failures.put("Welcome", invalid);
		assertThatExceptionOfType(MailParseException.class)
			.isThrownBy(() -> this.sender.send(new SimpleMailMessage[] { message("Welcome") }))
			.withCause(invalid);
	}

	@Test
	void refusedCredentialsFailWithMailAuthenticationException() {
		SaasAuthenticationException refused = authenticationFailure();
		this.client.failures.put("Welcome", refused);
		assertThatExceptionOfType(MailAuthenticationException.class)
			.isThrownBy(() -> this.sender.send(message("Welcome")))
			.withMessageContaining("resend emails.send failed with HTTP 401 [invalid_api_key]")
			.withCause(refused);
	}

	@Test
	void refusedCredentialsStopASendOfSeveralMessages() {
		SaasAuthenticationException refused = authenticationFailure();
		this.client.failures.put("Two", refused);
		assertThatExceptionOfType(MailAuthenticationException.class)
			.isThrownBy(() -> this.sender.send(message("One"), message("Two"), message("Three")))
			.withCause(refused);
		assertThat(this.client.attempted).containsExactly("One", "Two");
	}

	@Test
	void otherFailureFailsWithMailSendExceptionListingTheMessage() {
		SaasApiException failure = serverFailure();
		this.client.failures.put("Welcome", failure);
		SimpleMailMessage message = message("Welcome");
		assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> this.sender.send(message))
			.withMessageStartingWith("Failed to send mail to [ada@example.com]")
			.withMessageContaining("resend emails.send failed with HTTP 500")
			.withCause(failure)
			.satisfies((ex) -> assertThat(ex.getFailedMessages()).containsExactly(Map.entry(message, failure)));
	}

	@Test
	void exceptionsThatAreNotTheClientsFailWithMailSendException() {
		IllegalStateException timeout = new IllegalStateException("Timeout on blocking read");
		this.client.failures.put("Welcome", timeout);
		assertThatExceptionOfType(MailSendException.class).isThrownBy(() -> this.sender.send(message("Welcome")))
			.withCause(timeout);
	}

	@Test
	void failedMessagesDoNotStopTheOthersAndAreAllReported() {
		IllegalArgumentException invalid = new IllegalArgumentException("Email has no subject");
		SaasApiException failure = serverFailure();
		SaasTransportException transport = new SaasTransportException("resend", "emails.send", "Connection reset",
				false, false, new IOException("Connection reset"));
		this.client.failures.put("Two", invalid);
		this.client.failures.put("Three", failure);
		this.client.failures.put("Five", transport);
		SimpleMailMessage two = message("Two");
		SimpleMailMessage three = message("Three");
		SimpleMailMessage five = message("Five");
		assertThatExceptionOfType(MailSendException.class)
			.isThrownBy(() -> this.sender.send(message("One"), two, three, message("Four"), five))
			.withMessageStartingWith("Failed to send 3 of 5 mails")
			.satisfies((ex) -> {
				assertThat(ex.getFailedMessages()).containsExactly(Map.entry(two, invalid), Map.entry(three, failure),
						Map.entry(five, transport));
				assertThat(ex.getMessageExceptions()).containsExactly(invalid, failure, transport);
			});
		assertThat(this.client.sent).extracting(Email::subject).containsExactly("One", "Four");
	}

	private static SimpleMailMessage message(String subject) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setTo("ada@example.com");
		message.setSubject(subject);
		message.setText("Hello");
		return message;
	}

	private static SaasAuthenticationException authenticationFailure() {
		return new SaasAuthenticationException("resend", "emails.send", 401,
				ProviderError.of("invalid_api_key", "API key is invalid", null), RateLimit.NONE);
	}

	private static SaasApiException serverFailure() {
		return new SaasApiException("resend", "emails.send", 500,
				ProviderError.of("internal_server_error", "Internal error", null), RateLimit.NONE, true);
	}

	/**
	 * Records the emails sent; fails those whose subject has a failure.
	 */
	static final class RecordingMailClient implements MailClient {

		final List<String> attempted = new ArrayList<>();

		final List<Email> sent = new ArrayList<>();

		final List<String> keys = new ArrayList<>();

		final Map<String, RuntimeException> failures = new HashMap<>();

		private int count;

		@Override
		public SendResult send(Email email) {
			return send(email, "generated-" + (++this.count));
		}

		@Override
		public SendResult send(Email email, String idempotencyKey) {
			this.attempted.add(email.subject());
			RuntimeException failure = this.failures.get(email.subject());
			if (failure != null) {
				throw failure;
			}
			this.sent.add(email);
			this.keys.add(idempotencyKey);
			return new SendResult("id-" + this.sent.size(), idempotencyKey, RateLimit.NONE);
		}

		@Override
		public BatchResult sendBatch(List<Email> emails, BatchOptions options) {
			throw new AssertionError("Messages are sent one by one");
		}

		@Override
		public SentEmail get(String id) {
			throw new UnsupportedOperationException();
		}

		@Override
		public EmailPage list(int limit, @Nullable String after, @Nullable String before) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void reschedule(String id, String when) {
			throw new UnsupportedOperationException();
		}

		@Override
		public void cancel(String id) {
			throw new UnsupportedOperationException();
		}

	}

}
