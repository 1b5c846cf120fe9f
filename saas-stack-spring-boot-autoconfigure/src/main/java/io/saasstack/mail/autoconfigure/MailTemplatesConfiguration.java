package io.saasstack.mail.autoconfigure;

import io.saasstack.mail.template.MailTemplates;
import org.thymeleaf.ITemplateEngine;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mail templates, when Thymeleaf is configured.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(ITemplateEngine.class)
@ConditionalOnBean(ITemplateEngine.class)
class MailTemplatesConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MailTemplates mailTemplates(ITemplateEngine templateEngine, MailProperties properties) {
		return new MailTemplates(templateEngine, properties.getTemplates().getPrefix(), null);
	}

}
