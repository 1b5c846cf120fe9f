package io.saasstack.mail.resend;

import java.util.List;

import io.saasstack.mail.Email;
import org.jspecify.annotations.Nullable;

/**
 * Sender and reply-to addresses given to emails that set none, typically from
 * {@code saas.mail.default-from} and {@code saas.mail.default-reply-to}.
 *
 * @param from sender of emails without one, or null
 * @param replyTo reply-to addresses of emails without any
 * @since 0.1.0
 */
public record MailDefaults(@Nullable String from, List<String> replyTo) {

	/** No defaults: emails are sent as given. */
	public static final MailDefaults NONE = new MailDefaults(null, List.of());

	public MailDefaults {
		replyTo = List.copyOf(replyTo);
	}

	/** The email with these defaults filled in where it sets nothing; the same email when none applies. */
	public Email applyTo(Email email) {
		boolean fillFrom = email.from() == null && this.from != null;
		boolean fillReplyTo = email.replyTo().isEmpty() && !this.replyTo.isEmpty();
		if (!fillFrom && !fillReplyTo) {
			return email;
		}
		Email.Builder builder = email.toBuilder();
		if (fillFrom) {
			builder.from(this.from);
		}
		if (fillReplyTo) {
			builder.replyTo(this.replyTo.toArray(String[]::new));
		}
		return builder.build();
	}

}
