package io.saasstack.mail;

import java.util.List;

/**
 * A page of sent emails, newest first.
 *
 * @param emails the emails of the page
 * @param hasMore whether older emails follow; pass the last id as {@code after} to get them
 * @since 0.1.0
 */
public record EmailPage(List<SentEmail> emails, boolean hasMore) {

	public EmailPage {
		emails = List.copyOf(emails);
	}

}
