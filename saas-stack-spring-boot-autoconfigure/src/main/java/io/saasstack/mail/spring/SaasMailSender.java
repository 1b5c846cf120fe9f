package io.saasstack.mail.spring;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.core.SaasAuthenticationException;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Spring's {@link MailSender} over a {@link MailClient}, for code written against Spring's mail
 * abstraction. A {@link SimpleMailMessage} becomes a plain-text {@link Email}: {@code from},
 * {@code to}, {@code cc}, {@code bcc}, {@code replyTo}, {@code subject} and {@code text} are
 * copied, and a message without {@code from} gets {@code saas.mail.default-from} from the client.
 * {@code sentDate} is ignored: for JavaMail it is the {@code Date} header of a mail sent now,
 * not a schedule, and Resend dates mails itself.
 * <p>
 * Every message is sent on its own, with its own idempotency key, so that a retry cannot deliver
 * it twice (no batch request, whose result is all or nothing in strict mode). Failures become
 * Spring's exceptions:
 * <ul>
 * <li>a message the client refuses ({@link IllegalArgumentException}): {@link MailParseException};</li>
 * <li>credentials refused ({@link SaasAuthenticationException}): {@link MailAuthenticationException},
 * at once, the following messages are not tried;</li>
 * <li>any other failure: {@link MailSendException}.</li>
 * </ul>
 * When several messages are sent, as with {@code JavaMailSenderImpl}, a failed message does not
 * stop the others, and a single {@link MailSendException} then maps each failed message to the
 * client's exception ({@link MailSendException#getFailedMessages()}).
 *
 * @since 0.1.0
 */
public final class SaasMailSender implements MailSender {

	private final MailClient client;

	/**
	 * @param client the client that sends the mails
	 */
	public SaasMailSender(MailClient client) {
		Assert.notNull(client, "client must not be null");
		this.client = client;
	}

	@Override
	public void send(SimpleMailMessage simpleMessage) throws MailException {
		Assert.notNull(simpleMessage, "simpleMessage must not be null");
		try {
			this.client.send(toEmail(simpleMessage));
		}
		catch (RuntimeException ex) {
			throw translate(simpleMessage, ex);
		}
	}

	@Override
	public void send(SimpleMailMessage... simpleMessages) throws MailException {
		Assert.notNull(simpleMessages, "simpleMessages must not be null");
		Assert.noNullElements(simpleMessages, "simpleMessages must not contain null elements");
		if (simpleMessages.length == 1) {
			send(simpleMessages[0]);
			return;
		}
		Map<Object, Exception> failedMessages = new LinkedHashMap<>();
		for (SimpleMailMessage simpleMessage : simpleMessages) {
			try {
				this.client.send(toEmail(simpleMessage));
			}
			catch (SaasAuthenticationException ex) {
				throw authentication(ex);
			}
			catch (RuntimeException ex) {
				failedMessages.put(simpleMessage, ex);
			}
		}
		if (!failedMessages.isEmpty()) {
			throw new MailSendException("Failed to send " + failedMessages.size() + " of " + simpleMessages.length
					+ " mails", null, failedMessages);
		}
	}

	/** The email a message becomes. */
	static Email toEmail(SimpleMailMessage simpleMessage) {
		Email.Builder email = Email.builder()
			.from(simpleMessage.getFrom())
			.subject(simpleMessage.getSubject())
			.text(simpleMessage.getText());
		email.to(addresses(simpleMessage.getTo()));
		email.cc(addresses(simpleMessage.getCc()).toArray(String[]::new));
		email.bcc(addresses(simpleMessage.getBcc()).toArray(String[]::new));
		if (StringUtils.hasText(simpleMessage.getReplyTo())) {
			email.replyTo(simpleMessage.getReplyTo());
		}
		return email.build();
	}

	// setTo((String) null) leaves an array holding null: drop it, the client reports what is missing.
	private static List<String> addresses(String @Nullable [] addresses) {
		return (addresses != null) ? Arrays.stream(addresses).filter(StringUtils::hasText).toList() : List.of();
	}

	private static MailException translate(SimpleMailMessage simpleMessage, RuntimeException ex) {
		if (ex instanceof IllegalArgumentException) {
			return new MailParseException("Invalid mail: " + ex.getMessage(), ex);
		}
		if (ex instanceof SaasAuthenticationException authentication) {
			return authentication(authentication);
		}
		String to = (simpleMessage.getTo() != null) ? Arrays.toString(simpleMessage.getTo()) : "[]";
		return new MailSendException("Failed to send mail to " + to, ex, Map.of(simpleMessage, ex));
	}

	private static MailAuthenticationException authentication(SaasAuthenticationException ex) {
		return new MailAuthenticationException("Mail provider refused the credentials: " + ex.getMessage(), ex);
	}

	@Override
	public String toString() {
		return "SaasMailSender[" + this.client + "]";
	}

}
