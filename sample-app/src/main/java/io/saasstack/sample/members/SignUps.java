package io.saasstack.sample.members;

import java.util.Map;

import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.MailOutbox;
import io.saasstack.mail.template.MailTemplates;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Welcomes a new member: a mail from the {@code welcome} template and a "User Signed Up" event.
 * The welcome mail's idempotency key makes a second attempt for the same user harmless.
 */
@Service
public class SignUps {

	private final Members members;

	private final MailTemplates mailTemplates;

	private final MailClient mailClient;

	private final MailOutbox mailOutbox;

	SignUps(Members members, MailTemplates mailTemplates, MailClient mailClient, MailOutbox mailOutbox) {
		this.members = members;
		this.mailTemplates = mailTemplates;
		this.mailClient = mailClient;
		this.mailOutbox = mailOutbox;
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
	 * For a user's first request: the welcome mail goes to the outbox, the request never waits for
	 * Resend (with the JDBC starter and a database it survives a crash and any instance sends it).
	 */
	@UserSignedUp
	public @Nullable Member signUpWithoutWaiting(String userId, @Nullable String email) {
		Members.Joined joined = this.members.join(userId, email, null);
		if (joined.isNew() && email != null) {
			this.mailOutbox.enqueue(welcome(email, null), welcomeKey(userId));
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
