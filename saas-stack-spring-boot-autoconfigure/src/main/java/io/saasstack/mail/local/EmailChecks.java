package io.saasstack.mail.local;

import java.util.List;

import io.saasstack.mail.Email;
import io.saasstack.mail.resend.MailDefaults;
import io.saasstack.mail.resend.ResendEmailChecks;
import org.jspecify.annotations.Nullable;

/**
 * The checks of a real send, applied by the local stand-in: the same defaults and the same
 * rules as the Resend client, so that a mail rejected in production is rejected in development.
 */
final class EmailChecks {

	static final int MAX_BATCH_REQUEST = ResendEmailChecks.MAX_BATCH_REQUEST;

	private final MailDefaults defaults;

	EmailChecks(@Nullable String defaultFrom, List<String> defaultReplyTo) {
		this.defaults = new MailDefaults(defaultFrom, defaultReplyTo);
	}

	/** The email with defaults applied, checked. */
	Email prepare(Email email) {
		Email prepared = this.defaults.applyTo(email);
		ResendEmailChecks.checkEmail(prepared);
		return prepared;
	}

	/** The emails of a batch with defaults applied, checked as a batch. */
	List<Email> prepareBatch(List<Email> emails) {
		List<Email> prepared = emails.stream().map(this.defaults::applyTo).toList();
		ResendEmailChecks.checkBatch(prepared);
		return prepared;
	}

	static void checkIdempotencyKey(String key) {
		ResendEmailChecks.checkIdempotencyKey(key);
	}

}
