package io.saasstack.webhooks.autoconfigure;

import java.nio.charset.StandardCharsets;

import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.webhooks.ClerkSessionEvent;
import io.saasstack.webhooks.ClerkUserEvent;
import io.saasstack.webhooks.MediaUploadEvent;
import io.saasstack.webhooks.RecordingWebhookListener;
import io.saasstack.webhooks.ResendEmailEvent;
import io.saasstack.webhooks.TestWebhookVerifiers;
import io.saasstack.webhooks.WebhookPayloads;
import io.saasstack.webhooks.WebhookProcessor;
import io.saasstack.webhooks.WebhookReceived;
import io.saasstack.webhooks.WebhookVerifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class WebhooksServletAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
		.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
		.withBean(RecordingWebhookListener.class)
		.withPropertyValues("saas.auth.clerk.webhook-secret=whsec_clerk", "saas.mail.resend.webhook-secret=whsec_resend",
				"saas.auth.supabase.hook-secret=v1,whsec_supabase", "saas.media.imagekit.webhook-secret=ik_secret",
				"saas.webhooks.cloudinary.enabled=true", "saas.media.cloudinary.api-secret=cld_secret");

	@Test
	void clerkUserCreatedPublishesTheGenericAndTheTypedEvent() {
		this.contextRunner.run((context) -> {
			mvc(context).perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			assertThat(listener.events).hasSize(2);
			WebhookReceived received = (WebhookReceived) listener.events.get(0);
			assertThat(received.provider()).isEqualTo("clerk");
			assertThat(received.id()).isEqualTo("msg_1");
			assertThat(received.type()).isEqualTo("user.created");
			assertThat(received.payload()).containsEntry("instance_id", "ins_2a3b4c");
			assertThat(received.raw()).isEqualTo(WebhookPayloads.CLERK_USER_CREATED.getBytes(StandardCharsets.UTF_8));
			ClerkUserEvent user = (ClerkUserEvent) listener.events.get(1);
			assertThat(user.type()).isEqualTo("user.created");
			assertThat(user.isCreated()).isTrue();
			assertThat(user.userId()).isEqualTo("user_29w83sxmDNGwOuEthce5gg56FcC");
			assertThat(user.primaryEmail()).isEqualTo("example@example.org");
			assertThat(user.data()).containsEntry("first_name", "Example");
		});
	}

	@Test
	void clerkSessionEvent() {
		this.contextRunner.run((context) -> {
			mvc(context).perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_SESSION_ENDED).header("svix-id", "msg_2"))
				.andExpect(status().isNoContent());
			assertThat(context.getBean(RecordingWebhookListener.class).of(ClerkSessionEvent.class)).containsExactly(
					new ClerkSessionEvent("session.ended", "sess_2b3c", "user_29w83sxmDNGwOuEthce5gg56FcC"));
		});
	}

	@Test
	void resendBounceCarriesTheBounceDetails() {
		this.contextRunner.run((context) -> {
			mvc(context).perform(signed("/webhooks/resend", WebhookPayloads.RESEND_EMAIL_BOUNCED).header("svix-id", "msg_r1"))
				.andExpect(status().isNoContent());
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			assertThat(listener.of(WebhookReceived.class)).singleElement()
				.satisfies((received) -> assertThat(received.type()).isEqualTo("email.bounced"));
			ResendEmailEvent email = listener.of(ResendEmailEvent.class).get(0);
			assertThat(email.type()).isEqualTo("email.bounced");
			assertThat(email.emailId()).isEqualTo("56761188-7520-42d8-8898-ff6fc54ce618");
			assertThat(email.to()).containsExactly("bounced@resend.dev");
			assertThat(email.subject()).isEqualTo("Confirm your email");
			assertThat(email.tags()).containsEntry("category", "confirm_email").containsEntry("tenant", "acme");
			assertThat(email.bounce()).isEqualTo(new ResendEmailEvent.Bounce("Permanent", "General",
					"The recipient's email address does not exist."));
			assertThat(email.bounce().isPermanent()).isTrue();
			assertThat(email.complained()).isFalse();
			assertThat(email.failedReason()).isNull();
		});
	}

	@Test
	void resendFailureReason() {
		this.contextRunner.run((context) -> {
			mvc(context).perform(signed("/webhooks/resend", WebhookPayloads.RESEND_EMAIL_FAILED).header("svix-id", "msg_r2"))
				.andExpect(status().isNoContent());
			ResendEmailEvent email = context.getBean(RecordingWebhookListener.class).of(ResendEmailEvent.class).get(0);
			assertThat(email.failedReason()).isEqualTo("reached_daily_quota");
			assertThat(email.to()).containsExactly("a@example.com", "b@example.com");
			assertThat(email.bounce()).isNull();
			assertThat(email.tags()).isEmpty();
		});
	}

	@Test
	void supabaseHookIsAnsweredWithAnEmptyJsonObject() {
		this.contextRunner.run((context) -> {
			mvc(context)
				.perform(signed("/webhooks/supabase", WebhookPayloads.SUPABASE_SEND_EMAIL).header("webhook-id",
						"4f2b6b1e-8a1c-4c55-9f6e-2f1d3b0c9a7e"))
				.andExpect(status().isOk())
				.andExpect(content().json("{}"));
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			assertThat(listener.events).singleElement().isInstanceOfSatisfying(WebhookReceived.class, (received) -> {
				assertThat(received.provider()).isEqualTo("supabase");
				assertThat(received.type()).isEqualTo("send_email");
				assertThat(received.id()).isEqualTo("4f2b6b1e-8a1c-4c55-9f6e-2f1d3b0c9a7e");
			});
		});
	}

	@Test
	void cloudinaryUploadPublishesAMediaUploadEvent() {
		this.contextRunner.run((context) -> {
			mvc(context).perform(signed("/webhooks/cloudinary", WebhookPayloads.CLOUDINARY_UPLOAD))
				.andExpect(status().isNoContent());
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			assertThat(listener.of(WebhookReceived.class).get(0).type()).isEqualTo("upload");
			assertThat(listener.of(WebhookReceived.class).get(0).id()).isNull();
			MediaUploadEvent upload = listener.of(MediaUploadEvent.class).get(0);
			assertThat(upload.provider()).isEqualTo("cloudinary");
			assertThat(upload.id()).isEqualTo("avatars/user_29w83");
			assertThat(upload.url())
				.isEqualTo("https://res.cloudinary.com/demo/image/upload/v1715682151/avatars/user_29w83.jpg");
			assertThat(upload.payload()).containsEntry("format", "jpg");
			// without an id, the body is the replay key
			mvc(context).perform(signed("/webhooks/cloudinary", WebhookPayloads.CLOUDINARY_UPLOAD))
				.andExpect(status().isNoContent());
			assertThat(listener.of(MediaUploadEvent.class)).hasSize(1);
		});
	}

	@Test
	void imageKitUploadPublishesAMediaUploadEvent() {
		this.contextRunner.run((context) -> {
			mvc(context).perform(signed("/webhooks/imagekit", WebhookPayloads.IMAGEKIT_UPLOAD).header("webhook-id", "ik-1"))
				.andExpect(status().isNoContent());
			MediaUploadEvent upload = context.getBean(RecordingWebhookListener.class).of(MediaUploadEvent.class).get(0);
			assertThat(upload).extracting(MediaUploadEvent::provider, MediaUploadEvent::type, MediaUploadEvent::id,
					MediaUploadEvent::url)
				.containsExactly("imagekit", "upload.pre-transform.success", "6f7a8b9c0d1e2f",
						"https://ik.imagekit.io/demo/avatar.jpg");
		});
	}

	@Test
	void theVerifiersGetTheSecretsAndTheExactRawBytes() {
		this.contextRunner.run((context) -> {
			TestWebhookVerifiers verifiers = context.getBean(TestWebhookVerifiers.class);
			assertThat(verifiers.secrets).containsExactlyInAnyOrder("clerk=whsec_clerk", "resend=whsec_resend",
					"supabase=v1,whsec_supabase", "imagekit=ik_secret", "cloudinary=cld_secret");
			byte[] body = (" \r\n" + WebhookPayloads.CLERK_USER_CREATED + "\t\n  ").getBytes(StandardCharsets.UTF_8);
			mvc(context)
				.perform(post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
					.header("X-Test-Signature", "ok")
					.header("svix-id", "msg_raw")
					.content(body))
				.andExpect(status().isNoContent());
			assertThat(verifiers.received).singleElement().isEqualTo(body);
			assertThat(context.getBean(RecordingWebhookListener.class).of(WebhookReceived.class).get(0).raw())
				.isEqualTo(body);
		});
	}

	@Test
	void badSignatureGets401AndPublishesNothing() {
		this.contextRunner.run((context) -> {
			mvc(context)
				.perform(post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
					.header("X-Test-Signature", "forged")
					.header("svix-id", "msg_1")
					.content(WebhookPayloads.CLERK_USER_CREATED))
				.andExpect(status().isUnauthorized())
				.andExpect(content().string("invalid webhook signature"));
			assertThat(context.getBean(RecordingWebhookListener.class).events).isEmpty();
		});
	}

	@Test
	void malformedPayloadGets400AndPublishesNothing() {
		this.contextRunner.run((context) -> {
			mvc(context).perform(signed("/webhooks/clerk", "[1, 2]").header("svix-id", "msg_m"))
				.andExpect(status().isBadRequest());
			mvc(context).perform(signed("/webhooks/clerk", "{not json").header("svix-id", "msg_m2"))
				.andExpect(status().isBadRequest());
			assertThat(context.getBean(RecordingWebhookListener.class).events).isEmpty();
		});
	}

	@Test
	void replayedIdIsAcknowledgedAndPublishedOnce() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			mvc.perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			assertThat(listener.of(WebhookReceived.class)).hasSize(1);
			assertThat(listener.of(ClerkUserEvent.class)).hasSize(1);
			// the same id from another provider is another message
			mvc.perform(signed("/webhooks/resend", WebhookPayloads.RESEND_EMAIL_BOUNCED).header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			assertThat(listener.of(ResendEmailEvent.class)).hasSize(1);
		});
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void listenerExceptionIsLoggedAndTheWebhookAcknowledged(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			listener.failing = true;
			mvc(context).perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			// the typed event is still published after the generic one failed
			assertThat(listener.events).hasSize(2);
		});
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ")))
			.anySatisfy((line) -> assertThat(line)
				.contains("A listener of WebhookReceived failed on the clerk webhook user.created (id msg_1)"))
			.anySatisfy((line) -> assertThat(line)
				.contains("A listener of ClerkUserEvent failed on the clerk webhook user.created (id msg_1)"));
		assertThat(output.getAll().split("java.lang.IllegalStateException: listener failed on purpose", -1)).hasSize(3);
	}

	@Test
	void listenerExceptionGets500WhenConfiguredAndTheRetryIsProcessed() {
		this.contextRunner.withPropertyValues("saas.webhooks.fail-on-listener-error=true").run((context) -> {
			RecordingWebhookListener listener = context.getBean(RecordingWebhookListener.class);
			listener.failing = true;
			MockMvc mvc = mvc(context);
			mvc.perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_1"))
				.andExpect(status().isInternalServerError())
				.andExpect(content().string("webhook listener failed"));
			listener.failing = false;
			mvc.perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			assertThat(listener.of(ClerkUserEvent.class)).hasSize(2);
		});
	}

	@Test
	void onlyPostIsRouted() {
		this.contextRunner.run((context) -> mvc(context).perform(get("/webhooks/clerk")).andExpect(status().isNotFound()));
	}

	@Test
	void pathIsConfigurable() {
		this.contextRunner.withPropertyValues("saas.webhooks.clerk.path=/hooks/clerk-events").run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(signed("/hooks/clerk-events", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			mvc.perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_2"))
				.andExpect(status().isNotFound());
		});
	}

	@Test
	void noSecretNoEndpoint() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
			.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
			.withBean(RecordingWebhookListener.class)
			.withPropertyValues("saas.media.cloudinary.api-secret=cld_secret")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WebhookProcessor.class);
				mvc(context).perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED))
					.andExpect(status().isNotFound());
				mvc(context).perform(signed("/webhooks/cloudinary", WebhookPayloads.CLOUDINARY_UPLOAD))
					.andExpect(status().isNotFound());
			});
	}

	@Test
	void onlyTheProvidersWithASecretGetAnEndpoint() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class,
					DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class))
			.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
			.withBean(RecordingWebhookListener.class)
			.withPropertyValues("saas.mail.resend.webhook-secret=whsec_resend")
			.run((context) -> {
				mvc(context).perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED))
					.andExpect(status().isNotFound());
				mvc(context).perform(signed("/webhooks/resend", WebhookPayloads.RESEND_EMAIL_BOUNCED).header("svix-id", "m"))
					.andExpect(status().isNoContent());
			});
	}

	@Test
	void cloudinaryOptInWithoutApiSecretFailsStartup() {
		new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(WebhooksAutoConfiguration.class))
			.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
			.withPropertyValues("saas.webhooks.cloudinary.enabled=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.media.cloudinary.api-secret"));
	}

	@Test
	void replayWindowShorterThanTheToleranceFailsStartup() {
		this.contextRunner.withPropertyValues("saas.webhooks.replay-window=1m")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("saas.webhooks.replay-window"));
	}

	@Test
	void webhooksPassBootsDefaultSecurityWithoutTokenOrCsrfWhileTheRestStaysProtected() {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
					ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
					UserDetailsServiceAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).getBeans(SecurityFilterChain.class)
					.containsKeys("saasWebhookSecurityFilterChain", "defaultSecurityFilterChain");
				MockMvc mvc = mvc(context);
				mvc.perform(signed("/webhooks/clerk", WebhookPayloads.CLERK_USER_CREATED).header("svix-id", "msg_1"))
					.andExpect(status().isNoContent());
				mvc.perform(post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
					.header("svix-id", "msg_2")
					.header("X-Test-Signature", "forged")
					.content(WebhookPayloads.CLERK_USER_CREATED)).andExpect(status().isUnauthorized());
				// refused by Boot's chain before any handler (there is none: 404 would mean it got through)
				mvc.perform(post("/anything-else").contentType(MediaType.APPLICATION_JSON).content("{}"))
					.andExpect(status().isForbidden());
				mvc.perform(get("/anything-else")).andExpect(status().isUnauthorized());
				assertThat(context.getBean(RecordingWebhookListener.class).of(ClerkUserEvent.class)).hasSize(1);
			});
	}

	static MockHttpServletRequestBuilder signed(String path, String body) {
		return post(path).contentType(MediaType.APPLICATION_JSON).header("X-Test-Signature", "ok").content(body);
	}

	static MockMvc mvc(WebApplicationContext context) {
		if (context.getBeanNamesForType(SecurityFilterChain.class).length > 0) {
			return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
		}
		return MockMvcBuilders.webAppContextSetup(context).build();
	}

}
