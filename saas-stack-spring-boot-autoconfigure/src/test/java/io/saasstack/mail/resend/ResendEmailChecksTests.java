package io.saasstack.mail.resend;

import java.util.List;

import io.saasstack.mail.Attachment;
import io.saasstack.mail.Email;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ResendEmailChecksTests {

	static Email.Builder email() {
		return Email.builder().from("hello@acme.com").to("a@example.com").subject("Hi").html("<p>Hi</p>");
	}

	@Test
	void base64LengthIsFourCharactersPerStartedGroupOfThreeBytes() {
		assertThat(ResendEmailChecks.base64Length(0)).isZero();
		assertThat(ResendEmailChecks.base64Length(1)).isEqualTo(4);
		assertThat(ResendEmailChecks.base64Length(3)).isEqualTo(4);
		assertThat(ResendEmailChecks.base64Length(4)).isEqualTo(8);
		assertThat(ResendEmailChecks.base64Length(31_457_280)).isEqualTo(41_943_040);
	}

	@Test
	void acceptsAttachmentsOfExactlyFortyMegabytesOnceEncoded() {
		Email email = email().attach(new Attachment("a.bin", new byte[31_457_280], null, null, null)).build();
		assertThatNoException().isThrownBy(() -> ResendEmailChecks.checkEmail(email));
	}

	@Test
	void rejectsAddressesWithoutAnAtSign() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> ResendEmailChecks.checkEmail(email().cc("not-an-address").build()))
			.withMessageContaining("'cc[0]' (not-an-address) is not an email address");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> ResendEmailChecks.checkEmail(email().from("Acme").build()))
			.withMessageContaining("'from' (Acme) is not an email address");
		assertThatNoException()
			.isThrownBy(() -> ResendEmailChecks.checkEmail(email().from("Acme <hello@acme.com>").build()));
	}

	@Test
	void refusesCrOrLfInHeaderNamesAndValues() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResendEmailChecks.checkEmail(email().header("X-Ref", "1\r\nBcc: victim@example.com").build()))
			.withMessageContaining("header 'X-Ref' has a CR or LF in its value, which would inject headers");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResendEmailChecks.checkEmail(email().header("X-Ref", "1\nBcc: x@example.com").build()))
			.withMessageContaining("CR or LF in its value");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResendEmailChecks.checkEmail(email().header("Bcc: x@example.com\r\nX-Ref", "1").build()))
			.withMessageContaining("header name 'Bcc: x@example.com\\r\\nX-Ref' is not a MIME field name");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ResendEmailChecks.checkEmail(email().header("X Ref", "1").build()))
			.withMessageContaining("is not a MIME field name");
		assertThatNoException().isThrownBy(
				() -> ResendEmailChecks.checkEmail(email().header("List-Unsubscribe", "<https://acme.com/u?id=1>").build()));
	}

	@Test
	void acceptsATemplateWithoutSenderOrSubject() {
		Email email = Email.builder().to("a@example.com").template("welcome", java.util.Map.of("n", 1)).build();
		assertThatNoException().isThrownBy(() -> ResendEmailChecks.checkEmail(email));
	}

	@Test
	void acceptsTextOnlyAndTagsAtTheirLimits() {
		Email email = email().html(null).text("Hi").tag("a".repeat(256), "Z-9_z").build();
		assertThatNoException().isThrownBy(() -> ResendEmailChecks.checkEmail(email));
	}

	@Test
	void acceptsABatchOfAnySizeWithoutAttachmentsOrSchedules() {
		List<Email> emails = java.util.stream.IntStream.range(0, 250).mapToObj((i) -> email().build()).toList();
		assertThatNoException().isThrownBy(() -> ResendEmailChecks.checkBatch(emails));
	}

	@Test
	void rejectsANullEmailOfABatch() {
		List<Email> emails = new java.util.ArrayList<>();
		emails.add(email().build());
		emails.add(null);
		assertThatIllegalArgumentException().isThrownBy(() -> ResendEmailChecks.checkBatch(emails))
			.withMessage("Invalid batch: email 2 (index 1) is null");
	}

	@Test
	void idempotencyKeysAreOneTo256Characters() {
		assertThatNoException().isThrownBy(() -> ResendEmailChecks.checkIdempotencyKey("k"));
		assertThatIllegalArgumentException().isThrownBy(() -> ResendEmailChecks.checkIdempotencyKey(null))
			.withMessage("Invalid idempotency key: the idempotency key is empty, Resend accepts 1 to 256 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> ResendEmailChecks.checkIdempotencyKey("k".repeat(300)))
			.withMessage("Invalid idempotency key: the idempotency key has 300 characters, Resend accepts 1 to 256");
	}

}
