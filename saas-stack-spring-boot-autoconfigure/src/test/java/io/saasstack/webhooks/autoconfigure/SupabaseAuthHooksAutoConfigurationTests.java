package io.saasstack.webhooks.autoconfigure;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.supabase.hooks.SupabaseAccessTokenHook;
import io.saasstack.auth.supabase.hooks.SupabaseAuthHooks;
import io.saasstack.auth.supabase.hooks.SupabaseHookDecision;
import io.saasstack.auth.supabase.hooks.SupabaseMfaVerificationHook;
import io.saasstack.auth.supabase.hooks.SupabaseSendEmailHook;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.mail.resend.BlockingMailClient;
import io.saasstack.mail.template.MailTemplates;
import io.saasstack.webhooks.RecordingWebhookListener;
import io.saasstack.webhooks.StandardWebhookVerifier;
import io.saasstack.webhooks.WebhookReceived;
import org.junit.jupiter.api.Test;
import org.thymeleaf.TemplateEngine;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for {@link SupabaseAuthHooksConfiguration}: the hook endpoint answers with the
 * application's callbacks, keeps {@code {}} without them, verifies the Standard Webhooks
 * signature with the hook secret as before, and the send-email hook is wired only when enabled,
 * failing start-up with the property to fix when something it needs is missing.
 */
class SupabaseAuthHooksAutoConfigurationTests {

	static final String KEY = Base64.getEncoder()
		.encodeToString("a 32 byte key for supabase hooks".getBytes(StandardCharsets.US_ASCII));

	static final String MFA_ATTEMPT = """
			{"factor_id":"6eab6a69-7766-48bf-95d8-bd8f606894db","user_id":"3919cb6e-4215-4478-a960-6d3454326cec","valid":false}
			""";

	static final String SIGNUP = """
			{"user":{"id":"8484b834-f29e-4af2-bf42-80644d154f76","email":"valid.email@supabase.io","user_metadata":{}},
			 "email_data":{"token":"305805","token_hash":"7d5b7b19","redirect_to":"http://localhost:3000/",
			 "email_action_type":"signup","site_url":"http://localhost:9999","token_new":"","token_hash_new":""}}
			""";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withBean(RecordingWebhookListener.class)
		.withPropertyValues("saas.auth.supabase.hook-secret=v1,whsec_" + KEY);

