package io.saasstack.mail.autoconfigure;

import io.saasstack.core.autoconfigure.JsonBindingRuntimeHints;

/**
 * Native-image hints of the mail area: the Resend request and response bodies Jackson binds by
 * reflection (named: they are private to their client), the outbox's stored mail, and the types
 * they contain.
 */
class MailRuntimeHints extends JsonBindingRuntimeHints {

	MailRuntimeHints() {
		super("io.saasstack.mail.resend.ResendWire$SendEmailBody",
				"io.saasstack.mail.resend.ResendWire$RescheduleBody",
				"io.saasstack.mail.resend.ResendWire$IdBody",
				"io.saasstack.mail.resend.ResendWire$BatchBody",
				"io.saasstack.mail.resend.ResendWire$EmailBody",
				"io.saasstack.mail.resend.ResendWire$ListBody",
				"io.saasstack.mail.health.ResendHealthCheck$DomainList",
				// the stored form of a mail in the outbox
				"io.saasstack.mail.outbox.StoredMail");
	}

}
