package io.saasstack.mail.autoconfigure;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.saasstack.core.RequestPacer;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.resend.ResendMailClient;
import io.saasstack.mail.resend.ResendPacer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Resend client, paced to the team's rate limit by one {@link ResendPacer} shared by every
 * call of the application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(RateLimiter.class)
@ConditionalOnProperty("saas.mail.resend.api-key")
@ConditionalOnBooleanProperty(name = "saas.mail.capture.enabled", havingValue = false, matchIfMissing = true)
@ConditionalOnMissingBean(ReactiveMailClient.class)
@ConditionalOnBean(SaasHttpClientFactory.class)
class ResendClientConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "resendPacer")
	RequestPacer resendPacer(MailProperties properties) {
		MailProperties.Resend resend = properties.getResend();
		return new ResendPacer(resend.getRequestsPerSecond(), resend.getPacingTimeout());
	}

	@Bean
	@ConditionalOnMissingBean(name = "resendHttpClient")
	SaasHttpClient resendHttpClient(SaasHttpClientFactory factory, MailProperties properties,
			@Qualifier("resendPacer") RequestPacer pacer) {
		MailProperties.Resend resend = properties.getResend();
		return ResendMailClient.httpClient(factory, resend, resend.getApiKey(), pacer);
	}

	@Bean
	ResendMailClient resendMailClient(@Qualifier("resendHttpClient") SaasHttpClient resendHttpClient,
			MailProperties properties) {
		return new ResendMailClient(resendHttpClient, MailAutoConfiguration.defaults(properties));
	}

}
