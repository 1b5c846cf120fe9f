package io.saasstack.events.autoconfigure;

import io.saasstack.core.InvalidSaasPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class EventsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EventsAutoConfiguration.class));

	@Test
	void bindsProperties() {
		this.contextRunner
			.withPropertyValues("saas.events.logsnag.token=t0k", "saas.events.logsnag.project=my-saas",
					"saas.events.logsnag.default-channel=signups", "saas.events.logsnag.response-timeout=2s")
			.run((context) -> {
				EventsProperties.LogSnag logsnag = context.getBean(EventsProperties.class).getLogsnag();
				assertThat(logsnag.getProject()).isEqualTo("my-saas");
				assertThat(logsnag.getDefaultChannel()).isEqualTo("signups");
				assertThat(logsnag.getResponseTimeout()).hasSeconds(2);
				assertThat(logsnag.getBaseUrl()).hasToString("https://api.logsnag.com");
			});
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventsProperties.class));
	}

	@Test
	void rejectsBlankToken() {
		this.contextRunner.withPropertyValues("saas.events.logsnag.token= ")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.events.logsnag.token"));
	}

}
