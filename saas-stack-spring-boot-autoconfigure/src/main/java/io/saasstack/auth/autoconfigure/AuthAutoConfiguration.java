package io.saasstack.auth.autoconfigure;

import java.util.List;
import java.util.stream.Stream;

import io.saasstack.auth.BlockingUserDirectory;
import io.saasstack.auth.ReactiveUserDirectory;
import io.saasstack.auth.UserDirectory;
import io.saasstack.auth.clerk.ClerkUsers;
import io.saasstack.auth.supabase.SupabaseUsers;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of authentication: token verification for
 * the configured identity provider ({@code saas.auth.provider}, else Clerk when a Clerk key is
 * set, else Supabase with its URL), the {@code SaasUser} principal mapping, and the admin API of
 * every provider whose secret key is set (whichever verifies tokens); without a provider, local
 * development tokens when {@code saas.auth.local-tokens.enabled} is set.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SaasCoreAutoConfiguration.class, before = SaasHealthContributorAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "saas.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuthProperties.class)
@Import({ ClerkBackendApiConfiguration.class, SupabaseApiConfiguration.class,
		AuthAutoConfiguration.ProviderConfigurations.class })
public final class AuthAutoConfiguration {

	// both admin clients: the token provider's is the directory. A user's ReactiveUserDirectory wins
	// over the providers' (@Fallback) and replaces this selection
	@Bean
	@Primary
	@ConditionalOnMissingBean(value = ReactiveUserDirectory.class, ignored = { ClerkUsers.class, SupabaseUsers.class })
	@ConditionalOnBean({ ClerkUsers.class, SupabaseUsers.class })
	ReactiveUserDirectory reactiveUserDirectory(ObjectProvider<ClerkUsers> clerk,
			ObjectProvider<SupabaseUsers> supabase, Environment environment) {
		List<ReactiveUserDirectory> directories = Stream
			.<ReactiveUserDirectory>concat(clerk.stream(), supabase.stream())
			.toList();
		String provider = AuthProviderCondition.selected(environment);
		return directories.stream()
			.filter((directory) -> (directory instanceof ClerkUsers) ? "clerk".equals(provider)
					: "supabase".equals(provider))
			.findFirst()
			.orElse(directories.get(0));
	}

	@Bean
	@ConditionalOnMissingBean(UserDirectory.class)
	@ConditionalOnBean(ReactiveUserDirectory.class)
	BlockingUserDirectory userDirectory(ReactiveUserDirectory reactiveUserDirectory) {
		return new BlockingUserDirectory(reactiveUserDirectory);
	}

	/**
	 * The providers, when Spring Security's JWT support is present.
	 */
	@ConditionalOnClass(JwtDecoder.class)
	@Import({ ClerkAuthConfiguration.class, SupabaseAuthConfiguration.class, LocalTokensAuthConfiguration.class })
	static class ProviderConfigurations {

	}

}
