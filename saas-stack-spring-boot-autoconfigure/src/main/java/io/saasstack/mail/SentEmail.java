package io.saasstack.mail;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An email as the provider reports it ({@code GET /emails/{id}}). Timestamps are kept as the
 * provider's text: Resend does not always use strict ISO 8601 ({@code "2023-04-03 22:13:42.674981+00"}).
 *
 * @param id email id
 * @param from sender
 * @param to recipients
 * @param cc carbon-copy recipients
 * @param bcc blind carbon-copy recipients
 * @param replyTo reply-to addresses
 * @param subject subject
 * @param html HTML body
 * @param text text body
 * @param createdAt creation time as sent by the provider
 * @param scheduledAt scheduled time as sent by the provider
 * @param lastEvent latest delivery event, for example {@code delivered} or {@code bounced}
 * @param tags tags
 * @since 0.1.0
 */
public record SentEmail(String id, @Nullable String from, List<String> to, List<String> cc, List<String> bcc,
		List<String> replyTo, @Nullable String subject, @Nullable String html, @Nullable String text,
		@Nullable String createdAt, @Nullable String scheduledAt, @Nullable String lastEvent, List<EmailTag> tags) {

	public SentEmail {
		to = (to != null) ? List.copyOf(to) : List.of();
		cc = (cc != null) ? List.copyOf(cc) : List.of();
		bcc = (bcc != null) ? List.copyOf(bcc) : List.of();
		replyTo = (replyTo != null) ? List.copyOf(replyTo) : List.of();
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

}
