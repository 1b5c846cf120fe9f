package io.saasstack.media.autoconfigure;

import java.util.stream.Stream;

import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.media.BlockingMediaStorage;
import io.saasstack.media.MediaStorage;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.cloudinary.CloudinaryStorage;
import io.saasstack.media.cloudinary.CloudinaryUrls;
import io.saasstack.media.imagekit.ImageKitStorage;
import io.saasstack.media.imagekit.ImageKitUrls;
import io.saasstack.media.local.LocalMediaStorage;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of media: {@link MediaUrls} for each
 * configured provider (ImageKit with {@code saas.media.imagekit.url-endpoint}, Cloudinary with
 * {@code saas.media.cloudinary.cloud-name}), storage when its keys are set, and the provider
 * injected as plain {@code MediaUrls} / {@code MediaStorage}: {@code saas.media.provider}, or the
 * only one configured. Without storage keys (or with {@code saas.media.capture.enabled=true}),
 * uploads are kept in memory by a {@link LocalMediaStorage}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "saas.media.enabled", matchIfMissing = true)
@ConditionalOnClass(Mono.class)
@EnableConfigurationProperties(MediaProperties.class)
// the order matters: the local storage backs off to the providers' storage
@Import({ CloudinaryConfiguration.class, ImageKitConfiguration.class, LocalMediaStorageConfiguration.class })
public final class MediaAutoConfiguration {

	// a user's MediaUrls wins over the providers' (@Fallback) and replaces this selection
	@Bean
	@Primary
	@ConditionalOnMissingBean(value = MediaUrls.class, ignored = { CloudinaryUrls.class, ImageKitUrls.class })
	@Conditional(OnProviderUrlsCondition.class)
	MediaUrls mediaUrls(ObjectProvider<CloudinaryUrls> cloudinary, ObjectProvider<ImageKitUrls> imageKit,
			MediaProperties properties) {
		return MediaProviderSelection.select(Stream.concat(cloudinary.stream(), imageKit.stream()).toList(),
				MediaUrls::provider, properties, "MediaUrls");
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean(value = ReactiveMediaStorage.class,
			ignored = { CloudinaryStorage.class, ImageKitStorage.class })
	@Conditional(OnProviderStorageCondition.class)
	ReactiveMediaStorage reactiveMediaStorage(ObjectProvider<CloudinaryStorage> cloudinary,
			ObjectProvider<ImageKitStorage> imageKit, MediaProperties properties) {
		return MediaProviderSelection.select(
				Stream.<ReactiveMediaStorage>concat(cloudinary.stream(), imageKit.stream()).toList(),
				ReactiveMediaStorage::provider, properties, "MediaStorage");
	}

	@Bean
	@Primary
	@ConditionalOnMissingBean
	@ConditionalOnBean(ReactiveMediaStorage.class)
	MediaStorage mediaStorage(ReactiveMediaStorage reactiveMediaStorage) {
		return new BlockingMediaStorage(reactiveMediaStorage);
	}

	static final class OnProviderUrlsCondition extends AnyNestedCondition {

		OnProviderUrlsCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(CloudinaryUrls.class)
		static final class Cloudinary {

		}

		@ConditionalOnBean(ImageKitUrls.class)
		static final class ImageKit {

		}

	}

	static final class OnProviderStorageCondition extends AnyNestedCondition {

		OnProviderStorageCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnBean(CloudinaryStorage.class)
		static final class Cloudinary {

		}

		@ConditionalOnBean(ImageKitStorage.class)
		static final class ImageKit {

		}

	}

}
