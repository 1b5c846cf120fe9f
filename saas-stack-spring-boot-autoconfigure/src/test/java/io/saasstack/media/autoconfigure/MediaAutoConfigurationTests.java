package io.saasstack.media.autoconfigure;

import io.saasstack.core.InvalidSaasPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class MediaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MediaAutoConfiguration.class));

	@Test
	void bindsBothProviders() {
		this.contextRunner
			.withPropertyValues("saas.media.provider=cloudinary", "saas.media.cloudinary.cloud-name=demo",
					"saas.media.cloudinary.api-key=123", "saas.media.cloudinary.api-secret=s3cr3t",
					"saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo",
					"saas.media.imagekit.private-key=private_x")
			.run((context) -> {
				MediaProperties properties = context.getBean(MediaProperties.class);
				assertThat(properties.getProvider()).isEqualTo(MediaProperties.Provider.CLOUDINARY);
				assertThat(properties.getCloudinary().getCloudName()).isEqualTo("demo");
				assertThat(properties.getImagekit().getUrlEndpoint()).hasToString("https://ik.imagekit.io/demo");
				assertThat(properties.getImagekit().getBaseUrl()).hasToString("https://api.imagekit.io");
				assertThat(properties.getCloudinary().getBaseUrl()).hasToString("https://api.cloudinary.com");
			});
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.media.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(MediaProperties.class));
	}

	@Test
	void rejectsSecretWithoutKey() {
		this.contextRunner.withPropertyValues("saas.media.cloudinary.api-secret=s3cr3t")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.media.cloudinary.api-key"));
	}

	@Test
	void rejectsSelectedProviderWithoutSettings() {
		this.contextRunner.withPropertyValues("saas.media.provider=imagekit")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("saas.media.imagekit.url-endpoint"));
	}

}
