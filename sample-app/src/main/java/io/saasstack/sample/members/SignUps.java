package io.saasstack.sample.members;

import java.util.Map;

import io.saasstack.events.TrackEvent;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.template.MailTemplates;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Welcomes a new member: a mail from the {@code welcome} template and a "User Signed Up" event.
 */
@Service
public class SignUps {

	private final Members members;

	private final MailTemplates mailTemplates;

	private final MailClient mailClient;

	SignUps(Members members, MailTemplates mailTemplates, MailClient mailClient) {
		this.members = members;
		this.mailTemplates = mailTemplates;
		this.mailClient = mailClient;
	}

	/**
	 * Signs a user up once: the provider may deliver its webhook more than once, and the welcome
	 * mail's idempotency key makes a redelivery after a failed send safe.
	 */
	@TrackEvent(channel = "users", event = "User Signed Up", icon = "👋", userId = "#result.id()",
			condition = "#result != null")
	public @Nullable Member signUp(String userId, @Nullable String email, @Nullable String name) {
		Members.Joined joined = this.members.join(userId, email, name);
		if (email != null) {
			this.mailClient.send(this.mailTemplates.render("welcome", Map.of("name", (name != null) ? name : email))
				.to(email)
				.tag("category", "welcome")
				.build(), "welcome/" + userId);
		}
		return joined.isNew() ? joined.member() : null;
	}

}
