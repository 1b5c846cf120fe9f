package io.saasstack.sample;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.core.SpringProperties;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample started as a native image starts it: from the code Spring AOT generated at build time
 * ({@code process-aot}, run by the build with the dev profile), then the whole README walkthrough
 * (a local token on the secured API, uploads, a signed webhook, tracked events, a welcome mail).
 */
class AotStartupTests {

	@Test
	void startsFromTheGeneratedInitializerAndAnswersTheWalkthrough() throws Exception {
		assertThat(ClassUtils.isPresent(SampleApplication.class.getName() + "__ApplicationContextInitializer",
				getClass().getClassLoader()))
			.as("the build runs process-aot before the tests")
			.isTrue();
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		// the main class names the initializer, and here main() is surefire's
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.main(SampleApplication.class)
			.profiles("dev")
			.run("--server.port=0")) {
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			// nothing parsed the configuration classes: every definition came from the generated code
			assertThat(beanFactory.containsBeanDefinition(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME))
				.isFalse();
			assertThat(beanFactory.getBeanDefinition("photoController")).isInstanceOfSatisfying(RootBeanDefinition.class,
					(definition) -> assertThat(definition.getInstanceSupplier()).isNotNull());
			ReadmeWalkthroughTests.walk(((WebServerApplicationContext) context).getWebServer().getPort());
		}
		finally {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

}
