package io.saasstack.console.autoconfigure;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthServletSecurityAutoConfiguration;
import io.saasstack.console.ConsoleWebhookLog;
import io.saasstack.console.LocalConsole;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasJson;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.mail.resend.ResendMailClient;
import io.saasstack.media.BlockingMediaStorage;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import io.saasstack.webhooks.TestWebhookVerifiers;
import io.saasstack.webhooks.WebhookVerifiers;
import io.saasstack.webhooks.autoconfigure.WebhooksAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@ExtendWith(OutputCaptureExtension.class)
class ConsoleServletAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, MailAutoConfiguration.class, EventsAutoConfiguration.class,
				MediaAutoConfiguration.class, WebhooksAutoConfiguration.class, ConsoleAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withBean(WebhookVerifiers.class, TestWebhookVerifiers::new)
		.withPropertyValues("saas.auth.local-tokens.enabled=true", "saas.media.cloudinary.cloud-name=demo",
				"saas.auth.clerk.webhook-secret=whsec_test");

	private final WebApplicationContextRunner enabled = this.contextRunner.withPropertyValues("saas.console.enabled=true");

	@Test
	void offByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LocalConsole.class).doesNotHaveBean(ConsoleWebhookLog.class);
			assertThat(context).doesNotHaveBean("saasConsoleSecurityFilterChain");
			mvc(context).perform(get("/saas/console/api/status")).andExpect(status().isUnauthorized());
		});
	}

	@Test
	void servesThePageFromTheJarWithAStrictPolicy() {
		this.enabled.run((context) -> {
			mvc(context).perform(get("/saas/console")).andExpect(status().isFound())
				.andExpect(header().string("Location", "console/"));
			mvc(context).perform(get("/saas/console/"))
				.andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
				.andExpect(content().string(org.hamcrest.Matchers.containsString("<script src=\"console.js\"")))
				.andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.startsWith("default-src 'none'; script-src 'self'")))
				.andExpect(header().string("X-Frame-Options", "SAMEORIGIN"));
			mvc(context).perform(get("/saas/console/console.js")).andExpect(status().isOk())
				.andExpect(content().contentTypeCompatibleWith("text/javascript"));
			mvc(context).perform(get("/saas/console/console.css")).andExpect(status().isOk());
			mvc(context).perform(get("/saas/console/nothing.js")).andExpect(status().isNotFound());
		});
	}

	@Test
	void theApplicationsChainStillProtectsEverythingElse() {
		this.enabled.run((context) -> mvc(context).perform(get("/anything")).andExpect(status().isUnauthorized()));
	}

	@Test
	void logsAWarnAtStartUpNamingThePathAndWhoMayOpenIt(CapturedOutput output) {
		this.enabled.run((context) -> assertThat(context).hasSingleBean(LocalConsole.class));
		assertThat(output.getAll().lines().filter((line) -> line.contains("saas.console.enabled is set")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(" WARN ")
				.contains("the local console is served at /saas/console to this machine only")
				.contains("Never enable it in production"));
	}

	@Test
	void withTheApplicationsOwnChainTheConsoleIsReachableAndTheChainKeepsItsRules() {
		this.enabled.withUserConfiguration(DenyAllSecurity.class).run((context) -> {
			assertThat(context).doesNotHaveBean("saasSecurityFilterChain").hasBean("saasConsoleSecurityFilterChain");
			MockMvc mvc = mvc(context);
			mvc.perform(get("/saas/console/api/status")).andExpect(status().isOk());
			mvc.perform(get("/saas/console/")).andExpect(status().isOk());
			mvc.perform(get("/anything")).andExpect(status().isUnauthorized());
			mvc.perform(get("/saas/consolex")).andExpect(status().isUnauthorized());
		});
	}

	@Test
	void withoutSpringSecurityTheConsoleIsServedWithoutAChain() {
		this.enabled.withClassLoader(new FilteredClassLoader("org.springframework.security.")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(LocalConsole.class).doesNotHaveBean(SecurityFilterChain.class);
			MockMvcBuilders.webAppContextSetup(context).build()
				.perform(get("/saas/console/api/status"))
				.andExpect(status().isOk());
		});
	}

	@Test
	void pathProperty() {
		this.enabled.withPropertyValues("saas.console.path=/dev/console").run((context) -> {
			mvc(context).perform(get("/dev/console/api/status"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.path").value("/dev/console"));
			mvc(context).perform(get("/saas/console/api/status")).andExpect(status().isUnauthorized());
		});
	}

	@Test
	void aPathWithATrailingSlashFailsStartupNamingTheProperty() {
		this.enabled.withPropertyValues("saas.console.path=/console/").run((context) -> assertThat(context)
			.getFailure()
			.rootCause()
			.isInstanceOfSatisfying(InvalidSaasPropertyException.class,
					(ex) -> assertThat(ex.getProperty()).isEqualTo("saas.console.path")));
	}

	@Test
	void otherMachinesAndProxiedRequestsGet404() {
		this.enabled.run((context) -> {
			mvc(context).perform(get("/saas/console/api/status").with((request) -> {
				request.setRemoteAddr("10.1.2.3");
				return request;
			})).andExpect(status().isNotFound());
			mvc(context).perform(get("/saas/console/api/status").header("X-Forwarded-For", "203.0.113.9"))
				.andExpect(status().isNotFound());
			mvc(context).perform(get("/saas/console/api/status").with((request) -> {
				request.setRemoteAddr("::1");
				return request;
			})).andExpect(status().isOk());
		});
	}

	@Test
	void allowRemoteAnswersOtherMachines() {
		this.enabled.withPropertyValues("saas.console.allow-remote=true").run((context) -> mvc(context)
			.perform(get("/saas/console/api/status").with((request) -> {
				request.setRemoteAddr("10.1.2.3");
				return request;
			}))
			.andExpect(status().isOk()));
	}

	@Test
	void refusedWhenEveryAreaRunsOnARealProvider() {
		this.contextRunner
			.withPropertyValues("saas.console.enabled=true", "saas.auth.local-tokens.enabled=false",
					"saas.auth.clerk.jwt-key=" + io.saasstack.auth.local.LocalTokenIssuer.clerk(null, null).publicKeyPem(),
					"saas.mail.resend.api-key=re_test", "saas.events.logsnag.token=ls_test",
					"saas.events.logsnag.project=test", "saas.media.cloudinary.api-key=123",
					"saas.media.cloudinary.api-secret=secret")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidSaasPropertyException.class, (ex) -> {
					assertThat(ex.getProperty()).isEqualTo("saas.console.enabled");
					assertThat(ex.getMessage()).contains("every area runs on a real provider");
				}));
	}

	@Test
	void aSectionOnARealProviderSaysSoAndShowsNothing() {
		this.enabled.withPropertyValues("saas.mail.resend.api-key=re_test").run((context) -> {
			mvc(context).perform(get("/saas/console/api/status"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.sections.mails.local").value(false))
				.andExpect(jsonPath("$.sections.mails.provider").value("Resend"))
				.andExpect(jsonPath("$.sections.events.local").value(true))
				.andExpect(jsonPath("$.sections.uploads.local").value(true))
				.andExpect(jsonPath("$.sections.tokens.local").value(true));
			mvc(context).perform(get("/saas/console/api/mails"))
				.andExpect(status().isNotFound())
				.andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("runs on Resend")));
		});
	}

	@Test
	void mailsNewestFirstWithHtmlUnderAPolicyAttachmentsAndTheResendJson() {
		this.enabled.run((context) -> {
			MailClient mail = context.getBean(MailClient.class);
			mail.send(ConsoleTestData.email("First"));
			mail.send(ConsoleTestData.email("Second"));
			MockMvc mvc = mvc(context);
			mvc.perform(get("/saas/console/api/mails"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$[0].subject").value("Second"))
				.andExpect(jsonPath("$[1].subject").value("First"))
				.andExpect(jsonPath("$[0].to[0]").value("ada@example.com"))
				.andExpect(jsonPath("$[0].tags.category").value("welcome"))
				.andExpect(jsonPath("$[0].attachments").value(1));
			CapturingMailClient captured = context.getBean(CapturingMailClient.class);
			var second = captured.captured().get(1);
			String base = "/saas/console/api/mails/" + second.id();
			mvc.perform(get(base))
				.andExpect(jsonPath("$.text").value("Hello Ada"))
				.andExpect(jsonPath("$.headers.X-Entity-Ref-ID").value("ref-1"))
				.andExpect(jsonPath("$.idempotencyKey").value(second.idempotencyKey()))
				.andExpect(jsonPath("$.attachmentList[0].filename").value("invoice.txt"))
				.andExpect(jsonPath("$.attachmentList[0].size").value(9));
			mvc.perform(get(base + "/html"))
				.andExpect(status().isOk())
				.andExpect(content().string(ConsoleTestData.HTML))
				.andExpect(header().string("Content-Security-Policy",
						"default-src 'none'; img-src data:; style-src 'unsafe-inline'"));
			mvc.perform(get(base + "/attachments/0"))
				.andExpect(status().isOk())
				.andExpect(content().bytes("INV-0042\n".getBytes(StandardCharsets.UTF_8)))
				.andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;")));
			mvc.perform(get(base + "/attachments/1")).andExpect(status().isNotFound());
			mvc.perform(get(base + "/resend"))
				.andExpect(status().isOk())
				.andExpect(content().string(ResendMailClient.requestJson(second.email())))
				.andExpect(jsonPath("$.from").value("Acme <hello@acme.test>"))
				.andExpect(jsonPath("$.attachments[0].content").value("SU5WLTAwNDIK"));
			mvc.perform(get("/saas/console/api/mails/local-unknown")).andExpect(status().isNotFound());
		});
	}

	@Test
	void eventsNewestFirstFilteredByChannelAndUser() {
		this.enabled.run((context) -> {
			EventTracker tracker = context.getBean(EventTracker.class);
			tracker.track(LogEvent.builder("Signed Up").channel("users").userId("user_ada").icon("🎉").build());
			tracker.track(LogEvent.builder("Photo Uploaded").channel("photos").userId("user_bob").build());
			tracker.track(new io.saasstack.events.Identify("user_ada", Map.of("plan", "pro")));
			assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
			MockMvc mvc = mvc(context);
			mvc.perform(get("/saas/console/api/events"))
				.andExpect(jsonPath("$.requests.length()").value(3))
				.andExpect(jsonPath("$.requests[0].kind").value("identify"))
				.andExpect(jsonPath("$.requests[2].event").value("Signed Up"))
				.andExpect(jsonPath("$.channels").value(org.hamcrest.Matchers.contains("photos", "users")));
			mvc.perform(get("/saas/console/api/events").param("channel", "photos"))
				.andExpect(jsonPath("$.requests.length()").value(1))
				.andExpect(jsonPath("$.requests[0].user").value("user_bob"));
			mvc.perform(get("/saas/console/api/events").param("user", "user_ada"))
				.andExpect(jsonPath("$.requests.length()").value(2));
		});
	}

	@Test
	void uploadsWithThumbnailsAndSampleTransformations() {
		this.enabled.run((context) -> {
			context.getBean(BlockingMediaStorage.class)
				.upload(io.saasstack.media.UploadRequest.of(ConsoleTestData.png(800, 600), "mountain").inFolder("photos"));
			MockMvc mvc = mvc(context);
			mvc.perform(get("/saas/console/api/uploads"))
				.andExpect(jsonPath("$[0].id").value("photos/mountain"))
				.andExpect(jsonPath("$[0].url").value("https://res.cloudinary.com/demo/image/upload/v1/photos/mountain"))
				.andExpect(jsonPath("$[0].thumbnail").value("api/uploads/render?t=thumb&id=photos%2Fmountain"));
			MvcResult thumb = mvc.perform(get("/saas/console/api/uploads/render").param("t", "thumb").param("id", "photos/mountain"))
				.andExpect(status().isOk())
				.andExpect(content().contentType("image/png"))
				.andReturn();
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(thumb.getResponse().getContentAsByteArray()));
			assertThat(image.getWidth()).isEqualTo(320);
			assertThat(image.getHeight()).isEqualTo(240);
			mvc.perform(get("/saas/console/api/uploads/detail").param("id", "photos/mountain"))
				.andExpect(jsonPath("$.transformations[0].url")
					.value("https://res.cloudinary.com/demo/image/upload/c_fill,h_300,w_400/v1/photos/mountain"))
				.andExpect(jsonPath("$.transformations[1].url").value(org.hamcrest.Matchers.containsString("g_face")))
				.andExpect(jsonPath("$.transformations[2].url").value(org.hamcrest.Matchers.containsString("f_auto,q_auto")))
				.andExpect(jsonPath("$.transformations[0].rendered").value("api/uploads/render?t=fill&id=photos%2Fmountain"));
			MvcResult auto = mvc.perform(get("/saas/console/api/uploads/render").param("t", "auto").param("id", "photos/mountain"))
				.andExpect(content().contentType("image/jpeg"))
				.andReturn();
			assertThat(ImageIO.read(new ByteArrayInputStream(auto.getResponse().getContentAsByteArray())).getWidth())
				.isEqualTo(800);
		});
	}

	@Test
	void theTokenFormMintsATokenTheApplicationAccepts() {
		this.enabled.run((context) -> {
			MvcResult result = mvc(context)
				.perform(post("/saas/console/api/tokens").contentType(MediaType.APPLICATION_JSON)
					.content("{\"user\":\"user_ada\",\"email\":\"ada@example.com\",\"org\":\"org_acme\",\"role\":\"admin\","
							+ "\"permissions\":\"org:photos:read, org:photos:write\",\"lifetimeMinutes\":\"30\"}"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.claims.sub").value("user_ada"))
				.andExpect(jsonPath("$.claims.email").value("ada@example.com"))
				.andExpect(jsonPath("$.claims.o.id").value("org_acme"))
				.andExpect(jsonPath("$.claims.o.rol").value("admin"))
				.andExpect(jsonPath("$.claims.o.per").value("read,write"))
				.andExpect(jsonPath("$.header.alg").value("RS256"))
				.andReturn();
			Map<?, ?> minted = SaasJson.mapper().readValue(result.getResponse().getContentAsByteArray(), Map.class);
			String token = (String) minted.get("token");
			var jwt = context.getBean(JwtDecoder.class).decode(token);
			assertThat(jwt.getSubject()).isEqualTo("user_ada");
			assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
			mvc(context).perform(get("/anything").header("Authorization", "Bearer " + token))
				.andExpect(status().isNotFound());
		});
	}

	@Test
	void theTokenFormTakesOnlyJson() {
		this.enabled.run((context) -> {
			mvc(context).perform(post("/saas/console/api/tokens").contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("user=user_ada")).andExpect(status().isUnsupportedMediaType());
			mvc(context).perform(post("/saas/console/api/tokens").contentType(MediaType.APPLICATION_JSON)
				.content("{\"user\":\"\"}"))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("user is required")));
			mvc(context).perform(post("/saas/console/api/tokens").contentType(MediaType.APPLICATION_JSON)
				.content("{\"user\":\"u\",\"permissions\":\"org:a:b\"}"))
				.andExpect(status().isBadRequest());
			mvc(context).perform(post("/saas/console/api/mails")).andExpect(status().isMethodNotAllowed());
		});
	}

	@Test
	void tokensSectionIsOffWithoutLocalTokens() {
		this.enabled.withPropertyValues("saas.auth.local-tokens.enabled=false").run((context) -> {
			mvc(context).perform(get("/saas/console/api/status"))
				.andExpect(jsonPath("$.sections.tokens.local").value(false))
				.andExpect(jsonPath("$.sections.tokens.note").value(org.hamcrest.Matchers.containsString("saas.auth.local-tokens.enabled")));
			mvc(context).perform(post("/saas/console/api/tokens").contentType(MediaType.APPLICATION_JSON).content("{}"))
				.andExpect(status().isNotFound());
		});
	}

	@Test
	void webhooksAreLoggedVerifiedOrRefusedAndPublishedOrReplayed() {
		this.enabled.run((context) -> {
			MockMvc mvc = mvc(context);
			String body = "{\"type\":\"user.created\",\"data\":{\"id\":\"user_1\"}}";
			mvc.perform(post("/webhooks/clerk").content(body).header("X-Test-Signature", "bad").header("svix-id", "msg_0"))
				.andExpect(status().isUnauthorized());
			mvc.perform(post("/webhooks/clerk").content(body).header("X-Test-Signature", "ok").header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			mvc.perform(post("/webhooks/clerk").content(body).header("X-Test-Signature", "ok").header("svix-id", "msg_1"))
				.andExpect(status().isNoContent());
			mvc.perform(get("/saas/console/api/webhooks"))
				.andExpect(jsonPath("$.length()").value(3))
				.andExpect(jsonPath("$[0].result").value("replayed"))
				.andExpect(jsonPath("$[0].id").value("msg_1"))
				.andExpect(jsonPath("$[1].result").value("published"))
				.andExpect(jsonPath("$[1].type").value("user.created"))
				.andExpect(jsonPath("$[1].verified").value(true))
				.andExpect(jsonPath("$[2].result").value("refused"))
				.andExpect(jsonPath("$[2].verified").value(false))
				.andExpect(jsonPath("$[2].reason").value(org.hamcrest.Matchers.containsString("No matching signature")));
			mvc.perform(get("/saas/console/api/status"))
				.andExpect(jsonPath("$.sections.webhooks.endpoints[0]").value("/webhooks/clerk"));
		});
	}

	@Test
	void theApplicationsOwnWebhookRecorderIsToldToo() {
		java.util.List<io.saasstack.webhooks.WebhookOutcome> mine = new java.util.concurrent.CopyOnWriteArrayList<>();
		this.enabled.withBean(io.saasstack.webhooks.WebhookRecorder.class, () -> mine::add).run((context) -> {
			mvc(context).perform(post("/webhooks/clerk").content("{\"type\":\"user.created\",\"data\":{}}")
				.header("X-Test-Signature", "ok")
				.header("svix-id", "msg_7")).andExpect(status().isNoContent());
			assertThat(mine).singleElement().satisfies((outcome) -> assertThat(outcome.id()).isEqualTo("msg_7"));
			assertThat(context.getBean(ConsoleWebhookLog.class).outcomes()).hasSize(1);
		});
	}

	static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class DenyAllSecurity {

		@Bean
		SecurityFilterChain denyAll(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().denyAll()).build();
		}

	}

}
