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
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import io.saasstack.media.imagekit.ImageKitUrls;
import io.saasstack.media.local.LocalMediaStorage;
import io.saasstack.media.local.LocalUpload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class MediaAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				MediaAutoConfiguration.class, MediaHealthContributorAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, SaasHealthContributorAutoConfiguration.class));

	@Test
	void cloudNameAloneGivesUrlsAndLocalStorageWithCloudinaryConventions() {
		this.contextRunner.withPropertyValues("saas.media.cloudinary.cloud-name=demo").run((context) -> {
			// the injected MediaUrls is the Cloudinary instance itself
			assertThat(context.getBeansOfType(CloudinaryUrls.class).values()).containsOnly((CloudinaryUrls) context.getBean(MediaUrls.class));
			assertThat(context).doesNotHaveBean(CloudinaryStorage.class);
			assertThat(context.getBean(ReactiveMediaStorage.class)).isSameAs(context.getBean(LocalMediaStorage.class));
			UploadResult result = context.getBean(MediaStorage.class)
				.upload(UploadRequest.of(new byte[] { 1 }, "ada").inFolder("avatars"));
			assertThat(result.id()).isEqualTo("avatars/ada");
			assertThat(result.url()).isEqualTo(context.getBean(MediaUrls.class).url("avatars/ada"));
			assertThat(context.getBean(LocalMediaStorage.class).get("avatars/ada")).isPresent();
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
	void withoutConfigurationUploadsAreKeptLocally(CapturedOutput output) {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(MediaUrls.class).hasSingleBean(LocalMediaStorage.class);
			MediaStorage storage = context.getBean(MediaStorage.class);
			assertThat(storage.provider()).isEqualTo("local");
			assertThat(storage.upload(UploadRequest.of(new byte[] { 1 }, "a")).url()).isEqualTo("local:a");
			assertThat(context.getBean(LocalMediaStorage.class).uploads()).hasSize(1);
		});
		assertThat(output).contains("No media storage credentials are set: uploads are kept in memory")
			.contains("SAAS_MEDIA_CLOUDINARY_APIKEY")
			.contains("SAAS_MEDIA_IMAGEKIT_PRIVATEKEY");
	}

	@Test
	void keysGiveTheRealStorageAndNoLocalOne(CapturedOutput output) {
		this.contextRunner.withPropertyValues(imagekit()).run((context) -> {
			assertThat(context).doesNotHaveBean(LocalMediaStorage.class);
			assertThat(context.getBean(ReactiveMediaStorage.class)).isSameAs(context.getBean("imageKitStorage"));
			assertThat(context.getBean(MediaStorage.class).provider()).isEqualTo("imagekit");
		});
		assertThat(output).doesNotContain("No media storage credentials");
	}

	@Test
	void captureWinsOverKeys(CapturedOutput output) {
		this.contextRunner.withPropertyValues(cloudinary())
			.withPropertyValues("saas.media.capture.enabled=true", "saas.media.capture.max-kept=1")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(CloudinaryStorage.class)
					.doesNotHaveBean("cloudinaryHttpClient")
					.doesNotHaveBean("cloudinaryHealthCheck");
				LocalMediaStorage local = context.getBean(LocalMediaStorage.class);
				assertThat(context.getBean(ReactiveMediaStorage.class)).isSameAs(local);
				MediaStorage storage = context.getBean(MediaStorage.class);
				assertThat(storage.provider()).isEqualTo("cloudinary");
				storage.upload(UploadRequest.of(new byte[] { 1 }, "a"));
				storage.upload(UploadRequest.of(new byte[] { 2 }, "b"));
				assertThat(local.uploads()).extracting(LocalUpload::id).containsExactly("b");
				assertThat(context.getBean(CloudinaryUrls.class)).isSameAs(context.getBean(MediaUrls.class));
			});
		assertThat(output).doesNotContain("No media storage credentials");
		wireMock.verify(0, anyRequestedFor(anyUrl()));
	}

	@Test
	void captureWinsOverImageKitKeys() {
		this.contextRunner.withPropertyValues(imagekit())
			.withPropertyValues("saas.media.capture.enabled=true")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ImageKitStorage.class).doesNotHaveBean("imageKitHttpClient");
				UploadResult result = context.getBean(MediaStorage.class)
					.upload(UploadRequest.of(new byte[] { 1 }, "a.png"));
				assertThat(result.url()).startsWith("https://ik.imagekit.io/demo/a_");
			});
	}

	@Test
	void capturedContentIsCapped() {
		this.contextRunner.withPropertyValues("saas.media.capture.max-bytes=2B").run((context) -> {
			MediaStorage storage = context.getBean(MediaStorage.class);
			storage.upload(UploadRequest.of(new byte[] { 1, 2 }, "a"));
			storage.upload(UploadRequest.of(new byte[] { 1, 2 }, "b"));
			assertThat(context.getBean(LocalMediaStorage.class).uploads()).extracting(LocalUpload::id)
				.containsExactly("b");
		});
	}

	@Test
	void localStorageBacksOffToUserStorage() {
		ReactiveMediaStorage user = mock(ReactiveMediaStorage.class);
		given(user.provider()).willReturn("mine");
		this.contextRunner.withBean(ReactiveMediaStorage.class, () -> user).run((context) -> {
			assertThat(context).doesNotHaveBean(LocalMediaStorage.class);
			assertThat(context.getBean(ReactiveMediaStorage.class)).isSameAs(user);
			assertThat(context.getBean(MediaStorage.class).provider()).isEqualTo("mine");
		});
	}

	@Test
	void localStorageBacksOffToUserStorageEvenWhenCapturing() {
		ReactiveMediaStorage user = mock(ReactiveMediaStorage.class);
		this.contextRunner.withPropertyValues("saas.media.capture.enabled=true")
			.withBean(ReactiveMediaStorage.class, () -> user)
			.run((context) -> assertThat(context).doesNotHaveBean(LocalMediaStorage.class)
				.getBean(ReactiveMediaStorage.class)
				.isSameAs(user));
	}

	@Test
	void userUrlsOfAnotherProviderAreInjectedAsTheyAre() {
		MediaUrls user = mock(MediaUrls.class);
		given(user.provider()).willReturn("mine");
		given(user.url("a")).willReturn("https://cdn.example.com/a");
		this.contextRunner.withBean(MediaUrls.class, () -> user).run((context) -> {
			assertThat(context.getBean(MediaUrls.class)).isSameAs(user);
			assertThat(context.getBean(MediaStorage.class).upload(UploadRequest.of(new byte[] { 1 }, "a")).url())
				.isEqualTo("https://cdn.example.com/a");
		});
	}

	@Test
	void userUrlsWinOverAConfiguredProviderWhichStaysInjectable() {
		MediaUrls user = mock(MediaUrls.class);
		this.contextRunner.withPropertyValues("saas.media.cloudinary.cloud-name=demo")
			.withBean("mediaUrls", MediaUrls.class, () -> user)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MediaUrls.class)).isSameAs(user);
				assertThat(context.getBean(CloudinaryUrls.class).url("a")).startsWith("https://res.cloudinary.com/demo/");
			});
	}

	@Test
	void userStorageWinsOverAConfiguredProviderWhichStaysInjectable() {
		ReactiveMediaStorage user = mock(ReactiveMediaStorage.class);
		given(user.provider()).willReturn("mine");
		this.contextRunner
			.withPropertyValues("saas.media.cloudinary.cloud-name=demo", "saas.media.cloudinary.api-key=123",
					"saas.media.cloudinary.api-secret=abc")
			.withBean("userStorage", ReactiveMediaStorage.class, () -> user)
			.run((context) -> {
				assertThat(context.getBean(ReactiveMediaStorage.class)).isSameAs(user);
				assertThat(context.getBean(MediaStorage.class).provider()).isEqualTo("mine");
				assertThat(context).hasSingleBean(CloudinaryStorage.class).doesNotHaveBean(LocalMediaStorage.class);
			});
	}

	@Test
	void backsOffToUserBlockingStorage() {
		MediaStorage user = mock(MediaStorage.class);
		this.contextRunner.withBean(MediaStorage.class, () -> user)
			.run((context) -> assertThat(context.getBean(MediaStorage.class)).isSameAs(user));
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.media.enabled=false", "saas.media.cloudinary.cloud-name=demo")
			.run((context) -> assertThat(context).doesNotHaveBean(MediaProperties.class)
				.doesNotHaveBean(MediaUrls.class)
				.doesNotHaveBean(ReactiveMediaStorage.class)
				.doesNotHaveBean(MediaStorage.class));
	}

	@Test
	void rejectsCaptureLimitsOutOfRange() {
		this.contextRunner.withPropertyValues("saas.media.capture.max-kept=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.media.capture.max-kept"));
		this.contextRunner.withPropertyValues("saas.media.capture.max-bytes=-1B")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.media.capture.max-bytes"));
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
