package io.saasstack.auth.autoconfigure;

import io.saasstack.auth.supabase.SupabaseHttpClients;
import io.saasstack.auth.supabase.SupabaseUsers;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * The Supabase project's API, when Supabase verifies tokens or its secret key is set (whichever
 * provider verifies tokens): the client of the project (key set, health) and the admin API.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SupabaseApiConfiguration.OnSupabaseApiCondition.class)
@ConditionalOnBean(SaasHttpClientFactory.class)
class SupabaseApiConfiguration {

	SupabaseApiConfiguration(AuthProperties properties) {
		if (properties.getSupabase().effectiveBaseUrl() == null) {
			throw new InvalidSaasPropertyException("saas.auth.supabase.url",
					"it is not set while 'saas.auth.supabase.secret-key' is, so the admin API has no project to call",
					"Set 'saas.auth.supabase.url' to your project URL, for example https://<project-ref>.supabase.co, "
							+ "or remove 'saas.auth.supabase.secret-key'.");
		}
	}

	@Bean
	@ConditionalOnMissingBean(name = "supabaseHttpClient")
	SaasHttpClient supabaseHttpClient(SaasHttpClientFactory factory, AuthProperties properties) {
		return SupabaseHttpClients.httpClient(factory, properties.getSupabase(), apiKey(properties));
	}

	// a user's ReactiveUserDirectory is injected instead (see AuthAutoConfiguration#reactiveUserDirectory)
	@Bean
	@Fallback
	@ConditionalOnMissingBean
	@ConditionalOnProperty("saas.auth.supabase.secret-key")
	SupabaseUsers supabaseUsers(SaasHttpClientFactory factory, AuthProperties properties) {
		AuthProperties.Supabase supabase = properties.getSupabase();
		return new SupabaseUsers(SupabaseUsers.httpClient(factory, supabase, supabase.effectiveBaseUrl(),
				supabase.getSecretKey()));
	}

	private static @Nullable String apiKey(AuthProperties properties) {
		AuthProperties.Supabase supabase = properties.getSupabase();
		return (supabase.getPublishableKey() != null) ? supabase.getPublishableKey() : supabase.getSecretKey();
	}

	static final class OnSupabaseApiCondition extends AnyNestedCondition {

		OnSupabaseApiCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@Conditional(AuthProviderCondition.Supabase.class)
		static final class VerifiesTokens {

		}

		@ConditionalOnProperty("saas.auth.supabase.secret-key")
		static final class SecretKey {

		}

	}

}
