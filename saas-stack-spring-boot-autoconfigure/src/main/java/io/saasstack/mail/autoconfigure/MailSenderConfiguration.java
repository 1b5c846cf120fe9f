package io.saasstack.mail.autoconfigure;

import io.saasstack.mail.MailClient;
import io.saasstack.mail.spring.SaasMailSender;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.MailSender;

/**
 * Spring's {@link MailSender} over the mail client, so that code written against it sends
 * through Resend unchanged. Backs off to any other {@code MailSender} (for example Boot's
 * JavaMail sender configured with {@code spring.mail.host}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(MailSender.class)
class MailSenderConfiguration {

	@Bean
	@ConditionalOnMissingBean(MailSender.class)
	SaasMailSender saasMailSender(MailClient mailClient) {
		return new SaasMailSender(mailClient);
	}

}
