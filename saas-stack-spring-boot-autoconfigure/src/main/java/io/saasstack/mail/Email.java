package io.saasstack.mail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One email. Build it with {@link #builder()}; a missing {@code from} or {@code replyTo} is taken
 * from {@code saas.mail.default-from} and {@code saas.mail.default-reply-to} when sent.
 *
 * @param from sender, {@code "Acme <billing@acme.com>"} or a bare address
 * @param to recipients, 1 to 50
 * @param cc carbon-copy recipients
 * @param bcc blind carbon-copy recipients
 * @param replyTo reply-to addresses
 * @param subject subject line
 * @param html HTML body
 * @param text plain-text body; when only html is set the provider derives it, an empty string opts out
 * @param headers extra MIME headers
 * @param tags tags reported back in webhooks
 * @param attachments attachments, inline ones included
 * @param template a published provider template instead of html and text
 * @param scheduledAt when to send: ISO 8601 or the provider's natural language ("in 1 hour"); null for now
 * @param topicId topic the email belongs to, for subscription preferences
 * @since 0.1.0
 */
public record Email(@Nullable String from, List<String> to, List<String> cc, List<String> bcc, List<String> replyTo,
		@Nullable String subject, @Nullable String html, @Nullable String text, Map<String, String> headers,
		List<EmailTag> tags, List<Attachment> attachments, @Nullable EmailTemplate template,
		@Nullable String scheduledAt, @Nullable String topicId) {

	public Email {
		to = List.copyOf(to);
		cc = List.copyOf(cc);
		bcc = List.copyOf(bcc);
		replyTo = List.copyOf(replyTo);
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		tags = List.copyOf(tags);
		attachments = List.copyOf(attachments);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** A builder starting from this email. */
	public Builder toBuilder() {
		Builder builder = new Builder().from(this.from)
			.subject(this.subject)
			.html(this.html)
			.text(this.text)
			.template(this.template)
			.scheduledAt(this.scheduledAt)
			.topicId(this.topicId);
		builder.to.addAll(this.to);
		builder.cc.addAll(this.cc);
		builder.bcc.addAll(this.bcc);
		builder.replyTo.addAll(this.replyTo);
		builder.headers.putAll(this.headers);
		builder.tags.addAll(this.tags);
		builder.attachments.addAll(this.attachments);
		return builder;
	}

	@Override
	public String toString() {
		return "Email[from=" + this.from + ", to=" + this.to + ", subject=" + this.subject
				+ ((this.template != null) ? ", template=" + this.template.id() : "")
				+ ((this.scheduledAt != null) ? ", scheduledAt=" + this.scheduledAt : "") + "]";
	}

	/**
	 * Builder of an {@link Email}.
	 */
	public static final class Builder {

		private @Nullable String from;

		private final List<String> to = new ArrayList<>();

		private final List<String> cc = new ArrayList<>();

		private final List<String> bcc = new ArrayList<>();

		private final List<String> replyTo = new ArrayList<>();

		private @Nullable String subject;

		private @Nullable String html;

		private @Nullable String text;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private final List<EmailTag> tags = new ArrayList<>();

		private final List<Attachment> attachments = new ArrayList<>();

		private @Nullable EmailTemplate template;

		private @Nullable String scheduledAt;

		private @Nullable String topicId;

		private Builder() {
		}

		public Builder from(@Nullable String from) {
			this.from = from;
			return this;
		}

		public Builder to(String... to) {
			this.to.addAll(Arrays.asList(to));
			return this;
		}

		public Builder to(List<String> to) {
			this.to.addAll(to);
			return this;
		}

		public Builder cc(String... cc) {
			this.cc.addAll(Arrays.asList(cc));
			return this;
		}

		public Builder bcc(String... bcc) {
			this.bcc.addAll(Arrays.asList(bcc));
			return this;
		}

		public Builder replyTo(String... replyTo) {
			this.replyTo.addAll(Arrays.asList(replyTo));
			return this;
		}

		public Builder subject(@Nullable String subject) {
			this.subject = subject;
			return this;
		}

		public Builder html(@Nullable String html) {
			this.html = html;
			return this;
		}

		public Builder text(@Nullable String text) {
			this.text = text;
			return this;
		}

		public Builder header(String name, String value) {
			this.headers.put(name, value);
			return this;
		}

		public Builder tag(String name, String value) {
			this.tags.add(new EmailTag(name, value));
			return this;
		}

		public Builder attach(Attachment attachment) {
			this.attachments.add(attachment);
			return this;
		}

		/** Sends a published provider template with these variables instead of html and text. */
		public Builder template(String id, Map<String, ?> variables) {
			return template(new EmailTemplate(id, new LinkedHashMap<>(variables)));
		}

		public Builder template(@Nullable EmailTemplate template) {
			this.template = template;
			return this;
		}

		/** Schedules the email for a point in time. */
		public Builder scheduledAt(Instant when) {
			return scheduledAt(DateTimeFormatter.ISO_INSTANT.format(when));
		}

		/** Schedules the email for a point in time with its offset. */
		public Builder scheduledAt(OffsetDateTime when) {
			return scheduledAt(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(when));
		}

		/** Schedules the email: ISO 8601, or the provider's natural language such as "in 1 hour". */
		public Builder scheduledAt(@Nullable String when) {
			this.scheduledAt = when;
			return this;
		}

		public Builder topicId(@Nullable String topicId) {
			this.topicId = topicId;
			return this;
		}

		public Email build() {
			return new Email(this.from, this.to, this.cc, this.bcc, this.replyTo, this.subject, this.html, this.text,
					this.headers, this.tags, this.attachments, this.template, this.scheduledAt, this.topicId);
		}

	}

}
