package io.saasstack.mail.resend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.saasstack.mail.Attachment;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailTag;
import io.saasstack.mail.EmailTemplate;
import org.jspecify.annotations.Nullable;

/**
 * The checks Resend's API applies, made before any network call so that a mistake fails fast
 * with a message saying what is wrong and where (reference {@code mail-resend.md} §3, §4, §6 and
 * §13). Every problem of an email is reported at once, as an {@link IllegalArgumentException}.
 * <p>
 * An email (after {@link MailDefaults}) needs a {@code from} and a {@code subject} unless it
 * uses a template (which may carry both); 1 to 50 {@code to} recipients; html, text or a
 * template, a template excluding html and text; tag names and values of 1 to 256 ASCII letters,
 * digits, {@code _} or {@code -}; attachments with either content or a path, and at most
 * {@value #MAX_ENCODED_ATTACHMENTS_SIZE} bytes of Base64 content (Resend's "40 MB per email after
 * Base64 encoding"; whether MB means 10<sup>6</sup> or 2<sup>20</sup> bytes is not documented, so
 * the larger reading is used and Resend stays the final judge).
 * <p>
 * A batch has at least one email, and its emails have:
 * <ul>
 * <li>no attachments: the batch endpoint does not support them and <em>silently drops</em> them
 * (§4), which would deliver the emails without their files;</li>
 * <li>no {@code scheduledAt}: whether the batch endpoint honours {@code scheduled_at} is
 * conflicting in Resend's own sources (§4, UNVERIFIED), and an email sent at once when it was
 * meant for later cannot be taken back, so scheduled emails must go through
 * {@code send}.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class ResendEmailChecks {

	/** Most recipients in {@code to} (OpenAPI {@code maxItems: 50}). */
	public static final int MAX_TO = 50;

	/** Most emails in one batch request; longer lists are sent in chunks of this size. */
	public static final int MAX_BATCH_REQUEST = 100;

	/** Longest idempotency key Resend accepts. */
	public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;

	/** Most bytes of Base64 attachment content per email: 40 MB read as 40 × 2<sup>20</sup>. */
	public static final long MAX_ENCODED_ATTACHMENTS_SIZE = 40L * 1024 * 1024;

	private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_-]{1,256}");

	private static final int MAX_REPORTED_EMAILS = 10;

	private ResendEmailChecks() {
	}

	/**
	 * Checks an email sent on its own.
	 * @param email the email, with defaults applied
	 * @throws IllegalArgumentException listing every problem of the email
	 */
	public static void checkEmail(Email email) {
		List<String> problems = problems(email);
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("Invalid email: " + String.join("; ", problems));
		}
	}

	/**
	 * Checks the emails of a batch, whatever their number (chunking is the client's job).
	 * @param emails the emails, with defaults applied
	 * @throws IllegalArgumentException listing the invalid emails by position and index
	 */
	public static void checkBatch(List<Email> emails) {
		if (emails.isEmpty()) {
			throw new IllegalArgumentException("Invalid batch: it has no email, at least 1 is needed");
		}
		List<String> invalid = new ArrayList<>();
		int count = 0;
		for (int i = 0; i < emails.size(); i++) {
			Email email = emails.get(i);
			if (email == null) {
				throw new IllegalArgumentException("Invalid batch: email " + (i + 1) + " (index " + i + ") is null");
			}
			List<String> problems = problems(email);
			if (!email.attachments().isEmpty()) {
				problems.add("it has attachments, which Resend's batch endpoint silently drops: send it with send()");
			}
			if (email.scheduledAt() != null) {
				problems.add("it is scheduled, which Resend's batch endpoint may ignore and send at once: "
						+ "send it with send()");
			}
			if (!problems.isEmpty()) {
				count++;
				if (invalid.size() < MAX_REPORTED_EMAILS) {
					invalid.add("email " + (i + 1) + " of the batch (index " + i + "): " + String.join("; ", problems));
				}
			}
		}
		if (!invalid.isEmpty()) {
			String more = (count > invalid.size()) ? " (and " + (count - invalid.size()) + " more invalid emails)" : "";
			throw new IllegalArgumentException("Invalid batch of " + emails.size() + " emails: "
					+ String.join(" | ", invalid) + more);
		}
	}

	/**
	 * Checks an idempotency key.
	 * @param key the key
	 * @throws IllegalArgumentException if it is not 1 to 256 characters long
	 */
	public static void checkIdempotencyKey(@Nullable String key) {
		checkIdempotencyKey(key, "the idempotency key");
	}

	static void checkIdempotencyKey(@Nullable String key, String what) {
		if (key == null || key.isEmpty()) {
			throw new IllegalArgumentException("Invalid idempotency key: " + what + " is empty, Resend accepts 1 to "
					+ MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
		}
		if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw new IllegalArgumentException("Invalid idempotency key: " + what + " has " + key.length()
					+ " characters, Resend accepts 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH);
		}
	}

	/** Length of the Base64 encoding (with padding) of {@code bytes} bytes: 4 × ⌈bytes / 3⌉. */
	public static long base64Length(long bytes) {
		return 4 * ((bytes + 2) / 3);
	}

	private static List<String> problems(Email email) {
		List<String> problems = new ArrayList<>();
		EmailTemplate template = email.template();
		if (template == null) {
			if (isBlank(email.from())) {
				problems.add("'from' is missing: set it on the email or set saas.mail.default-from");
			}
			else if (email.from().indexOf('@') < 0) {
				problems.add("'from' (" + email.from() + ") is not an email address");
			}
			if (isBlank(email.subject())) {
				problems.add("'subject' is missing");
			}
			if (isEmpty(email.html()) && isEmpty(email.text())) {
				problems.add("there is no content: set html, text or a template");
			}
		}
		else {
			checkNotBlankIfSet(problems, "from", email.from());
			checkNotBlankIfSet(problems, "subject", email.subject());
			if (email.html() != null || email.text() != null) {
				problems.add("a template excludes html and text: remove them or the template");
			}
			checkTemplate(problems, template);
		}
		checkTo(problems, email.to());
		checkAddresses(problems, "cc", email.cc());
		checkAddresses(problems, "bcc", email.bcc());
		checkAddresses(problems, "replyTo", email.replyTo());
		checkHeaders(problems, email.headers());
		checkTags(problems, email.tags());
		checkAttachments(problems, email.attachments());
		checkNotBlankIfSet(problems, "scheduledAt", email.scheduledAt());
		checkNotBlankIfSet(problems, "topicId", email.topicId());
		return problems;
	}

	private static void checkTemplate(List<String> problems, EmailTemplate template) {
		if (isBlank(template.id())) {
			problems.add("the template id is empty");
		}
		for (Map.Entry<String, Object> variable : template.variables().entrySet()) {
			Object value = variable.getValue();
			if (!(value instanceof CharSequence || value instanceof Number)) {
				problems.add("template variable '" + variable.getKey() + "' is "
						+ ((value != null) ? "a " + value.getClass().getSimpleName() : "null")
						+ ", Resend accepts strings and numbers");
			}
		}
	}

	private static void checkTo(List<String> problems, List<String> to) {
		if (to.isEmpty()) {
			problems.add("'to' is empty: at least 1 recipient is needed");
		}
		else if (to.size() > MAX_TO) {
			problems.add("'to' has " + to.size() + " recipients, at most " + MAX_TO + " are allowed");
		}
		checkAddresses(problems, "to", to);
	}

	private static void checkAddresses(List<String> problems, String field, List<String> addresses) {
		for (int i = 0; i < addresses.size(); i++) {
			String address = addresses.get(i);
			if (isBlank(address)) {
				problems.add("'" + field + "[" + i + "]' is blank");
			}
			else if (address.indexOf('@') < 0) {
				problems.add("'" + field + "[" + i + "]' (" + address + ") is not an email address");
			}
		}
	}

	private static void checkHeaders(List<String> problems, Map<String, String> headers) {
		for (Map.Entry<String, String> header : headers.entrySet()) {
			String name = header.getKey();
			if (isBlank(name)) {
				problems.add("a header name is blank");
			}
			else if (!isFieldName(name)) {
				// quoted escaped: a CR or LF would start a header of its own in the log line
				problems.add("header name '" + escaped(name) + "' is not a MIME field name (printable ASCII "
						+ "without ':', spaces, CR or LF)");
			}
			else if (header.getValue() == null) {
				problems.add("header '" + name + "' has no value");
			}
			else if (header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
				problems.add("header '" + name + "' has a CR or LF in its value, which would inject headers");
			}
		}
	}

	/** RFC 5322 §2.2: printable US-ASCII except the colon. */
	private static boolean isFieldName(String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c < 33 || c > 126 || c == ':') {
				return false;
			}
		}
		return true;
	}

	private static String escaped(String value) {
		return value.replace("\r", "\\r").replace("\n", "\\n");
	}

	private static void checkTags(List<String> problems, List<EmailTag> tags) {
		for (int i = 0; i < tags.size(); i++) {
			EmailTag tag = tags.get(i);
			if (tag.name() == null || !TAG.matcher(tag.name()).matches()) {
				problems.add("tag " + i + " has the name '" + tag.name() + "', " + tagRule());
			}
			if (tag.value() == null || !TAG.matcher(tag.value()).matches()) {
				problems.add("tag " + i + " ('" + tag.name() + "') has the value '" + tag.value() + "', " + tagRule());
			}
		}
	}

	private static String tagRule() {
		return "Resend accepts 1 to 256 ASCII letters, digits, '_' or '-'";
	}

	private static void checkAttachments(List<String> problems, List<Attachment> attachments) {
		long encodedSize = 0;
		for (int i = 0; i < attachments.size(); i++) {
			Attachment attachment = attachments.get(i);
			String where = "attachment " + i + ((attachment.filename() != null) ? " ('" + attachment.filename() + "')" : "");
			byte[] content = attachment.content();
			String path = attachment.path();
			if (content == null && path == null) {
				problems.add(where + " has neither content nor path");
			}
			else if (content != null && path != null) {
				problems.add(where + " has both content and path: keep one");
			}
			else if (path != null && path.isBlank()) {
				problems.add(where + " has a blank path");
			}
			if (content != null) {
				encodedSize += base64Length(content.length);
			}
		}
		if (encodedSize > MAX_ENCODED_ATTACHMENTS_SIZE) {
			problems.add("the attachments are " + encodedSize + " bytes once Base64-encoded, Resend accepts at most "
					+ MAX_ENCODED_ATTACHMENTS_SIZE + " (40 MB) per email: attach large files by path (URL)");
		}
	}

	private static void checkNotBlankIfSet(List<String> problems, String field, @Nullable String value) {
		if (value != null && value.isBlank()) {
			problems.add("'" + field + "' is blank");
		}
	}

	private static boolean isBlank(@Nullable String value) {
		return value == null || value.isBlank();
	}

	private static boolean isEmpty(@Nullable String value) {
		return value == null || value.isEmpty();
	}

}
