package io.saasstack.mail.autoconfigure;

import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthProperties;
import io.saasstack.core.health.SaasHealthCheck;
import io.saasstack.mail.health.ResendHealthCheck;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the Resend entry of the {@code saas}
 * health contributor.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = MailAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(name = "resendHttpClient")
@ConditionalOnEnabledHealthIndicator("saas")
@EnableConfigurationProperties(SaasHealthProperties.class)
public final class MailHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "resendHealthCheck")
	SaasHealthCheck resendHealthCheck(@Qualifier("resendHttpClient") SaasHttpClient resendHttpClient,
			SaasHealthProperties healthProperties) {
		// evidence as recent as a cached result would be
		return new ResendHealthCheck(resendHttpClient, healthProperties.getCacheTimeToLive());
	}

}
