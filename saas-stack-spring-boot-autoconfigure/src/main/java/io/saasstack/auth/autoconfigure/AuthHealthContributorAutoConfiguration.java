package io.saasstack.auth.autoconfigure;

import io.saasstack.auth.clerk.ClerkJwks;
import io.saasstack.auth.clerk.ClerkJwksHealthCheck;
import io.saasstack.auth.supabase.SupabaseJwksHealthCheck;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.core.health.SaasHealthCheck;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the Clerk or Supabase entry of the
 * {@code saas} health contributor: the key set is reachable.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = AuthAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnClass({ Health.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnEnabledHealthIndicator("saas")
public final class AuthHealthContributorAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(ClerkJwks.class)
	static class ClerkHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "clerkHealthCheck")
		SaasHealthCheck clerkHealthCheck(ClerkJwks clerkJwks) {
			return new ClerkJwksHealthCheck(clerkJwks);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(name = "supabaseHttpClient")
	static class SupabaseHealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "supabaseHealthCheck")
		SaasHealthCheck supabaseHealthCheck(@Qualifier("supabaseHttpClient") SaasHttpClient supabaseHttpClient,
				AuthProperties properties) {
			boolean apiKey = properties.getSupabase().getPublishableKey() != null
					|| properties.getSupabase().getSecretKey() != null;
			return new SupabaseJwksHealthCheck(supabaseHttpClient, apiKey);
		}

	}

}
