package io.saasstack.mail.autoconfigure;

import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.mail.resend.BlockingMailClient;
import io.saasstack.mail.resend.ResendMailClient;
import io.saasstack.mail.resend.ResendPacer;
import io.saasstack.mail.spring.SaasMailSender;
import io.saasstack.mail.template.MailTemplates;
import io.github.resilience4j.ratelimiter.RateLimiter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.thymeleaf.autoconfigure.ThymeleafAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class MailAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, MailAutoConfiguration.class,
				MailHealthContributorAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				SaasHealthContributorAutoConfiguration.class));

	@Test
	void withApiKeyMailsAreSentThroughResendWithDefaults() {
		wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/emails")
			.willReturn(okJson("{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}")));
		this.contextRunner.withPropertyValues(resend()).run((context) -> {
			assertThat(context).hasSingleBean(ResendMailClient.class)
				.hasSingleBean(ResendPacer.class)
				.hasSingleBean(BlockingMailClient.class)
				.doesNotHaveBean(CapturingMailClient.class);
			SendResult result = context.getBean(MailClient.class)
				.send(Email.builder().to("ada@example.com").subject("Welcome").html("<p>Hi</p>").build(), "welcome/1");
			assertThat(result.id()).isEqualTo("49a3999c-0ce1-4ea6-ab68-afcd6dc2e794");
		});
		wireMock.verify(1, postRequestedFor(urlEqualTo("/emails"))
			.withHeader("Authorization", equalTo("Bearer re_test_123"))
			.withHeader("Idempotency-Key", equalTo("welcome/1"))
			.withHeader("User-Agent", matching("saas-stack/.+"))
			.withRequestBody(equalToJson("{\"from\":\"Acme <hello@acme.test>\",\"to\":[\"ada@example.com\"],"
					+ "\"subject\":\"Welcome\",\"html\":\"<p>Hi</p>\",\"reply_to\":[\"support@acme.test\"]}", false, false)));
	}

	@Test
	void reportsResendHealthWithTheSameClient() {
		wireMock.stubFor(get("/domains?limit=1").willReturn(okJson("{\"object\":\"list\",\"data\":[]}")));
		wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/emails")
			.willReturn(okJson("{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}")));
		this.contextRunner.withPropertyValues(resend()).run((context) -> {
			assertThat(context.getBean("resendHealthCheck")).extracting("http")
				.isSameAs(context.getBean("resendHttpClient"));
			// the mail client's answer is the health check's evidence: they share the client
			context.getBean(MailClient.class).send(Email.builder().to("ada@example.com").subject("Hi").text("Hi").build());
			CompositeHealthContributor saas = context.getBean("saasHealthContributor", CompositeHealthContributor.class);
			Health health = ((HealthIndicator) saas.getContributor("resend")).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("evidence", "the application's calls to Resend are answered");
			wireMock.verify(0, getRequestedFor(urlEqualTo("/domains?limit=1")));
		});
	}

	@Test
	void withoutApiKeyMailsAreCapturedAndTheApplicationSaysSo(CapturedOutput output) {
		this.contextRunner.withPropertyValues("saas.mail.default-from=hello@acme.test").run((context) -> {
			assertThat(context).hasSingleBean(CapturingMailClient.class)
				.doesNotHaveBean(ResendMailClient.class)
				.doesNotHaveBean("resendHealthCheck");
			context.getBean(MailClient.class)
				.send(Email.builder().to("ada@example.com").subject("Welcome").text("Hi").build());
			assertThat(context.getBean(CapturingMailClient.class).captured()).hasSize(1);
		});
		assertThat(output).contains("saas.mail.resend.api-key is not set")
			.contains("Mail (not sent, no API key) to=[ada@example.com] subject=\"Welcome\"");
	}

	@Test
	void captureCanBeForcedWithAnApiKey() {
		this.contextRunner.withPropertyValues(resend()).withPropertyValues("saas.mail.capture.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(CapturingMailClient.class)
				.doesNotHaveBean(ResendMailClient.class));
	}

	@Test
	void backsOffToUserClients() {
		CapturingMailClient user = new CapturingMailClient(5, null, java.util.List.of());
		this.contextRunner.withPropertyValues(resend())
			.withBean(ReactiveMailClient.class, () -> user)
			.run((context) -> {
				assertThat(context).getBean(ReactiveMailClient.class).isSameAs(user);
				assertThat(context).doesNotHaveBean(ResendMailClient.class).doesNotHaveBean(SaasHttpClient.class);
			});
	}

	@Test
	void withoutTheRateLimiterLibraryNoResendClientIsMade() {
		this.contextRunner.withPropertyValues(resend())
			.withClassLoader(new FilteredClassLoader(RateLimiter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ResendMailClient.class)
				.hasSingleBean(CapturingMailClient.class));
	}

	@Test
	void adaptsSpringsMailSender() {
		this.contextRunner.withPropertyValues("saas.mail.default-from=hello@acme.test").run((context) -> {
			SimpleMailMessage message = new SimpleMailMessage();
			message.setTo("ada@example.com");
			message.setSubject("Welcome");
			message.setText("Hi");
			context.getBean(MailSender.class).send(message);
			assertThat(context).getBean(MailSender.class).isInstanceOf(SaasMailSender.class);
			assertThat(context.getBean(CapturingMailClient.class).captured()).singleElement()
				.satisfies((captured) -> assertThat(captured.email().from()).isEqualTo("hello@acme.test"));
		});
	}

	@Test
	void rendersTemplatesWhenThymeleafIsConfigured() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ThymeleafAutoConfiguration.class))
			.run((context) -> {
				Email email = context.getBean(MailTemplates.class)
					.render("welcome", Map.of("name", "Ada"))
					.to("ada@example.com")
					.build();
				assertThat(email.html()).contains("Ada");
			});
	}

	@Test
	void noTemplatesWithoutThymeleaf() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MailTemplates.class));
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.mail.enabled=false", "saas.mail.resend.api-key=wrong")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(MailProperties.class)
				.doesNotHaveBean(MailClient.class));
	}

	@Test
	void rejectsKeyOfAnotherShapeWithoutEchoingIt() {
		this.contextRunner.withPropertyValues("saas.mail.resend.api-key=sk_live_secretvalue").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.mail.resend.api-key")
				.hasMessageContaining("'re_'")
				.hasMessageNotContaining("secretvalue");
		});
	}

	@Test
	void rejectsKeyWithSurroundingWhitespace() {
		// a trailing space survives in properties files and environment variables
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of("saas.mail.resend.api-key", "re_123 "))))
			.run((context) -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("whitespace"));
	}

	@Test
	void rejectsInvalidHttpSettingsNamingTheProperty() {
		this.contextRunner.withPropertyValues("saas.mail.resend.base-url=localhost:8080")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.mail.resend.base-url"));
	}

	@Test
	void rejectsNonPositiveRate() {
		this.contextRunner.withPropertyValues("saas.mail.resend.requests-per-second=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("saas.mail.resend.requests-per-second"));
	}

	private static String[] resend() {
		return new String[] { "saas.mail.resend.api-key=re_test_123", "saas.mail.resend.base-url=" + wireMock.baseUrl(),
				"saas.mail.default-from=Acme <hello@acme.test>", "saas.mail.default-reply-to=support@acme.test",
				"saas.mail.resend.requests-per-second=50" };
	}

}
