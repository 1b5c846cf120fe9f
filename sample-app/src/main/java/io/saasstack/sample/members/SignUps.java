package io.saasstack.sample.members;

import java.util.Map;

import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.template.MailTemplates;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Welcomes a new member: a mail from the {@code welcome} template and a "User Signed Up" event.
 * The welcome mail's idempotency key makes a second attempt for the same user harmless.
 */
@Service
public class SignUps {

	private static final Log logger = LogFactory.getLog(SignUps.class);

	private final Members members;

	private final MailTemplates mailTemplates;

	private final MailClient mailClient;

	private final ReactiveMailClient reactiveMailClient;

	SignUps(Members members, MailTemplates mailTemplates, MailClient mailClient, ReactiveMailClient reactiveMailClient) {
		this.members = members;
		this.mailTemplates = mailTemplates;
		this.mailClient = mailClient;
		this.reactiveMailClient = reactiveMailClient;
	}

	/**
	 * For the identity provider's webhook: waits for the welcome mail, so that a failure fails the
	 * webhook and the provider delivers it again.
	 */
	@UserSignedUp
	public @Nullable Member signUp(String userId, @Nullable String email, @Nullable String name) {
		Members.Joined joined = this.members.join(userId, email, name);
		if (email != null) {
			this.mailClient.send(welcome(email, name), welcomeKey(userId));
		}
		return joined.isNew() ? joined.member() : null;
	}

	/**
	 * For a user's first request: the welcome mail is sent in the background, the request never
	 * waits for Resend.
	 */
	@UserSignedUp
	public @Nullable Member signUpWithoutWaiting(String userId, @Nullable String email) {
		Members.Joined joined = this.members.join(userId, email, null);
		if (joined.isNew() && email != null) {
			this.reactiveMailClient.send(welcome(email, null), welcomeKey(userId))
				.subscribe(null, (ex) -> logger.warn("Welcome mail for " + userId + " not sent: " + ex.getMessage()));
		}
		return joined.isNew() ? joined.member() : null;
	}

	private Email welcome(String email, @Nullable String name) {
		return this.mailTemplates.render("welcome", Map.of("name", (name != null) ? name : email))
			.to(email)
			.tag("category", "welcome")
			.build();
	}

	private static String welcomeKey(String userId) {
		return "welcome/" + userId;
	}

}
