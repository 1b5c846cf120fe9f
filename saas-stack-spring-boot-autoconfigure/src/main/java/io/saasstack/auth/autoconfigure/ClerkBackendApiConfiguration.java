package io.saasstack.auth.autoconfigure;

import java.time.Clock;

import com.nimbusds.jose.jwk.JWKSet;
import io.saasstack.auth.clerk.ClerkJwks;
import io.saasstack.auth.clerk.ClerkOrganizations;
import io.saasstack.auth.clerk.ClerkUsers;
import io.saasstack.auth.clerk.ReactiveClerkOrganizations;
import io.saasstack.core.SaasHttpClientFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;

/**
 * Clerk's Backend API with the secret key, whichever provider verifies tokens: the users and the
 * instance's key set (which verifies Clerk tokens when Clerk is the provider, and backs the health), and
 * the organizations.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("saas.auth.clerk.secret-key")
@ConditionalOnBean(SaasHttpClientFactory.class)
class ClerkBackendApiConfiguration {

	// a user's ReactiveUserDirectory is injected instead (see AuthAutoConfiguration#reactiveUserDirectory)
	@Bean
	@Fallback
	@ConditionalOnMissingBean
	ClerkUsers clerkUsers(SaasHttpClientFactory factory, AuthProperties properties) {
		AuthProperties.Clerk clerk = properties.getClerk();
		return new ClerkUsers(ClerkUsers.httpClient(factory, clerk, clerk.getSecretKey()));
	}

	@Bean
	@ConditionalOnMissingBean
	ReactiveClerkOrganizations reactiveClerkOrganizations(SaasHttpClientFactory factory, AuthProperties properties) {
		AuthProperties.Clerk clerk = properties.getClerk();
		return new ReactiveClerkOrganizations(ClerkUsers.httpClient(factory, clerk, clerk.getSecretKey()));
	}

	@Bean
	@ConditionalOnMissingBean
	ClerkOrganizations clerkOrganizations(ReactiveClerkOrganizations reactiveClerkOrganizations) {
		return new ClerkOrganizations(reactiveClerkOrganizations);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JWKSet.class)
	static class ClerkJwksConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ClerkJwks clerkJwks(SaasHttpClientFactory factory, AuthProperties properties, ObjectProvider<Clock> clock) {
			AuthProperties.Clerk clerk = properties.getClerk();
			return new ClerkJwks(ClerkJwks.httpClient(factory, clerk, clerk.getSecretKey()), clerk.getSecretKey(),
					clock.getIfUnique(Clock::systemUTC), ClerkJwks.DEFAULT_TIME_TO_LIVE, ClerkJwks.DEFAULT_REFETCH_FLOOR,
					clerk.getJwksTimeout());
		}

	}

}
