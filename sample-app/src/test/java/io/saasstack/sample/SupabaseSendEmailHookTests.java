package io.saasstack.sample;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.webhooks.StandardWebhookVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Photo Board with Supabase as the provider and its hook secret: Supabase Auth's emails, sent to
 * the send-email hook, go out through the mail client, the sign-up one with Photo Board's own
 * template, the others with the starter's.
 */
@SpringBootTest(properties = { "saas.auth.supabase.url=https://abcdefghijklmnop.supabase.co",
		"saas.auth.supabase.hook-secret=v1,whsec_" + SupabaseSendEmailHookTests.KEY })
@AutoConfigureMockMvc
class SupabaseSendEmailHookTests {

	static final String KEY = "cGhvdG8tYm9hcmQtc3VwYWJhc2UtaG9vay1zZWNyZXQ=";

	static final String SIGNUP = """
			{"user":{"id":"8484b834-f29e-4af2-bf42-80644d154f76","aud":"authenticated","role":"authenticated",
			  "email":"ada@example.com","phone":"","user_metadata":{}},
			 "email_data":{"token":"305805","token_hash":"7d5b7b1964cf5d388340a7f04f1dbb5eeb6c7b52ef8270e1737a58d0",
			  "redirect_to":"http://localhost:8080/","email_action_type":"signup","site_url":"http://localhost:8080",
			  "token_new":"","token_hash_new":""}}
			""";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private CapturingMailClient mails;

	@Test
	void supabaseEmailsGoThroughTheMailClientWithPhotoBoardsSignupTemplate() throws Exception {
		this.mails.clear();
		send("msg_signup", SIGNUP).andExpect(status().isOk()).andExpect(content().json("{}", true));
		send("msg_magic", SIGNUP.replace("\"signup\"", "\"magiclink\"")).andExpect(status().isOk());
		assertThat(this.mails.captured()).hasSize(2);
		assertThat(this.mails.captured().get(0)).satisfies((mail) -> {
			assertThat(mail.idempotencyKey()).isEqualTo("supabase-send-email/msg_signup");
			assertThat(mail.email().to()).containsExactly("ada@example.com");
			assertThat(mail.email().subject()).isEqualTo("Confirm your email for Photo Board");
			assertThat(mail.email().text()).contains("https://abcdefghijklmnop.supabase.co/auth/v1/verify"
					+ "?token=7d5b7b1964cf5d388340a7f04f1dbb5eeb6c7b52ef8270e1737a58d0&type=signup"
					+ "&redirect_to=http%3A%2F%2Flocalhost%3A8080%2F", "305805");
		});
		assertThat(this.mails.captured().get(1).email().subject()).isEqualTo("Your sign-in link");
	}

	ResultActions send(String id, String json) throws Exception {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		long now = Instant.now().getEpochSecond();
		return this.mvc.perform(post("/webhooks/supabase").contentType(MediaType.APPLICATION_JSON)
			.header("webhook-id", id)
			.header("webhook-timestamp", String.valueOf(now))
			.header("webhook-signature", StandardWebhookVerifier.sign("whsec_" + KEY, id, now, body))
			.content(body));
	}

}
