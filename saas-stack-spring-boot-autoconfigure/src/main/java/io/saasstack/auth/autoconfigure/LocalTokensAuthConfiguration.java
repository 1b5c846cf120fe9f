package io.saasstack.auth.autoconfigure;

import java.util.List;

import io.saasstack.auth.clerk.ClerkClaims;
import io.saasstack.auth.clerk.ClerkJwtDecoder;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.clerk.ReactiveClerkJwtDecoder;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.auth.security.SaasAuthoritiesMapper;
import io.saasstack.auth.security.SaasJwtAuthenticationConverter;
import io.saasstack.auth.security.TokenExtractor;
import io.saasstack.core.SaasPropertyChecks;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Local development tokens ({@code saas.auth.local-tokens.enabled}): when no identity provider is
 * configured, tokens of the Clerk shape signed by an in-memory key ({@link LocalTokenIssuer}),
 * verified by the Clerk verifier with that key and mapped to users of provider {@code local}.
 * With a provider configured the flag does nothing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("saas.auth.local-tokens.enabled")
class LocalTokensAuthConfiguration {

	private static final Log logger = LogFactory.getLog(LocalTokensAuthConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@Conditional(AuthProviderCondition.None.class)
	static class LocalTokensConfiguration {

		LocalTokensConfiguration(Environment environment) {
			// the worst stand-in to keep by mistake: it accepts tokens the application mints itself
			SaasPropertyChecks.requireUnsetUnderAot(environment, "local development tokens", "saas.auth.provider",
					"saas.auth.clerk.publishable-key", "saas.auth.clerk.jwt-key", "saas.auth.clerk.secret-key",
					"saas.auth.supabase.url");
			logger.warn("saas.auth.local-tokens.enabled is set and no identity provider is configured: "
					+ "tokens signed by an in-memory development key are accepted. Never enable it in production.");
		}

		@Bean
		@ConditionalOnMissingBean
		LocalTokenIssuer localTokenIssuer(AuthProperties properties) {
			return LocalTokenIssuer.clerk(null, null).withLifetime(properties.getLocalTokens().getLifetime());
		}

		@Bean
		@ConditionalOnMissingBean(JwtDecoder.class)
		ClerkJwtDecoder localTokenJwtDecoder(LocalTokenIssuer issuer, AuthProperties properties) {
			return new ClerkJwtDecoder(verifier(issuer, properties));
		}

		@Bean
		@ConditionalOnMissingBean(ReactiveJwtDecoder.class)
		ReactiveClerkJwtDecoder reactiveLocalTokenJwtDecoder(LocalTokenIssuer issuer, AuthProperties properties) {
			return new ReactiveClerkJwtDecoder(verifier(issuer, properties));
		}

		@Bean
		@ConditionalOnMissingBean
		SaasJwtAuthenticationConverter saasJwtAuthenticationConverter(
				ObjectProvider<SaasAuthoritiesMapper> authorities) {
			return new SaasJwtAuthenticationConverter((jwt) -> ClerkClaims.user(jwt, LocalTokenIssuer.PROVIDER),
					authorities.getIfAvailable(() -> SaasAuthoritiesMapper.DEFAULT));
		}

		@Bean
		@ConditionalOnMissingBean
		TokenExtractor localTokenExtractor() {
			return TokenExtractor.BEARER_HEADER;
		}

		private static ClerkTokenVerifier verifier(LocalTokenIssuer issuer, AuthProperties properties) {
			String authorizedParty = issuer.authorizedParty();
			return ClerkTokenVerifier.withJwtKey(issuer.publicKeyPem())
				.issuer(issuer.issuer())
				.authorizedParties((authorizedParty != null) ? List.of(authorizedParty) : List.of())
				.clockSkew(properties.getClockSkew())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(AuthProviderCondition.Any.class)
	static class ProviderConfigured {

		ProviderConfigured(Environment environment) {
			logger.info("saas.auth.local-tokens.enabled is ignored: the identity provider "
					+ AuthProviderCondition.selected(environment) + " is configured.");
		}

	}

}
