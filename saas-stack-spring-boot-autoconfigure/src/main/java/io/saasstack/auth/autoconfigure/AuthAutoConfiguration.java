package io.saasstack.auth.autoconfigure;

import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of authentication: token verification for
 * the configured identity provider ({@code saas.auth.provider}, else Clerk when a Clerk key is
 * set, else Supabase with its URL), the {@code SaasUser} principal mapping and the admin API; without
 * a provider, local development tokens when {@code saas.auth.local-tokens.enabled} is set.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "saas.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuthProperties.class)
@Import(AuthAutoConfiguration.ProviderConfigurations.class)
public final class AuthAutoConfiguration {

	/**
	 * The providers, when Spring Security's JWT support is present.
	 */
	@ConditionalOnClass(JwtDecoder.class)
	@Import({ ClerkAuthConfiguration.class, SupabaseAuthConfiguration.class, LocalTokensAuthConfiguration.class })
	static class ProviderConfigurations {

	}

}
