package io.saasstack.mail.resend;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.saasstack.mail.Attachment;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailPage;
import io.saasstack.mail.EmailTag;
import io.saasstack.mail.EmailTemplate;
import io.saasstack.mail.SentEmail;
import org.jspecify.annotations.Nullable;

/**
 * Resend's JSON bodies (reference {@code mail-resend.md} §2, §3 and §5; OpenAPI
 * {@code SendEmailRequest}, {@code Email}, {@code CreateBatchEmailsResponse}): snake_case names,
 * recipients always as arrays, attachment content in Base64. Nulls are left out by
 * {@link io.saasstack.core.SaasJson}, and empty lists and maps are turned into nulls here so that
 * they are left out too.
 */
final class ResendWire {

	private ResendWire() {
	}

	static SendEmailBody body(Email email) {
		EmailTemplate template = email.template();
		return new SendEmailBody(email.from(), email.to(), nullIfEmpty(email.cc()), nullIfEmpty(email.bcc()),
				nullIfEmpty(email.replyTo()), email.subject(), email.html(), email.text(),
				email.headers().isEmpty() ? null : email.headers(), nullIfEmpty(email.tags()),
				email.attachments().isEmpty() ? null : email.attachments().stream().map(ResendWire::attachment).toList(),
				(template != null) ? new TemplateBody(template.id(),
						template.variables().isEmpty() ? null : new LinkedHashMap<>(template.variables())) : null,
				email.scheduledAt(), email.topicId());
	}

	private static AttachmentBody attachment(Attachment attachment) {
		byte[] content = attachment.content();
		return new AttachmentBody((content != null) ? Base64.getEncoder().encodeToString(content) : null,
				attachment.filename(), attachment.path(), attachment.contentType(), attachment.contentId());
	}

	private static <T> @Nullable List<T> nullIfEmpty(List<T> values) {
		return values.isEmpty() ? null : values;
	}

	private static List<String> orEmpty(@Nullable List<String> values) {
		return (values != null) ? values : List.of();
	}

	record SendEmailBody(@Nullable String from, List<String> to, @Nullable List<String> cc,
			@Nullable List<String> bcc, @JsonProperty("reply_to") @Nullable List<String> replyTo,
			@Nullable String subject, @Nullable String html, @Nullable String text,
			@Nullable Map<String, String> headers, @Nullable List<EmailTag> tags,
			@Nullable List<AttachmentBody> attachments, @Nullable TemplateBody template,
			@JsonProperty("scheduled_at") @Nullable String scheduledAt,
			@JsonProperty("topic_id") @Nullable String topicId) {
	}

	record AttachmentBody(@Nullable String content, @Nullable String filename, @Nullable String path,
			@JsonProperty("content_type") @Nullable String contentType,
			@JsonProperty("content_id") @Nullable String contentId) {
	}

	record TemplateBody(String id, @Nullable Map<String, Object> variables) {
	}

	record RescheduleBody(@JsonProperty("scheduled_at") String scheduledAt) {
	}

	/** {@code {"id":"…"}} of a send, and of each email of a batch. */
	record IdBody(@Nullable String id) {
	}

	/** A batch response: {@code data} in strict mode, plus {@code errors} in permissive mode. */
	record BatchBody(@Nullable List<IdBody> data, @Nullable List<BatchErrorBody> errors) {
	}

	record BatchErrorBody(int index, @Nullable String message) {
	}

	/** An email of {@code GET /emails/{id}} and {@code GET /emails}; timestamps are kept as sent. */
	record EmailBody(@Nullable String id, @Nullable String from, @Nullable List<String> to,
			@Nullable List<String> cc, @Nullable List<String> bcc,
			@JsonProperty("reply_to") @Nullable List<String> replyTo, @Nullable String subject,
			@Nullable String html, @Nullable String text, @JsonProperty("created_at") @Nullable String createdAt,
			@JsonProperty("scheduled_at") @Nullable String scheduledAt,
			@JsonProperty("last_event") @Nullable String lastEvent, @Nullable List<EmailTag> tags) {

		@Nullable SentEmail toSentEmail() {
			if (this.id == null) {
				return null;
			}
			return new SentEmail(this.id, this.from, orEmpty(this.to), orEmpty(this.cc), orEmpty(this.bcc),
					orEmpty(this.replyTo), this.subject, this.html, this.text, this.createdAt, this.scheduledAt,
					this.lastEvent, (this.tags != null) ? this.tags : List.of());
		}

	}

	/** {@code {"object":"list","has_more":false,"data":[…]}}. */
	record ListBody(@JsonProperty("has_more") boolean hasMore, @Nullable List<EmailBody> data) {

		EmailPage toPage() {
			List<SentEmail> emails = new ArrayList<>();
			if (this.data != null) {
				for (EmailBody body : this.data) {
					SentEmail email = (body != null) ? body.toSentEmail() : null;
					if (email != null) {
						emails.add(email);
					}
				}
			}
			return new EmailPage(emails, this.hasMore);
		}

	}

}
