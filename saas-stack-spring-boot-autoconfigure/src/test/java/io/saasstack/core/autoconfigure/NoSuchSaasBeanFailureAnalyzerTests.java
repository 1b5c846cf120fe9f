package io.saasstack.core.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class NoSuchSaasBeanFailureAnalyzerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AcmeAutoConfiguration.class));

	@Test
	void namesTheMissingPropertyAndItsEnvironmentVariable() {
		this.contextRunner.run((context) -> {
			FailureAnalysis analysis = analyze(context, AcmeClient.class);
			assertThat(analysis.getDescription()).contains("io.saasstack.core.autoconfigure.NoSuchSaasBeanFailureAnalyzerTests$AcmeClient")
				.contains("AcmeAutoConfiguration")
				.contains("saas.acme.api-key");
			assertThat(analysis.getAction()).isEqualTo("Set 'saas.acme.api-key' (or the environment variable SAAS_ACME_APIKEY).");
		});
	}

	@Test
	void explainsADisabledArea() {
		this.contextRunner.withPropertyValues("saas.acme.api-key=k", "saas.acme.enabled=false").run((context) -> {
			FailureAnalysis analysis = analyze(context, AcmeClient.class);
			assertThat(analysis.getDescription()).contains("saas.acme.enabled");
			assertThat(analysis.getAction()).isEqualTo("Set 'saas.acme.enabled' to true, or remove it.");
		});
	}

	@Test
	void explainsAMissingBeanOfANestedConfiguration() {
		this.contextRunner.withPropertyValues("saas.acme.api-key=k").run((context) -> {
			FailureAnalysis analysis = analyze(context, AcmeHelper.class);
			assertThat(analysis.getAction()).contains("saas.acme.helper");
		});
	}

	@Test
	void followsAMissingBeanTheCreatingConfigurationWaitedFor() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SaasCoreAutoConfiguration.class,
					io.saasstack.auth.autoconfigure.AuthAutoConfiguration.class,
					io.saasstack.auth.autoconfigure.AuthServletSecurityAutoConfiguration.class))
			.run((context) -> {
				FailureAnalysis analysis = analyze(context, io.saasstack.auth.security.SaasResourceServer.class);
				assertThat(analysis.getDescription()).contains("AuthServletSecurityAutoConfiguration")
					.contains("JwtDecoder")
					.contains("ClerkAuthConfiguration");
				assertThat(analysis.getAction().lines()).containsExactly(
						"Set 'saas.auth.clerk.publishable-key' and 'saas.auth.clerk.secret-key' (or the environment "
								+ "variables SAAS_AUTH_CLERK_PUBLISHABLEKEY and SAAS_AUTH_CLERK_SECRETKEY).",
						"Set 'saas.auth.local-tokens.enabled=true' (or the environment variable "
								+ "SAAS_AUTH_LOCALTOKENS_ENABLED=true), for development only: requests then need tokens "
								+ "signed by a key generated at startup.",
						"Set 'saas.auth.supabase.url' (or the environment variable SAAS_AUTH_SUPABASE_URL).");
			});
	}

	@Test
	void leavesOtherTypesToBoot() {
		this.contextRunner.run((context) -> {
			NoSuchBeanDefinitionException failure = catchThrowableOfType(NoSuchBeanDefinitionException.class,
					() -> context.getBean(String.class));
			assertThat(new NoSuchSaasBeanFailureAnalyzer(context.getBeanFactory()).analyze(failure)).isNull();
		});
	}

	@Test
	void leavesTypesNoSaasConfigurationCreatesToBoot() {
		this.contextRunner.run((context) -> {
			NoSuchBeanDefinitionException failure = catchThrowableOfType(NoSuchBeanDefinitionException.class,
					() -> context.getBean(Unrelated.class));
			assertThat(new NoSuchSaasBeanFailureAnalyzer(context.getBeanFactory()).analyze(failure)).isNull();
		});
	}

	private static FailureAnalysis analyze(org.springframework.context.ConfigurableApplicationContext context,
			Class<?> type) {
		NoSuchBeanDefinitionException failure = catchThrowableOfType(NoSuchBeanDefinitionException.class,
				() -> context.getBean(type));
		FailureAnalysis analysis = new NoSuchSaasBeanFailureAnalyzer(context.getBeanFactory()).analyze(failure);
		assertThat(analysis).isNotNull();
		return analysis;
	}

	static class AcmeClient {

	}

	static class AcmeHelper {

	}

	static class Unrelated {

	}

	@AutoConfiguration
	@ConditionalOnBooleanProperty(name = "saas.acme.enabled", matchIfMissing = true)
	static class AcmeAutoConfiguration {

		@Bean
		@ConditionalOnProperty("saas.acme.api-key")
		@ConditionalOnMissingBean
		AcmeClient acmeClient() {
			return new AcmeClient();
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnProperty("saas.acme.helper")
		static class HelperConfiguration {

			@Bean
			AcmeHelper acmeHelper() {
				return new AcmeHelper();
			}

		}

	}

}
