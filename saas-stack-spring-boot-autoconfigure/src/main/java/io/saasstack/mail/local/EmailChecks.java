package io.saasstack.mail.local;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.saasstack.mail.Attachment;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailTag;
import io.saasstack.mail.EmailTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * The checks Resend applies to an email that can be made without the network (reference
 * {@code mail-resend.md} §3, §4, §6 and §13), with the configured defaults applied first.
 * Every failure is an {@link IllegalArgumentException} saying what is wrong.
 */
final class EmailChecks {

	static final int MAX_RECIPIENTS = 50;

	static final int MAX_BATCH_REQUEST = 100;

	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;

	/** Attachments of one email, after Base64 encoding. */
	static final long MAX_ENCODED_ATTACHMENTS = 40L * 1024 * 1024;

	private static final Pattern TAG_PART = Pattern.compile("[A-Za-z0-9_-]{1,256}");

	private final @Nullable String defaultFrom;

	private final List<String> defaultReplyTo;

	EmailChecks(@Nullable String defaultFrom, List<String> defaultReplyTo) {
		this.defaultFrom = StringUtils.hasText(defaultFrom) ? defaultFrom : null;
		this.defaultReplyTo = List.copyOf(defaultReplyTo);
	}

	/** The email as it would be sent: defaults applied, then checked. */
	Email prepare(Email email) {
		Email prepared = withDefaults(email);
		check(prepared);
		return prepared;
	}

	/** Checks what a batch request does not support, whatever its validation mode. */
	void checkBatch(List<Email> emails) {
		if (emails.isEmpty()) {
			throw new IllegalArgumentException("A batch needs at least one email");
		}
		for (int i = 0; i < emails.size(); i++) {
			Email email = emails.get(i);
			if (!email.attachments().isEmpty()) {
				// Resend drops them silently (§4), so a batch with attachments is refused.
				throw new IllegalArgumentException("Email " + i + " of the batch has attachments, which a batch "
						+ "cannot send: send it on its own");
			}
			if (email.scheduledAt() != null) {
				throw new IllegalArgumentException("Email " + i + " of the batch is scheduled, which a batch "
						+ "cannot do: send it on its own");
			}
		}
	}

	static void checkIdempotencyKey(String key) {
		if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw new IllegalArgumentException("Idempotency key must have 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
					+ " characters, not " + key.length());
		}
	}

	private Email withDefaults(Email email) {
		boolean noFrom = email.from() == null && this.defaultFrom != null;
		boolean noReplyTo = email.replyTo().isEmpty() && !this.defaultReplyTo.isEmpty();
		if (!noFrom && !noReplyTo) {
			return email;
		}
		Email.Builder builder = email.toBuilder();
		if (noFrom) {
			builder.from(this.defaultFrom);
		}
		if (noReplyTo) {
			builder.replyTo(this.defaultReplyTo.toArray(String[]::new));
		}
		return builder.build();
	}

	private void check(Email email) {
		if (email.to().isEmpty()) {
			throw new IllegalArgumentException("Email has no recipient: set at least one 'to' address");
		}
		if (email.to().size() > MAX_RECIPIENTS) {
			throw new IllegalArgumentException("Email has " + email.to().size() + " 'to' addresses, at most "
					+ MAX_RECIPIENTS + " are allowed");
		}
		addresses("to", email.to());
		addresses("cc", email.cc());
		addresses("bcc", email.bcc());
		addresses("reply-to", email.replyTo());
		EmailTemplate template = email.template();
		if (template != null) {
			template(email, template);
		}
		else {
			if (!StringUtils.hasText(email.from())) {
				throw new IllegalArgumentException(
						"Email to " + email.to() + " has no sender: set 'from' or 'saas.mail.default-from'");
			}
			if (!StringUtils.hasText(email.subject())) {
				throw new IllegalArgumentException("Email to " + email.to() + " has no subject");
			}
			if (!StringUtils.hasLength(email.html()) && !StringUtils.hasLength(email.text())) {
				throw new IllegalArgumentException(
						"Email to " + email.to() + " has no body: set html, text or a template");
			}
		}
		if (email.from() != null) {
			address("from", email.from());
		}
		for (EmailTag tag : email.tags()) {
			if (!TAG_PART.matcher(tag.name()).matches() || !TAG_PART.matcher(tag.value()).matches()) {
				throw new IllegalArgumentException("Tag " + tag.name() + "=" + tag.value()
						+ " is invalid: name and value are 1 to 256 ASCII letters, digits, '_' or '-'");
			}
		}
		attachments(email.attachments());
		if (email.scheduledAt() != null && !StringUtils.hasText(email.scheduledAt())) {
			throw new IllegalArgumentException("Email scheduledAt must not be blank");
		}
		for (String name : email.headers().keySet()) {
			if (!StringUtils.hasText(name)) {
				throw new IllegalArgumentException("Email has a header without a name");
			}
		}
	}

	private static void template(Email email, EmailTemplate template) {
		if (!StringUtils.hasText(template.id())) {
			throw new IllegalArgumentException("Email template id must not be empty");
		}
		if (email.html() != null || email.text() != null) {
			throw new IllegalArgumentException(
					"Email uses template " + template.id() + " and html or text: the template replaces both");
		}
		for (Map.Entry<String, Object> variable : template.variables().entrySet()) {
			Object value = variable.getValue();
			if (!(value instanceof String) && !(value instanceof Number)) {
				throw new IllegalArgumentException("Variable '" + variable.getKey() + "' of template " + template.id()
						+ " is " + ((value != null) ? "a " + value.getClass().getSimpleName() : "null")
						+ ": only strings and numbers are allowed");
			}
		}
	}

	private static void attachments(List<Attachment> attachments) {
		long encoded = 0;
		for (Attachment attachment : attachments) {
			byte[] content = attachment.content();
			if ((content == null) == (attachment.path() == null)) {
				throw new IllegalArgumentException(
						"Attachment " + attachment.filename() + " needs either content or a path, not "
								+ ((content == null) ? "neither" : "both"));
			}
			if (content != null) {
				encoded += 4L * ((content.length + 2) / 3);
			}
		}
		if (encoded > MAX_ENCODED_ATTACHMENTS) {
			throw new IllegalArgumentException("Attachments take " + encoded + " bytes once Base64 encoded, at most "
					+ MAX_ENCODED_ATTACHMENTS + " (40 MB) are allowed");
		}
	}

	private static void addresses(String field, List<String> addresses) {
		for (String address : addresses) {
			address(field, address);
		}
	}

	private static void address(String field, String address) {
		if (!StringUtils.hasText(address) || address.indexOf('@') < 0) {
			throw new IllegalArgumentException("'" + field + "' address '" + address + "' is not an email address");
		}
	}

}
