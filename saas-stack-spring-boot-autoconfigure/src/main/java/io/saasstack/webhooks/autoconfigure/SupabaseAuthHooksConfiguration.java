package io.saasstack.webhooks.autoconfigure;

import java.net.URI;

import io.saasstack.auth.supabase.hooks.SupabaseAccessTokenHook;
import io.saasstack.auth.supabase.hooks.SupabaseAuthHooks;
import io.saasstack.auth.supabase.hooks.SupabaseMfaVerificationHook;
import io.saasstack.auth.supabase.hooks.SupabasePasswordVerificationHook;
import io.saasstack.auth.supabase.hooks.SupabaseSendEmailHook;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.template.MailTemplates;
import org.thymeleaf.ITemplateEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The answers of the Supabase Auth hooks the application handles, when the Supabase hook endpoint
 * is served ({@code saas.auth.supabase.hook-secret}): its {@link SupabaseAccessTokenHook},
 * {@link SupabaseMfaVerificationHook} and {@link SupabasePasswordVerificationHook} beans, and
 * Supabase's emails through the mail client with
 * {@code saas.auth.supabase.send-email-hook.enabled}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("saas.auth.supabase.hook-secret")
class SupabaseAuthHooksConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SupabaseAuthHooks supabaseAuthHooks(ObjectProvider<SupabaseAccessTokenHook> accessTokenHook,
			ObjectProvider<SupabaseMfaVerificationHook> mfaVerificationHook,
			ObjectProvider<SupabasePasswordVerificationHook> passwordVerificationHook,
			ObjectProvider<SupabaseSendEmailHook> sendEmailHook) {
		return new SupabaseAuthHooks(accessTokenHook.getIfUnique(), mfaVerificationHook.getIfUnique(),
				passwordVerificationHook.getIfUnique(), sendEmailHook.getIfUnique());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ITemplateEngine.class)
	@ConditionalOnBooleanProperty("saas.auth.supabase.send-email-hook.enabled")
	static class SendEmailHookConfiguration {

		private static final String ENABLED = "saas.auth.supabase.send-email-hook.enabled";

		@Bean
		@ConditionalOnMissingBean
		SupabaseSendEmailHook supabaseSendEmailHook(ObjectProvider<MailClient> mailClient,
				ObjectProvider<MailTemplates> templates, Environment environment) {
			URI url = Binder.get(environment).bind("saas.auth.supabase.url", URI.class).orElse(null);
			if (url == null) {
				throw new InvalidSaasPropertyException("saas.auth.supabase.url",
						"it is not set while '" + ENABLED + "' is true, so the links of the emails have no project",
						"Set 'saas.auth.supabase.url' to your project URL, for example https://<project-ref>.supabase.co.");
			}
			MailClient client = mailClient.getIfAvailable();
			if (client == null) {
				throw new InvalidSaasPropertyException(ENABLED, "it is true but there is no MailClient to send with",
						"Set 'saas.mail.resend.api-key' (or define a MailClient bean), or remove '" + ENABLED + "'.");
			}
			MailTemplates mailTemplates = templates.getIfAvailable();
			if (mailTemplates == null) {
				throw new InvalidSaasPropertyException(ENABLED,
						"it is true but there are no MailTemplates to render the emails with",
						"Add spring-boot-starter-thymeleaf, or remove '" + ENABLED + "'.");
			}
			return new SupabaseSendEmailHook(client, mailTemplates, url);
		}

	}

}