	private final WebApplicationContextRunner withMail = this.contextRunner
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, MailAutoConfiguration.class,
				ThymeleafAutoConfiguration.class))
		.withPropertyValues("saas.mail.default-from=Acme <auth@acme.com>");

	@Test
	void withoutCallbacksTheHooksKeepTheEmptyAnswer() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SupabaseAuthHooks.class).doesNotHaveBean(SupabaseSendEmailHook.class);
			assertThat(context.getBean(SupabaseAuthHooks.class)).hasToString(
					"SupabaseAuthHooks[accessToken=false, mfaVerification=false, passwordVerification=false, sendEmail=false]");
			send(context, "msg_1", MFA_ATTEMPT).andExpect(status().isOk()).andExpect(content().json("{}", true));
		});
	}

	@Test
	void aDecisionCallbackBeanAnswersItsHookOverHttp() {
		this.contextRunner
			.withBean(SupabaseMfaVerificationHook.class,
					() -> (attempt) -> attempt.valid() ? SupabaseHookDecision.proceed()
							: SupabaseHookDecision.reject("Wrong code."))
			.run((context) -> {
				send(context, "msg_1", MFA_ATTEMPT).andExpect(status().isOk())
					.andExpect(content().contentType(MediaType.APPLICATION_JSON))
					.andExpect(content().json("{\"decision\":\"reject\",\"message\":\"Wrong code.\"}", true));
				assertThat(context.getBean(RecordingWebhookListener.class).of(WebhookReceived.class)).singleElement()
					.satisfies((received) -> assertThat(received.type()).isEqualTo("mfa_verification_attempt"));
			});
	}

	@Test
	void theSignatureIsStillVerifiedWithTheHookSecret() {
		this.contextRunner.withBean(SupabaseAccessTokenHook.class, () -> (request) -> Map.of("plan", "pro"))
			.run((context) -> {
				byte[] body = MFA_ATTEMPT.getBytes(StandardCharsets.UTF_8);
				long now = Instant.now().getEpochSecond();
				String forged = StandardWebhookVerifier.sign("whsec_" + Base64.getEncoder().encodeToString(new byte[32]),
						"msg_1", now, body);
				mvc(context).perform(post("/webhooks/supabase").contentType(MediaType.APPLICATION_JSON)
					.header("webhook-id", "msg_1")
					.header("webhook-timestamp", String.valueOf(now))
					.header("webhook-signature", forged)
					.content(body)).andExpect(status().isUnauthorized());
				assertThat(context.getBean(RecordingWebhookListener.class).events).isEmpty();
			});
	}

	@Test
	void noHooksWithoutTheHookSecret() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
			.withPropertyValues("saas.auth.clerk.webhook-secret=whsec_" + KEY,
					"saas.auth.supabase.send-email-hook.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(SupabaseAuthHooks.class)
				.doesNotHaveBean(SupabaseSendEmailHook.class));
	}

	@Test
	void theSendEmailHookIsOffUnlessEnabled() {
		this.withMail.withPropertyValues("saas.auth.supabase.url=https://abcdefghijklmnop.supabase.co")
			.run((context) -> {
				assertThat(context).hasSingleBean(MailTemplates.class).doesNotHaveBean(SupabaseSendEmailHook.class);
				send(context, "msg_1", SIGNUP).andExpect(status().isOk()).andExpect(content().json("{}", true));
				assertThat(context.getBean(CapturingMailClient.class).captured()).isEmpty();
			});
	}

	@Test
	void theEnabledSendEmailHookSendsThroughTheMailClient() {
		this.withMail
			.withPropertyValues("saas.auth.supabase.url=https://abcdefghijklmnop.supabase.co",
					"saas.auth.supabase.send-email-hook.enabled=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(SupabaseSendEmailHook.class);
				send(context, "msg_1", SIGNUP).andExpect(status().isOk()).andExpect(content().json("{}", true));
				assertThat(context.getBean(CapturingMailClient.class).captured()).singleElement()
					.satisfies((captured) -> {
						assertThat(captured.idempotencyKey()).isEqualTo("supabase-send-email/msg_1");
						assertThat(captured.email().to()).containsExactly("valid.email@supabase.io");
						assertThat(captured.email().from()).isEqualTo("Acme <auth@acme.com>");
						assertThat(captured.email().subject()).isEqualTo("Confirm your email address");
						assertThat(captured.email().text()).contains(
								"https://abcdefghijklmnop.supabase.co/auth/v1/verify?token=7d5b7b19&type=signup"
										+ "&redirect_to=http%3A%2F%2Flocalhost%3A3000%2F");
					});
			});
	}

	@Test
	void yourOwnSendEmailHookIsUsed() {
		SupabaseSendEmailHook own = new SupabaseSendEmailHook(
				new BlockingMailClient(new CapturingMailClient(10, null, List.of())),
				new MailTemplates(new TemplateEngine(), "mail/", null), URI.create("https://own.supabase.co"));
		this.withMail.withPropertyValues("saas.auth.supabase.send-email-hook.enabled=true")
			.withBean(SupabaseSendEmailHook.class, () -> own)
			.run((context) -> assertThat(context).hasNotFailed().getBean(SupabaseSendEmailHook.class).isSameAs(own));
	}

	@Test
	void enabledWithoutTheProjectUrlFailsNamingIt() {
		this.withMail.withPropertyValues("saas.auth.supabase.send-email-hook.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("saas.auth.supabase.url");
					assertThat(ex.getAction()).contains("https://<project-ref>.supabase.co");
				}));
	}

	@Test
	void enabledWithoutThymeleafFailsNamingTheFix() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
					MailAutoConfiguration.class))
			.withPropertyValues("saas.auth.supabase.url=https://abcdefghijklmnop.supabase.co",
					"saas.auth.supabase.send-email-hook.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("saas.auth.supabase.send-email-hook.enabled");
					assertThat(ex.getAction()).contains("spring-boot-starter-thymeleaf");
				}));
	}

	@Test
	void enabledWithoutAMailClientFailsNamingTheFix() {
		this.contextRunner
			.withPropertyValues("saas.auth.supabase.url=https://abcdefghijklmnop.supabase.co",
					"saas.auth.supabase.send-email-hook.enabled=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("saas.auth.supabase.send-email-hook.enabled");
					assertThat(ex.getAction()).contains("saas.mail.resend.api-key");
				}));
	}

	@Test
	void withoutThymeleafOnTheClasspathTheSendEmailHookIsNotConfigured() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.thymeleaf"))
			.withPropertyValues("saas.auth.supabase.send-email-hook.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SupabaseAuthHooks.class)
				.doesNotHaveBean(SupabaseSendEmailHook.class));
	}

	@Test
	void aReactiveApplicationAnswersTheHookToo() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class, WebFluxAutoConfiguration.class,
					HttpHandlerAutoConfiguration.class))
			.withPropertyValues("saas.auth.supabase.hook-secret=v1,whsec_" + KEY)
			.withBean(SupabaseMfaVerificationHook.class, () -> (attempt) -> SupabaseHookDecision.reject("Wrong code."))
			.run((context) -> {
				byte[] body = MFA_ATTEMPT.getBytes(StandardCharsets.UTF_8);
				long now = Instant.now().getEpochSecond();
				WebTestClient.bindToApplicationContext(context)
					.build()
					.post()
					.uri("/webhooks/supabase")
					.contentType(MediaType.APPLICATION_JSON)
					.header("webhook-id", "msg_1")
					.header("webhook-timestamp", String.valueOf(now))
					.header("webhook-signature", StandardWebhookVerifier.sign("whsec_" + KEY, "msg_1", now, body))
					.bodyValue(body)
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.json("{\"decision\":\"reject\",\"message\":\"Wrong code.\"}", true);
			});
	}

	static ResultActions send(WebApplicationContext context, String id, String json) throws Exception {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		long now = Instant.now().getEpochSecond();
		return mvc(context).perform(post("/webhooks/supabase").contentType(MediaType.APPLICATION_JSON)
			.header("webhook-id", id)
			.header("webhook-timestamp", String.valueOf(now))
			.header("webhook-signature", StandardWebhookVerifier.sign("whsec_" + KEY, id, now, body))
			.content(body));
	}

	static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

}
