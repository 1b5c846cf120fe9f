package io.saasstack.mail.autoconfigure;

import io.saasstack.core.SaasPropertyChecks;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.local.CapturingMailClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Mails logged and kept in memory: without an API key, or with {@code saas.mail.capture.enabled=true}
 * (tests).
 */
@Configuration(proxyBeanMethods = false)
class LocalMailClientConfiguration {

	private static final Log logger = LogFactory.getLog(MailAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean(ReactiveMailClient.class)
	CapturingMailClient capturingMailClient(MailProperties properties, Environment environment) {
		if (!properties.getCapture().isEnabled()) {
			SaasPropertyChecks.requireUnsetUnderAot(environment, "the local mail stand-in", "saas.mail.resend.api-key");
			logger.info("saas.mail.resend.api-key is not set: mails are logged and kept in memory, not sent. "
					+ "Set SAAS_MAIL_RESEND_APIKEY to send them with Resend.");
		}
		return new CapturingMailClient(properties.getCapture().getMaxKept(), properties.getDefaultFrom(),
				MailAutoConfiguration.replyTo(properties));
	}

}
