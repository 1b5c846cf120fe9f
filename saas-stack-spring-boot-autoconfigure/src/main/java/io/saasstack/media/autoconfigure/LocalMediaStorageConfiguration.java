package io.saasstack.media.autoconfigure;

import io.saasstack.core.SaasPropertyChecks;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.local.LocalMediaStorage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Uploads kept in memory: without storage credentials, or with
 * {@code saas.media.capture.enabled=true} (tests).
 */
@Configuration(proxyBeanMethods = false)
class LocalMediaStorageConfiguration {

	private static final Log logger = LogFactory.getLog(MediaAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(ReactiveMediaStorage.class)
	LocalMediaStorage localMediaStorage(MediaProperties properties, ObjectProvider<MediaUrls> urls,
			Environment environment) {
		MediaProperties.Capture capture = properties.getCapture();
		if (!capture.isEnabled()) {
			SaasPropertyChecks.requireUnsetUnderAot(environment, "the in-memory media storage",
					"saas.media.cloudinary.api-secret", "saas.media.imagekit.private-key");
			logger.info("No media storage credentials are set: uploads are kept in memory, not stored. Set "
					+ "SAAS_MEDIA_CLOUDINARY_CLOUDNAME, SAAS_MEDIA_CLOUDINARY_APIKEY and SAAS_MEDIA_CLOUDINARY_APISECRET "
					+ "(Cloudinary), or SAAS_MEDIA_IMAGEKIT_URLENDPOINT and SAAS_MEDIA_IMAGEKIT_PRIVATEKEY (ImageKit) "
					+ "to store them.");
		}
		return new LocalMediaStorage(capture.getMaxKept(), capture.getMaxBytes().toBytes(), urls.getIfAvailable());
	}

}
