package io.saasstack.media.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.media.Crop;
import io.saasstack.media.MediaStorage;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.Transformation;
import io.saasstack.media.cloudinary.CloudinaryStorage;
import io.saasstack.media.cloudinary.CloudinaryUrls;
import io.saasstack.media.imagekit.ImageKitStorage;
import io.saasstack.media.imagekit.ImageKitUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class MediaAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				MediaAutoConfiguration.class, MediaHealthContributorAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, SaasHealthContributorAutoConfiguration.class));

	@Test
	void cloudNameAloneGivesUrlsButNoStorage() {
		this.contextRunner.withPropertyValues("saas.media.cloudinary.cloud-name=demo").run((context) -> {
			// the injected MediaUrls is the Cloudinary instance itself
			assertThat(context.getBeansOfType(CloudinaryUrls.class).values()).containsOnly((CloudinaryUrls) context.getBean(MediaUrls.class));
			assertThat(context).doesNotHaveBean(CloudinaryStorage.class).doesNotHaveBean(MediaStorage.class);
			assertThat(context.getBean(MediaUrls.class)
				.url("sample.jpg", Transformation.create().width(300).crop(Crop.FILL)))
				.isEqualTo("https://res.cloudinary.com/demo/image/upload/c_fill,w_300/sample.jpg");
		});
	}

	@Test
	void urlEndpointAloneGivesImageKitUrls() {
		this.contextRunner.withPropertyValues("saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo")
			.run((context) -> {
				assertThat(context.getBeansOfType(ImageKitUrls.class).values())
					.containsOnly((ImageKitUrls) context.getBean(MediaUrls.class));
				assertThat(context).doesNotHaveBean(ImageKitStorage.class);
				assertThat(context.getBean(MediaUrls.class).url("/sample.jpg", Transformation.create().width(300)))
					.isEqualTo("https://ik.imagekit.io/demo/sample.jpg?tr=w-300");
			});
	}

	@Test
	void pathPositionIsConfigurable() {
		this.contextRunner
			.withPropertyValues("saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo",
					"saas.media.imagekit.transformation-position=path")
			.run((context) -> assertThat(
					context.getBean(MediaUrls.class).url("/sample.jpg", Transformation.create().width(300)))
				.isEqualTo("https://ik.imagekit.io/demo/tr:w-300/sample.jpg"));
	}

	@Test
	void keysGiveStorageAndHealth() {
		wireMock.stubFor(get("/v1_1/demo/ping").willReturn(okJson("{\"status\":\"ok\"}")));
		this.contextRunner.withPropertyValues(cloudinary()).run((context) -> {
			assertThat(context.getBeansOfType(CloudinaryStorage.class).values())
				.containsOnly((CloudinaryStorage) context.getBean(ReactiveMediaStorage.class));
			assertThat(context.getBean(MediaStorage.class).provider()).isEqualTo("cloudinary");
			assertThat(context.getBean(ReactiveMediaStorage.class)).isSameAs(context.getBean(CloudinaryStorage.class));
			CompositeHealthContributor saas = context.getBean("saasHealthContributor", CompositeHealthContributor.class);
			assertThat(((HealthIndicator) saas.getContributor("cloudinary")).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void bothProvidersNeedAChoice() {
		this.contextRunner.withPropertyValues(cloudinary())
			.withPropertyValues(imagekit())
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.media.provider"));
	}

	@Test
	void bothProvidersWithAChoiceInjectTheChosenOneAndKeepTheOther() {
		this.contextRunner.withPropertyValues(cloudinary())
			.withPropertyValues(imagekit())
			.withPropertyValues("saas.media.provider=imagekit")
			.run((context) -> {
				assertThat(context.getBean(MediaUrls.class)).isSameAs(context.getBean(ImageKitUrls.class));
				assertThat(context.getBean(MediaStorage.class).provider()).isEqualTo("imagekit");
				assertThat(context).hasSingleBean(CloudinaryUrls.class).hasSingleBean(CloudinaryStorage.class);
			});
	}

	@Test
	void backsOffToUserUrls() {
		CloudinaryUrls user = new CloudinaryUrls(io.saasstack.media.cloudinary.CloudinaryUrlSettings.of("mine", null, null));
		this.contextRunner.withPropertyValues("saas.media.cloudinary.cloud-name=demo")
			.withBean(CloudinaryUrls.class, () -> user)
			.run((context) -> assertThat(context.getBean(MediaUrls.class)).isSameAs(user));
	}

	@Test
	void nothingWithoutConfiguration() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(MediaUrls.class)
			.doesNotHaveBean(MediaStorage.class));
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.media.enabled=false", "saas.media.cloudinary.cloud-name=demo")
			.run((context) -> assertThat(context).doesNotHaveBean(MediaProperties.class)
				.doesNotHaveBean(MediaUrls.class));
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

	private static String[] cloudinary() {
		return new String[] { "saas.media.cloudinary.cloud-name=demo", "saas.media.cloudinary.api-key=123456",
				"saas.media.cloudinary.api-secret=abcd", "saas.media.cloudinary.base-url=" + wireMock.baseUrl() };
	}

	private static String[] imagekit() {
		return new String[] { "saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo",
				"saas.media.imagekit.public-key=public_abc", "saas.media.imagekit.private-key=private_abc",
				"saas.media.imagekit.base-url=" + wireMock.baseUrl(),
				"saas.media.imagekit.upload-base-url=" + wireMock.baseUrl() };
	}

}
