package io.saasstack.test.sample;

import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasPrincipal;
import io.saasstack.auth.SaasUser;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;
import io.saasstack.media.MediaStorage;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tiny secured application whose sign-up tracks an event, sends a mail and uploads an avatar.
 */
@SpringBootApplication
@EnableMethodSecurity
public class KitTestApplication {

	static final byte[] AVATAR = { 'G', 'I', 'F', '8', '9', 'a' };

	@RestController
	static class AccountController {

		private final EventTracker events;

		private final MailClient mail;

		private final ObjectProvider<MediaStorage> media;

		AccountController(EventTracker events, MailClient mail, ObjectProvider<MediaStorage> media) {
			this.events = events;
			this.mail = mail;
			this.media = media;
		}

		@GetMapping("/me")
		String me(@AuthenticationPrincipal SaasUser user) {
			return user.provider() + " " + user.id() + " " + user.email();
		}

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal SaasPrincipal principal) {
			if (principal instanceof SaasMachine machine) {
				return machine.tokenType().id() + " " + machine.subject() + " " + machine.scopes();
			}
			return principal.tokenType().id() + " " + principal.subject();
		}

		@GetMapping("/reports")
		@PreAuthorize("hasAuthority('SCOPE_reports:read')")
		public String reports(@AuthenticationPrincipal SaasPrincipal principal) {
			return "reports for " + principal.subject();
		}

		@PostMapping("/signup")
		String signUp(@AuthenticationPrincipal SaasUser user) {
			this.events.track(LogEvent.builder("User Signed Up").channel("signups").icon("🎉").userId(user.id()).build());
			this.mail.send(Email.builder()
				.from("Acme <hello@acme.example>")
				.to(user.email())
				.subject("Welcome")
				.text("Hello " + user.id())
				.build());
			MediaStorage storage = this.media.getIfAvailable();
			if (storage == null) {
				return "no media storage";
			}
			UploadResult avatar = storage.upload(UploadRequest.of(AVATAR, "avatar.gif").inFolder("avatars"));
			return avatar.url();
		}

	}

}
