package com.example.consumer;

import io.saasstack.auth.SaasUser;
import io.saasstack.events.TrackEvent;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application as a saas-stack user writes it: a protected endpoint (saas-stack's default security
 * chain), a {@code @TrackEvent} method and a mail.
 */
@SpringBootApplication
public class ConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(ConsumerApplication.class, args);
	}

	@RestController
	static class WelcomeController {

		private final Welcomes welcomes;

		WelcomeController(Welcomes welcomes) {
			this.welcomes = welcomes;
		}

		@PostMapping("/welcome")
		Welcome welcome(@AuthenticationPrincipal SaasUser user) {
			return this.welcomes.welcome(user);
		}

	}

	@Service
	public static class Welcomes {

		private final MailClient mail;

		Welcomes(MailClient mail) {
			this.mail = mail;
		}

		@TrackEvent(channel = "users", event = "User Welcomed", userId = "#user.id()")
		public Welcome welcome(SaasUser user) {
			this.mail.send(Email.builder().to(user.email()).subject("Welcome, " + user.id()).text("Hello!").build());
			return new Welcome(user.id(), user.email());
		}

	}

	public record Welcome(String id, String email) {
	}

}
