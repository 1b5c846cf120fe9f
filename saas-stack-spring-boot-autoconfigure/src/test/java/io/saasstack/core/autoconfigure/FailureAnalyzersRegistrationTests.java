package io.saasstack.core.autoconfigure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Starts real applications with bad {@code saas.*} configuration and reads what Boot prints,
 * proving the analyzers are registered and their output names the property and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailureAnalyzersRegistrationTests {

	@Test
	void reportsAKeyOfTheWrongShape(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(PlainApplication.class, "--saas.mail.resend.api-key=sk_live_abcdef"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property 'saas.mail.resend.api-key' is invalid: the value is not a Resend API key (it must start with 're_').")
			.contains("Set 'saas.mail.resend.api-key' to a Resend API key, found at https://resend.com/api-keys.")
			.doesNotContain("sk_live_abcdef");
	}

	@Test
	void reportsAMissingSaasBeanWhoseLibraryIsAbsent(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(new FilteredClassLoader(WebClient.class), NeedsFactoryApplication.class));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("No bean of type 'io.saasstack.core.SaasHttpClientFactory' is available because saas-stack did not create it:")
			.contains("SaasCoreAutoConfiguration: @ConditionalOnClass did not find required class 'org.springframework.web.reactive.function.client.WebClient'")
			.contains("Add the library providing 'org.springframework.web.reactive.function.client.WebClient' to the classpath");
	}

	@Test
	void reportsAnExcludedSaasAutoConfiguration(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(getClass().getClassLoader(), NeedsFactoryApplication.class,
				"--spring.autoconfigure.exclude=io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration"));
		assertThat(output).contains("SaasCoreAutoConfiguration is excluded")
			.contains("Remove io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration from 'spring.autoconfigure.exclude'");
	}

	private static void run(Class<?> application, String... args) {
		run(FailureAnalyzersRegistrationTests.class.getClassLoader(), application, args);
	}

	private static void run(ClassLoader classLoader, Class<?> application, String... args) {
		SpringApplication springApplication = new SpringApplication(new DefaultResourceLoader(classLoader), application);
		springApplication.setWebApplicationType(WebApplicationType.NONE);
		// the test class path has the JDBC starter for the delivery tests; these applications have no database
		springApplication.setDefaultProperties(java.util.Map.of("spring.autoconfigure.exclude",
				"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"));
		springApplication.run(args).close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class PlainApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class NeedsFactoryApplication {

		@Autowired
		io.saasstack.core.SaasHttpClientFactory factory;

	}

}
