package io.saasstack.auth.supabase.hooks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.core.RequestPacer;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasJson;
import io.saasstack.mail.resend.BlockingMailClient;
import io.saasstack.mail.resend.MailDefaults;
import io.saasstack.mail.resend.ResendMailClient;
import io.saasstack.mail.template.MailTemplates;
import io.saasstack.webhooks.WebhookResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.saasstack.auth.supabase.hooks.SupabaseHookRequests.answered;
import static io.saasstack.auth.supabase.hooks.SupabaseHookRequests.documented;
import static io.saasstack.auth.supabase.hooks.SupabaseHookRequests.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SupabaseSendEmailHook} behind {@link SupabaseAuthHooks}: Supabase's
 * send-email hook (the payload of its documentation, signed with the hook secret) sends its
 * emails through the Resend client, against WireMock: the exact request to Resend, the templates
 * shipped with the starter, the verify links built from the payload, the idempotency key from
 * {@code webhook-id}, and a Resend failure answered to Supabase as an error.
 */
class SupabaseSendEmailHookTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String API_KEY = "re_test_supabase_hooks_0123";

	static final String FROM = "Acme <auth@acme.com>";

	static final String SEND_EMAIL = documented("send-email");

	static final String HASH = "7d5b7b1964cf5d388340a7f04f1dbb5eeb6c7b52ef8270e1737a58d0";

	static final String PROJECT = "https://abcdefghijklmnop.supabase.co";

	/** The verify link of the documented payload, {@code redirect_to} strictly encoded. */
	static String link(String hash, String type) {
		return PROJECT + "/auth/v1/verify?token=" + hash + "&type=" + type
				+ "&redirect_to=http%3A%2F%2Flocalhost%3A3000%2F";
	}

	static SupabaseSendEmailHook hook() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(2));
		properties.setResponseTimeout(Duration.ofSeconds(10));
		properties.getRetry().setMaxAttempts(3);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(50));
		properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(10));
		ResendMailClient resend = new ResendMailClient(
				ResendMailClient.httpClient(SaasHttpClientFactory.standalone(), properties, API_KEY, RequestPacer.NONE),
				new MailDefaults(FROM, List.of()));
		return new SupabaseSendEmailHook(new BlockingMailClient(resend), templates(), URI.create(PROJECT));
	}

	static MailTemplates templates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setTemplateMode(TemplateMode.HTML);
		resolver.setCharacterEncoding("UTF-8");
		TemplateEngine engine = new TemplateEngine();
		engine.setTemplateResolver(resolver);
		return new MailTemplates(engine, "mail/", Locale.UK);
	}

	static SupabaseHookRequests requests() {
		return new SupabaseHookRequests(new SupabaseAuthHooks(null, null, null, hook()));
	}

	static String payload(String actionType) {
		return SEND_EMAIL.replace("\"email_action_type\": \"signup\"", "\"email_action_type\": \"" + actionType + "\"");
	}

	static List<LoggedRequest> sent() {
		return wm.findAll(postRequestedFor(urlEqualTo("/emails")));
	}

	static JsonNode body(LoggedRequest request) {
		return tree(request.getBodyAsString());
	}

	@Test
	void theDocumentedSignupIsSentThroughResendWithTheWebhookIdAsIdempotencyKey() {
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}")));
		WebhookResponse response = requests().send("msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", SEND_EMAIL);
		answered(response, "{}");
		String html = """
				<!DOCTYPE html>
				<html>
				<head>
				<meta charset="UTF-8">
				<title>Confirm your email address</title>
				</head>
				<body>
				<p>Confirm your email address by following this link:</p>
				<p><a href="%s">Confirm my email address</a></p>
				<p>Or enter the code: <b>305805</b></p>
				<p>If you did not ask for this, you can ignore this email.</p>
				</body>
				</html>
				""".formatted(link(HASH, "signup").replace("&", "&amp;"));
		String text = """
				Confirm your email address by following this link:

				%s

				Or enter the code: 305805

				If you did not ask for this, you can ignore this email.
				""".formatted(link(HASH, "signup"));
		String json = SaasJson.mapper()
			.writeValueAsString(Map.of("from", FROM, "to", List.of("valid.email@supabase.io"), "subject",
					"Confirm your email address", "html", html, "text", text));
		wm.verify(exactly(1), postRequestedFor(urlEqualTo("/emails"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Idempotency-Key", equalTo("supabase-send-email/msg_2KWPBgLlAfxdpx2AI54pPJ85f4W"))
			.withRequestBody(equalToJson(json, false, false)));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@ParameterizedTest
	@CsvSource({ "invite, You have been invited, true", "magiclink, Your sign-in link, true",
			"recovery, Reset your password, true", "email, Your sign-in code, false",
			"reauthentication, Confirm it is you, false" })
	void eachActionTypeHasItsTemplateAndLink(String actionType, String subject, boolean withLink) {
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"e1\"}")));
		answered(requests().send("msg_1", payload(actionType)), "{}");
		JsonNode email = body(sent().get(0));
		assertThat(email.get("subject").asString()).isEqualTo(subject);
		assertThat(email.get("to").toString()).isEqualTo("[\"valid.email@supabase.io\"]");
		assertThat(email.get("text").asString()).contains("305805");
		if (withLink) {
			assertThat(email.get("text").asString()).contains(link(HASH, actionType));
			assertThat(email.get("html").asString()).contains("href=\"" + link(HASH, actionType).replace("&", "&amp;"));
		}
		else {
			assertThat(email.get("text").asString()).doesNotContain("/auth/v1/verify");
			assertThat(email.get("html").asString()).doesNotContain("/auth/v1/verify");
		}
	}

	@Test
	void aSecureEmailChangeSendsACodeToEachAddressWithTheCrossedHashes() {
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"e1\"}")));
		String change = payload("email_change")
			.replace("\"token_new\": \"\"", "\"token_new\": \"777888\"")
			.replace("\"token_hash_new\": \"\"", "\"token_hash_new\": \"newhash\"")
			.replace("\"is_anonymous\": false", "\"is_anonymous\": false, \"new_email\": \"new.email@supabase.io\"");
		answered(requests().send("msg_1", change), "{}");
		List<LoggedRequest> sent = sent();
		assertThat(sent).hasSize(2);
		// to the current address: token with the link of token_hash_new
		assertThat(sent.get(0).getHeader("Idempotency-Key")).isEqualTo("supabase-send-email/msg_1");
		JsonNode current = body(sent.get(0));
		assertThat(current.get("to").toString()).isEqualTo("[\"valid.email@supabase.io\"]");
		assertThat(current.get("subject").asString()).isEqualTo("Confirm the change of your email address");
		assertThat(current.get("text").asString()).contains("305805", link("newhash", "email_change"),
				"new.email@supabase.io");
		// to the new address: token_new with the link of token_hash (Supabase's historical naming)
		assertThat(sent.get(1).getHeader("Idempotency-Key")).isEqualTo("supabase-send-email/msg_1/new-email");
		JsonNode next = body(sent.get(1));
		assertThat(next.get("to").toString()).isEqualTo("[\"new.email@supabase.io\"]");
		assertThat(next.get("subject").asString()).isEqualTo("Confirm your new email address");
		assertThat(next.get("text").asString()).contains("777888", link(HASH, "email_change"))
			.doesNotContain("305805");
	}

	@Test
	void anEmailChangeWithoutSecureChangeSendsOneMessageToTheNewAddress() {
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"e1\"}")));
		String change = payload("email_change").replace("\"is_anonymous\": false",
				"\"is_anonymous\": false, \"new_email\": \"new.email@supabase.io\"");
		answered(requests().send("msg_1", change), "{}");
		assertThat(sent()).singleElement().satisfies((request) -> {
			assertThat(request.getHeader("Idempotency-Key")).isEqualTo("supabase-send-email/msg_1");
			JsonNode email = body(request);
			assertThat(email.get("to").toString()).isEqualTo("[\"new.email@supabase.io\"]");
			assertThat(email.get("text").asString()).contains("305805", link(HASH, "email_change"));
		});
	}

	@Test
	void aNotificationUsesTheNotificationTemplateWithoutALink() {
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"e1\"}")));
		answered(requests().send("msg_1", payload("email_changed_notification")), "{}");
		JsonNode email = body(sent().get(0));
		assertThat(email.get("subject").asString()).isEqualTo("Your email address was changed");
		assertThat(email.get("html").asString()).contains("(previously <span>old.email@supabase.io</span>)")
			.doesNotContain("/auth/v1/verify");
		assertThat(email.has("text")).isFalse();
	}

	@Test
	void aResendFailureAnswersSupabaseWithAnErrorAndARedeliveryIsSentAgain() {
		wm.stubFor(post("/emails").willReturn(aResponse().withStatus(422)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"statusCode\":422,\"name\":\"validation_error\",\"message\":\"Invalid `to` field.\"}")));
		SupabaseHookRequests requests = requests();
		answered(requests.send("msg_1", SEND_EMAIL),
				"{\"error\":{\"http_code\":500,\"message\":\"The send email hook failed.\"}}");
		assertThat(sent()).hasSize(1);
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"e1\"}")));
		answered(requests.send("msg_1", SEND_EMAIL), "{}");
		assertThat(sent()).hasSize(2)
			.allSatisfy((request) -> assertThat(request.getHeader("Idempotency-Key"))
				.isEqualTo("supabase-send-email/msg_1"));
	}

	@Test
	void aServerErrorIsRetriedWithTheSameKeyThenAnsweredAsAnError() {
		wm.stubFor(post("/emails").willReturn(aResponse().withStatus(503)));
		answered(requests().send("msg_1", SEND_EMAIL),
				"{\"error\":{\"http_code\":500,\"message\":\"The send email hook failed.\"}}");
		assertThat(sent()).hasSize(3)
			.allSatisfy((request) -> assertThat(request.getHeader("Idempotency-Key"))
				.isEqualTo("supabase-send-email/msg_1"));
	}

	@Test
	void aResendQuotaAnswersSupabaseWithA429() {
		wm.stubFor(post("/emails").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("retry-after", "0")
			.withBody("{\"statusCode\":429,\"name\":\"daily_quota_exceeded\",\"message\":\"You have reached your quota.\"}")));
		answered(requests().send("msg_1", SEND_EMAIL),
				"{\"error\":{\"http_code\":429,\"message\":\"Too many requests, try again later.\"}}");
	}

	@Test
	void aPayloadWithoutARecipientIsAnErrorAndSendsNothing() {
		wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"e1\"}")));
		String noEmail = SEND_EMAIL.replace("\"email\": \"valid.email@supabase.io\",\n    \"phone\"",
				"\"email\": \"\",\n    \"phone\"");
		assertThat(noEmail).isNotEqualTo(SEND_EMAIL);
		answered(requests().send("msg_1", noEmail),
				"{\"error\":{\"http_code\":500,\"message\":\"The send email hook failed.\"}}");
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void argumentsAreChecked() {
		SupabaseSendEmailHook hook = hook();
		@SuppressWarnings("unchecked")
		Map<String, Object> payload = SaasJson.mapper().readValue(SEND_EMAIL, Map.class);
		assertThatIllegalArgumentException().isThrownBy(() -> hook.send(" ", SupabaseEmailRequest.of(payload)));
		assertThatIllegalArgumentException().isThrownBy(() -> SupabaseEmailRequest.of(Map.of("user", Map.of())));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		assertThat(hook).hasToString("SupabaseSendEmailHook[" + PROJECT + "/auth/v1/verify]");
	}

}
