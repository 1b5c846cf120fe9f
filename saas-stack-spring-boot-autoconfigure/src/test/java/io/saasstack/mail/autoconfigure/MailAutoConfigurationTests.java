package io.saasstack.mail.autoconfigure;

import java.util.Map;

import io.saasstack.core.InvalidSaasPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class MailAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MailAutoConfiguration.class));

	@Test
	void bindsProperties() {
		this.contextRunner
			.withPropertyValues("saas.mail.resend.api-key=re_123", "saas.mail.default-from=Acme <hi@acme.test>",
					"saas.mail.resend.base-url=http://localhost:1234", "saas.mail.resend.retry.max-attempts=5",
					"saas.mail.resend.requests-per-second=2")
			.run((context) -> {
				MailProperties properties = context.getBean(MailProperties.class);
				assertThat(properties.getResend().getApiKey()).isEqualTo("re_123");
				assertThat(properties.getDefaultFrom()).isEqualTo("Acme <hi@acme.test>");
				assertThat(properties.getResend().getBaseUrl()).hasToString("http://localhost:1234");
				assertThat(properties.getResend().getRetry().toPolicy().maxAttempts()).isEqualTo(5);
				assertThat(properties.getResend().getRequestsPerSecond()).isEqualTo(2);
			});
	}

	@Test
	void defaultsToResendApi() {
		this.contextRunner.run((context) -> assertThat(context.getBean(MailProperties.class).getResend().getBaseUrl())
			.hasToString("https://api.resend.com"));
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.mail.enabled=false", "saas.mail.resend.api-key=wrong")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MailProperties.class));
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
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("whitespace"));
	}

	@Test
	void rejectsInvalidHttpSettingsNamingTheProperty() {
		this.contextRunner.withPropertyValues("saas.mail.resend.base-url=localhost:8080")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.mail.resend.base-url"));
	}

}
