package io.saasstack.webhooks.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.saasstack.auth.autoconfigure.AuthReactiveSecurityAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthServletSecurityAutoConfiguration;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.webhooks.DefaultWebhookVerifiers;
import io.saasstack.webhooks.InMemoryWebhookReplayGuard;
import io.saasstack.webhooks.WebhookAnswerer;
import io.saasstack.webhooks.WebhookEndpoint;
import io.saasstack.webhooks.WebhookEndpoints;
import io.saasstack.webhooks.WebhookProcessor;
import io.saasstack.webhooks.WebhookRecorder;
import io.saasstack.webhooks.WebhookReplayGuard;
import io.saasstack.webhooks.WebhookVerifier;
import io.saasstack.webhooks.WebhookVerifiers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of inbound webhooks: one {@code POST} endpoint
 * per provider whose secret is set ({@code saas.auth.clerk.webhook-secret},
 * {@code saas.mail.resend.webhook-secret}, {@code saas.auth.supabase.hook-secret},
 * {@code saas.media.imagekit.webhook-secret}; Cloudinary with
 * {@code saas.webhooks.cloudinary.enabled=true} and {@code saas.media.cloudinary.api-secret}), at
 * {@code saas.webhooks.<provider>.path} ({@code /webhooks/<provider>} by default), verified, guarded
 * against replays and published as application events; with Spring Security, a filter chain that
 * lets the webhook paths through without a token or CSRF token (see
 * {@link WebhooksServletConfiguration.WebhookSecurityConfiguration}).
 * <p>
 * It runs after the security auto-configurations: its {@code SecurityFilterChain} must not make
 * the default chains (ours, Boot's) back off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { SaasCoreAutoConfiguration.class, AuthServletSecurityAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class },
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration" })
@ConditionalOnWebApplication
@ConditionalOnClass(JsonMapper.class)
@Conditional(OnWebhookEndpointsCondition.class)
@EnableConfigurationProperties(WebhooksProperties.class)
@Import({ WebhooksServletConfiguration.class, WebhooksReactiveConfiguration.class,
		SupabaseAuthHooksConfiguration.class })
public final class WebhooksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WebhookVerifiers webhookVerifiers(org.springframework.core.env.Environment environment,
			WebhooksProperties properties) {
		boolean sha256 = "sha256".equalsIgnoreCase(
				environment.getProperty("saas.media.cloudinary.signature-algorithm", "sha1"));
		// no verifier may accept a message for longer than the replay guard remembers its id
		return new DefaultWebhookVerifiers((sha256) ? io.saasstack.webhooks.CloudinaryWebhookVerifier.Algorithm.SHA256
				: io.saasstack.webhooks.CloudinaryWebhookVerifier.Algorithm.SHA1, java.time.Clock.systemUTC(),
				properties.getReplayWindow());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookReplayGuard webhookReplayGuard(WebhooksProperties properties) {
		return new InMemoryWebhookReplayGuard(properties.getReplayWindow(), properties.getReplayCacheSize());
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookEndpoints webhookEndpoints(WebhooksProperties properties, WebhookVerifiers verifiers,
			Environment environment) {
		List<WebhookEndpoint> endpoints = new ArrayList<>();
		for (WebhookSecrets.Configured configured : WebhookSecrets.configured(environment)) {
			String secret = configured.secret();
			if (secret == null) {
				throw new InvalidSaasPropertyException(configured.secretProperty(),
						"it is not set while 'saas.webhooks." + configured.provider() + ".enabled' is true",
						"Set '" + configured.secretProperty() + "' or remove 'saas.webhooks." + configured.provider()
								+ ".enabled'.");
			}
			WebhookVerifier verifier;
			try {
				verifier = switch (configured.provider()) {
					case "clerk" -> verifiers.clerk(secret);
					case "resend" -> verifiers.resend(secret);
					case "supabase" -> verifiers.supabase(secret);
					case "imagekit" -> verifiers.imagekit(secret);
					case "cloudinary" -> verifiers.cloudinary(secret);
					default -> throw new IllegalStateException("Unknown provider " + configured.provider());
				};
			}
			catch (IllegalArgumentException ex) {
				// the verifiers' messages never quote the secret
				throw new InvalidSaasPropertyException(configured.secretProperty(),
						"it is not a signing secret of the expected form (" + ex.getMessage() + ")",
						"Copy '" + configured.secretProperty() + "' again from the provider's webhook settings, whole.");
			}
			endpoints.add(new WebhookEndpoint(configured.provider(), path(properties, configured.provider()), verifier));
		}
		return new WebhookEndpoints(endpoints);
	}

	@Bean
	@ConditionalOnMissingBean
	WebhookProcessor webhookProcessor(ApplicationEventPublisher publisher, WebhookReplayGuard replayGuard,
			WebhooksProperties properties, ObjectProvider<WebhookAnswerer> answerers,
			ObjectProvider<WebhookRecorder> recorders) {
		return new WebhookProcessor(publisher, replayGuard, properties.isFailOnListenerError(),
				answerers.orderedStream().toList(), WebhookRecorder.all(recorders.orderedStream().toList()));
	}

	private static String path(WebhooksProperties properties, String provider) {
		return switch (provider) {
			case "clerk" -> properties.getClerk().getPath();
			case "resend" -> properties.getResend().getPath();
			case "supabase" -> properties.getSupabase().getPath();
			case "imagekit" -> properties.getImagekit().getPath();
			default -> properties.getCloudinary().getPath();
		};
	}

}
