package io.saasstack.console.autoconfigure;

import java.util.List;

import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthProviderCondition;
import io.saasstack.auth.autoconfigure.AuthReactiveSecurityAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthServletSecurityAutoConfiguration;
import io.saasstack.console.ConsoleWebhookLog;
import io.saasstack.console.LocalConsole;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.events.ReactiveLogSnagClient;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.events.logsnag.LoggingLogSnagClient;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import io.saasstack.media.local.LocalMediaStorage;
import io.saasstack.webhooks.WebhookEndpoint;
import io.saasstack.webhooks.WebhookEndpoints;
import io.saasstack.webhooks.autoconfigure.WebhooksAutoConfiguration;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the local console
 * ({@code saas.console.enabled=true}): a development page at {@code saas.console.path} showing the
 * mails, LogSnag requests and uploads the local stand-ins kept, a form minting local tokens and a
 * log of the webhooks received, for servlet and reactive applications.
 * <p>
 * Never reachable in production by accident: it is off unless enabled, logs a WARN when on,
 * refuses to start when no area runs on a local stand-in (everything on real providers looks like
 * production), answers only browsers on the same machine unless {@code saas.console.allow-remote}
 * is set, and has its own security filter chain for its path (see
 * {@link ConsoleServletConfiguration}).
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { AuthAutoConfiguration.class, MailAutoConfiguration.class, EventsAutoConfiguration.class,
				MediaAutoConfiguration.class, WebhooksAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, AuthReactiveSecurityAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty("saas.console.enabled")
@EnableConfigurationProperties(ConsoleProperties.class)
@Import({ ConsoleServletConfiguration.class, ConsoleReactiveConfiguration.class })
@ImportRuntimeHints(ConsoleRuntimeHints.class)
public final class ConsoleAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ConsoleAutoConfiguration.class);

	private static final String NIMBUS = "com.nimbusds.jose.JWSSigner";

	@Bean
	@ConditionalOnMissingBean
	ConsoleWebhookLog consoleWebhookLog(ConsoleProperties properties) {
		return new ConsoleWebhookLog(properties.getWebhooksKept());
	}

	@Bean
	@ConditionalOnMissingBean
	LocalConsole localConsole(ConsoleProperties properties, ListableBeanFactory beans,
			ObjectProvider<ReactiveMailClient> mail, ObjectProvider<ReactiveLogSnagClient> events,
			ObjectProvider<ReactiveMediaStorage> media, ObjectProvider<MediaUrls> urls,
			ObjectProvider<WebhookEndpoints> webhooks, ConsoleWebhookLog webhookLog, Environment environment) {
		LocalConsole.Builder console = LocalConsole.builder(properties.getPath());
		if (mail.getIfUnique() instanceof CapturingMailClient capturing) {
			console.mails(capturing);
		}
		else {
			console.realProvider("mails", "Resend");
		}
		ReactiveLogSnagClient logSnag = events.getIfUnique();
		if (logSnag instanceof LoggingLogSnagClient logging) {
			console.events(logging::recent);
		}
		else if (logSnag instanceof RecordingLogSnagClient recording) {
			console.events(recording::requests);
		}
		else {
			console.realProvider("events", "LogSnag");
		}
		ReactiveMediaStorage storage = media.getIfUnique();
		if (storage instanceof LocalMediaStorage local) {
			console.uploads(local, urls.getIfUnique());
		}
		else if (storage != null) {
			console.realProvider("uploads", storage.provider());
		}
		Object issuer = ClassUtils.isPresent(NIMBUS, getClass().getClassLoader())
				? LocalTokens.issuer(beans) : null;
		if (issuer != null) {
			LocalTokens.addTo(console, issuer);
		}
		else if (AuthProviderCondition.selected(environment) != null) {
			console.realProvider("tokens", AuthProviderCondition.selected(environment));
		}
		WebhookEndpoints endpoints = webhooks.getIfUnique();
		console.webhooks(webhookLog,
				(endpoints != null) ? endpoints.endpoints().stream().map(WebhookEndpoint::path).toList() : List.of());
		LocalConsole built = console.build();
		if (!built.hasLocalSection()) {
			throw new InvalidSaasPropertyException("saas.console.enabled",
					"every area runs on a real provider (mail, events, media and auth), so the console has nothing "
							+ "to show: that is how production looks, and the console is for development",
					"Remove saas.console.enabled (set it only in a development profile).");
		}
		logger.warn("saas.console.enabled is set: the local console is served at " + built.path()
				+ (properties.isAllowRemote() ? " to every client (saas.console.allow-remote)" : " to this machine only")
				+ ", showing what the local stand-ins kept and minting local tokens. Never enable it in production.");
		return built;
	}

	/** Kept apart so that the issuer's class (it needs Nimbus) is only loaded when present. */
	private static final class LocalTokens {

		static Object issuer(ListableBeanFactory beans) {
			return beans.getBeanProvider(io.saasstack.auth.local.LocalTokenIssuer.class).getIfUnique();
		}

		static void addTo(LocalConsole.Builder console, Object issuer) {
			console.tokens((io.saasstack.auth.local.LocalTokenIssuer) issuer);
		}

	}

}
