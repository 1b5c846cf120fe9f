package io.saasstack.test;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthProperties;
import io.saasstack.auth.autoconfigure.AuthProviderCondition;
import io.saasstack.auth.clerk.ClerkPublishableKey;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.auth.supabase.SupabaseHttpClients;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * {@link EnableAutoConfiguration Auto-configuration} imported by {@link AutoConfigureSaasStack}:
 * the {@link LocalTokenIssuer} shaped for the configured provider, the verifier of that provider
 * trusting its key (so the real verifier's own keys are never fetched), {@link SaasTestTokens},
 * and in WireMock mode the key-set stubs and, with Clerk, the verify stubs of the opaque machine
 * tokens it mints. Runs before the auth auto-configuration, whose
 * verifier and issuer back off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = AuthAutoConfiguration.class)
@ConditionalOnClass({ JwtDecoder.class, LocalTokenIssuer.class, com.nimbusds.jose.JWSSigner.class })
@ConditionalOnBooleanProperty(name = "saas.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AuthProperties.class)
public final class SaasStackTestAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LocalTokenIssuer saasTestTokenIssuer(Environment environment, AuthProperties properties) {
		String provider = AuthProviderCondition.selected(environment);
		if ("clerk".equals(provider)) {
			AuthProperties.Clerk clerk = properties.getClerk();
			return LocalTokenIssuer.clerk(clerkIssuer(clerk),
					clerk.getAuthorizedParties().isEmpty() ? null : clerk.getAuthorizedParties().get(0));
		}
		if ("supabase".equals(provider) && properties.getSupabase().getUrl() != null) {
			return LocalTokenIssuer.supabase(SupabaseJwtVerifier.issuer(properties.getSupabase().getUrl()));
		}
		return LocalTokenIssuer.clerk(null, null).withLifetime(properties.getLocalTokens().getLifetime());
	}

	@Bean
	@ConditionalOnMissingBean
	SaasTestTokens saasTestTokens(LocalTokenIssuer issuer, ObjectProvider<MachineTokenStubs> machineTokenStubs) {
		return new SaasTestTokens(issuer, machineTokenStubs.getIfAvailable());
	}

	private static @Nullable String clerkIssuer(AuthProperties.Clerk clerk) {
		if (clerk.getIssuer() != null && !clerk.getIssuer().isBlank()) {
			return clerk.getIssuer();
		}
		return (clerk.getPublishableKey() != null) ? ClerkPublishableKey.parse(clerk.getPublishableKey()).issuer()
				: null;
	}

	/**
	 * Clerk's verifier, configured as the real one but with the kit's key.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(AuthProviderCondition.Clerk.class)
	static class ClerkTokens {

		@Bean
		@ConditionalOnMissingBean
		ClerkTokenVerifier saasTestClerkTokenVerifier(LocalTokenIssuer issuer, AuthProperties properties) {
			AuthProperties.Clerk clerk = properties.getClerk();
			String publishableKey = clerk.getPublishableKey();
			return ClerkTokenVerifier.withJwtKey(issuer.publicKeyPem())
				.issuer(clerk.getIssuer())
				.publishableKey((publishableKey != null) ? ClerkPublishableKey.parse(publishableKey) : null)
				.authorizedParties(clerk.getAuthorizedParties())
				.audiences(clerk.getAudiences())
				.clockSkew(properties.getClockSkew())
				.build();
		}

	}

	/**
	 * Supabase's verifier, configured as the real one but trusting the kit's key set.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(AuthProviderCondition.Supabase.class)
	static class SupabaseTokens {

		@Bean
		@ConditionalOnMissingBean
		SupabaseJwtVerifier saasTestSupabaseJwtVerifier(LocalTokenIssuer issuer, AuthProperties properties,
				@Qualifier("supabaseHttpClient") ObjectProvider<SaasHttpClient> supabaseHttpClient) {
			AuthProperties.Supabase supabase = properties.getSupabase();
			SaasHttpClient http = supabaseHttpClient.getIfAvailable(
					() -> SupabaseHttpClients.httpClient(SaasHttpClientFactory.standalone(), supabase, null));
			return SupabaseJwtVerifier.builder(http, supabase.getUrl())
				.jwtSecret(supabase.getJwtSecret())
				.clockSkew(properties.getClockSkew())
				.publicKeys(issuer.jwkSet())
				.build();
		}

	}

	/**
	 * WireMock mode: the key sets served by the server are the kit's, and the opaque machine
	 * tokens of {@link SaasTestTokens} are answered as valid.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WireMockServer.class)
	@ConditionalOnBean(name = SaasWireMock.BEAN_NAME)
	static class WireMockKeys {

		@Bean
		@ConditionalOnMissingBean
		SaasWireMockKeys saasWireMockKeys(@Qualifier(SaasWireMock.BEAN_NAME) WireMockServer server,
				LocalTokenIssuer issuer) {
			SaasWireMock.stubKeys(server, issuer);
			return new SaasWireMockKeys(issuer.keyId());
		}

		@Bean
		@ConditionalOnMissingBean
		@Conditional(AuthProviderCondition.Clerk.class)
		MachineTokenStubs saasWireMockMachineTokenStubs(@Qualifier(SaasWireMock.BEAN_NAME) WireMockServer server) {
			return (token, content) -> SaasWireMock.stubMachineToken(server, token, content);
		}

	}

	/**
	 * The key the WireMock key-set stubs serve.
	 *
	 * @param keyId the {@code kid} of the kit's key
	 */
	record SaasWireMockKeys(String keyId) {

	}

}
