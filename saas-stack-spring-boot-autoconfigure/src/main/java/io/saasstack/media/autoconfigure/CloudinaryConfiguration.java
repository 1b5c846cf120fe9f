package io.saasstack.media.autoconfigure;

import java.time.Clock;

import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.media.cloudinary.CloudinaryStorage;
import io.saasstack.media.cloudinary.CloudinaryUrlSettings;
import io.saasstack.media.cloudinary.CloudinaryUrls;
import io.saasstack.media.cloudinary.SignatureAlgorithm;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Configuration;

/**
 * Cloudinary: delivery URLs with a cloud name, storage with the API key and secret as well.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("saas.media.cloudinary.cloud-name")
class CloudinaryConfiguration {

	@Bean
	@ConditionalOnMissingBean
	CloudinaryUrlSettings cloudinaryUrlSettings(MediaProperties properties) {
		MediaProperties.Cloudinary cloudinary = properties.getCloudinary();
		return new CloudinaryUrlSettings(cloudinary.getCloudName(), cloudinary.getApiKey(), cloudinary.getApiSecret(),
				cloudinary.isSecure(), cloudinary.getSecureDistribution(), cloudinary.isPrivateCdn(),
				cloudinary.getCname(), SignatureAlgorithm.valueOf(cloudinary.getSignatureAlgorithm().name()),
				cloudinary.isLongUrlSignature());
	}

	@Bean
	@Fallback
	@ConditionalOnMissingBean
	CloudinaryUrls cloudinaryUrls(CloudinaryUrlSettings settings) {
		return new CloudinaryUrls(settings);
	}

	@Bean
	@ConditionalOnMissingBean(name = "cloudinaryHttpClient")
	@ConditionalOnBooleanProperty(name = "saas.media.capture.enabled", havingValue = false, matchIfMissing = true)
	@ConditionalOnProperty({ "saas.media.cloudinary.api-key", "saas.media.cloudinary.api-secret" })
	@ConditionalOnBean(SaasHttpClientFactory.class)
	SaasHttpClient cloudinaryHttpClient(SaasHttpClientFactory factory, MediaProperties properties) {
		MediaProperties.Cloudinary cloudinary = properties.getCloudinary();
		return CloudinaryStorage.httpClient(factory, cloudinary, cloudinary.getApiKey(), cloudinary.getApiSecret());
	}

	@Bean
	@Fallback
	@ConditionalOnMissingBean
	@ConditionalOnBean(name = "cloudinaryHttpClient")
	CloudinaryStorage cloudinaryStorage(@Qualifier("cloudinaryHttpClient") SaasHttpClient cloudinaryHttpClient,
			CloudinaryUrlSettings settings, MediaProperties properties) {
		return new CloudinaryStorage(cloudinaryHttpClient, settings, Clock.systemUTC(),
				properties.getCloudinary().getBaseUrl());
	}

}
