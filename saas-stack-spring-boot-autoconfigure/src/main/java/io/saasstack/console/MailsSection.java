package io.saasstack.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saasstack.mail.Attachment;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailTag;
import io.saasstack.mail.local.CapturedEmail;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.mail.resend.ResendMailClient;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaTypeFactory;

/**
 * The mails a {@link CapturingMailClient} kept: {@code GET /api/mails} (newest first),
 * {@code /api/mails/{id}}, {@code /api/mails/{id}/html}, {@code /api/mails/{id}/attachments/{n}}
 * and {@code /api/mails/{id}/resend} (the JSON Resend would have received).
 */
final class MailsSection {

	private final CapturingMailClient mails;

	MailsSection(CapturingMailClient mails) {
		this.mails = mails;
	}

	ConsoleResponse handle(List<String> segments) {
		if (segments.isEmpty()) {
			List<CapturedEmail> newestFirst = new ArrayList<>(this.mails.captured());
			Collections.reverse(newestFirst);
			return ConsoleResponse.json(newestFirst.stream().map(MailsSection::summary).toList());
		}
		Optional<CapturedEmail> found = find(segments.get(0));
		if (found.isEmpty()) {
			return ConsoleResponse.error(404, "No captured mail has this id (only the newest are kept)");
		}
		CapturedEmail mail = found.get();
		if (segments.size() == 1) {
			return ConsoleResponse.json(detail(mail));
		}
		String part = segments.get(1);
		if (segments.size() == 2 && part.equals("html")) {
			return html(mail);
		}
		if (segments.size() == 2 && part.equals("resend")) {
			return ConsoleResponse.rawJson(ResendMailClient.requestJson(mail.email()));
		}
		if (segments.size() == 3 && part.equals("attachments")) {
			return attachment(mail, segments.get(2));
		}
		return ConsoleResponse.notFound();
	}

	private Optional<CapturedEmail> find(String id) {
		return this.mails.captured().stream().filter((mail) -> mail.id().equals(id)).findFirst();
	}

	private static Map<String, Object> summary(CapturedEmail captured) {
		Email email = captured.email();
		Map<String, Object> mail = new LinkedHashMap<>();
		mail.put("id", captured.id());
		mail.put("from", email.from());
		mail.put("to", email.to());
		mail.put("subject", email.subject());
		mail.put("text", email.text());
		mail.put("capturedAt", captured.capturedAt().toString());
		mail.put("idempotencyKey", captured.idempotencyKey());
		mail.put("tags", tags(email.tags()));
		mail.put("attachments", email.attachments().size());
		mail.put("scheduledAt", email.scheduledAt());
		mail.put("canceled", captured.canceled());
		return mail;
	}

	private static Map<String, Object> detail(CapturedEmail captured) {
		Email email = captured.email();
		Map<String, Object> mail = summary(captured);
		mail.put("cc", email.cc());
		mail.put("bcc", email.bcc());
		mail.put("replyTo", email.replyTo());
		mail.put("headers", email.headers());
		mail.put("html", email.html() != null);
		if (email.template() != null) {
			Map<String, Object> template = new LinkedHashMap<>();
			template.put("id", email.template().id());
			template.put("variables", email.template().variables());
			mail.put("template", template);
		}
		mail.put("topicId", email.topicId());
		List<Map<String, Object>> attachments = new ArrayList<>();
		for (int i = 0; i < email.attachments().size(); i++) {
			Attachment attachment = email.attachments().get(i);
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("index", i);
			item.put("filename", attachment.filename());
			item.put("contentType", contentType(attachment));
			item.put("size", (attachment.content() != null) ? attachment.content().length : null);
			item.put("path", attachment.path());
			item.put("contentId", attachment.contentId());
			attachments.add(item);
		}
		mail.put("attachmentList", attachments);
		return mail;
	}

	private static Map<String, String> tags(List<EmailTag> tags) {
		Map<String, String> byName = new LinkedHashMap<>();
		tags.forEach((tag) -> byName.put(tag.name(), tag.value()));
		return byName;
	}

	private static ConsoleResponse html(CapturedEmail mail) {
		String html = mail.email().html();
		if (html == null) {
			return ConsoleResponse.error(404, "This mail has no HTML part");
		}
		return ConsoleResponse.bytes(200, "text/html;charset=UTF-8", html.getBytes(StandardCharsets.UTF_8))
			.header("Content-Security-Policy", ConsoleResponse.MAIL_POLICY);
	}

	private static ConsoleResponse attachment(CapturedEmail mail, String index) {
		List<Attachment> attachments = mail.email().attachments();
		int i;
		try {
			i = Integer.parseInt(index);
		}
		catch (NumberFormatException ex) {
			return ConsoleResponse.notFound();
		}
		if (i < 0 || i >= attachments.size()) {
			return ConsoleResponse.notFound();
		}
		Attachment attachment = attachments.get(i);
		byte[] content = attachment.content();
		if (content == null) {
			return ConsoleResponse.error(404, "This attachment is a remote file (" + attachment.path()
					+ "): Resend would fetch it, the console does not");
		}
		String filename = (attachment.filename() != null) ? attachment.filename() : "attachment-" + i;
		return ConsoleResponse.bytes(200, contentType(attachment), content)
			.header("Content-Disposition", ContentDisposition.attachment()
				.filename(filename, StandardCharsets.UTF_8)
				.build()
				.toString())
			.header("Content-Security-Policy", "default-src 'none'; sandbox");
	}

	private static String contentType(Attachment attachment) {
		if (attachment.contentType() != null) {
			return attachment.contentType();
		}
		return MediaTypeFactory.getMediaType(attachment.filename())
			.map(Object::toString)
			.orElse("application/octet-stream");
	}

}
