package io.saasstack.media.autoconfigure;

import java.time.Clock;

import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.media.imagekit.ImageKitStorage;
import io.saasstack.media.imagekit.ImageKitUrls;
import io.saasstack.media.imagekit.TransformationPosition;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Configuration;

/**
 * ImageKit: delivery URLs with a URL endpoint (signed ones with the private key), storage with the
 * private key.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("saas.media.imagekit.url-endpoint")
class ImageKitConfiguration {

	@Bean
	@Fallback
	@ConditionalOnMissingBean
	ImageKitUrls imageKitUrls(MediaProperties properties) {
		MediaProperties.ImageKit imageKit = properties.getImagekit();
		return new ImageKitUrls(imageKit.getUrlEndpoint(), imageKit.getPrivateKey(),
				TransformationPosition.valueOf(imageKit.getTransformationPosition().name()), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean(name = "imageKitHttpClient")
	@ConditionalOnBooleanProperty(name = "saas.media.capture.enabled", havingValue = false, matchIfMissing = true)
	@ConditionalOnProperty("saas.media.imagekit.private-key")
	@ConditionalOnBean(SaasHttpClientFactory.class)
	SaasHttpClient imageKitHttpClient(SaasHttpClientFactory factory, MediaProperties properties) {
		MediaProperties.ImageKit imageKit = properties.getImagekit();
		return ImageKitStorage.apiHttpClient(factory, imageKit, imageKit.getPrivateKey());
	}

	@Bean
	@ConditionalOnMissingBean(name = "imageKitUploadHttpClient")
	@ConditionalOnBean(name = "imageKitHttpClient")
	SaasHttpClient imageKitUploadHttpClient(SaasHttpClientFactory factory, MediaProperties properties) {
		MediaProperties.ImageKit imageKit = properties.getImagekit();
		return ImageKitStorage.uploadHttpClient(factory, imageKit.getUploadBaseUrl(), imageKit,
				imageKit.getPrivateKey());
	}

	@Bean
	@Fallback
	@ConditionalOnMissingBean
	@ConditionalOnBean(name = "imageKitHttpClient")
	ImageKitStorage imageKitStorage(@Qualifier("imageKitUploadHttpClient") SaasHttpClient uploadHttpClient,
			@Qualifier("imageKitHttpClient") SaasHttpClient apiHttpClient, MediaProperties properties) {
		MediaProperties.ImageKit imageKit = properties.getImagekit();
		return new ImageKitStorage(uploadHttpClient, apiHttpClient, imageKit.getPublicKey(), imageKit.getPrivateKey(),
				imageKit.getUrlEndpoint(), Clock.systemUTC(), ImageKitStorage.uploadUrl(imageKit.getUploadBaseUrl()));
	}

}
