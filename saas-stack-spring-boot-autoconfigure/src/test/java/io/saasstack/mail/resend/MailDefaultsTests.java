package io.saasstack.mail.resend;

import java.util.List;

import io.saasstack.mail.Email;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MailDefaultsTests {

	static final MailDefaults DEFAULTS = new MailDefaults("Acme <hello@acme.com>", List.of("support@acme.com"));

	@Test
	void fillsSenderAndReplyToOfEmailsWithout() {
		Email email = DEFAULTS.applyTo(Email.builder().to("a@example.com").subject("Hi").text("Hi").build());
		assertThat(email.from()).isEqualTo("Acme <hello@acme.com>");
		assertThat(email.replyTo()).containsExactly("support@acme.com");
		assertThat(email.to()).containsExactly("a@example.com");
		assertThat(email.subject()).isEqualTo("Hi");
	}

	@Test
	void keepsWhatTheEmailSets() {
		Email email = Email.builder().from("billing@acme.com").replyTo("billing@acme.com").to("a@example.com").build();
		assertThat(DEFAULTS.applyTo(email)).isSameAs(email);
	}

	@Test
	void fillsOnlyWhatIsMissing() {
		Email email = DEFAULTS.applyTo(Email.builder().from("billing@acme.com").to("a@example.com").build());
		assertThat(email.from()).isEqualTo("billing@acme.com");
		assertThat(email.replyTo()).containsExactly("support@acme.com");
	}

	@Test
	void noneChangesNothing() {
		Email email = Email.builder().to("a@example.com").build();
		assertThat(MailDefaults.NONE.applyTo(email)).isSameAs(email);
	}

}
