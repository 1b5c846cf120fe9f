package io.saasstack.media.autoconfigure;

import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of media delivery and storage. Binds and checks
 * {@code saas.media.*} at startup.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "saas.media.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MediaProperties.class)
public final class MediaAutoConfiguration {

}
