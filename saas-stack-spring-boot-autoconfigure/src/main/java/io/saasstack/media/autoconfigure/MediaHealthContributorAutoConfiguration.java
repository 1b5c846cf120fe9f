package io.saasstack.media.autoconfigure;

import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.core.health.SaasHealthCheck;
import io.saasstack.media.cloudinary.CloudinaryHealthCheck;
import io.saasstack.media.imagekit.ImageKitHealthCheck;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the ImageKit and Cloudinary entries of
 * the {@code saas} health contributor.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MediaAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("saas")
public final class MediaHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(name = "cloudinaryHttpClient")
	static class CloudinaryHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "cloudinaryHealthCheck")
		SaasHealthCheck cloudinaryHealthCheck(@Qualifier("cloudinaryHttpClient") SaasHttpClient cloudinaryHttpClient,
				MediaProperties properties) {
			return new CloudinaryHealthCheck(cloudinaryHttpClient, properties.getCloudinary().getCloudName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(name = "imageKitHttpClient")
	static class ImageKitHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "imageKitHealthCheck")
		SaasHealthCheck imageKitHealthCheck(@Qualifier("imageKitHttpClient") SaasHttpClient imageKitHttpClient) {
			return new ImageKitHealthCheck(imageKitHttpClient);
		}

	}

}
