package io.saasstack.auth.autoconfigure;

import java.time.Clock;
import java.util.Map;

import io.saasstack.auth.clerk.ClerkClaims;
import io.saasstack.auth.clerk.ClerkJwks;
import io.saasstack.auth.clerk.ClerkJwtDecoder;
import io.saasstack.auth.clerk.ClerkMachineAuthenticator;
import io.saasstack.auth.clerk.ClerkMachineTokenCache;
import io.saasstack.auth.clerk.ClerkMachineTokens;
import io.saasstack.auth.clerk.ClerkPublishableKey;
import io.saasstack.auth.clerk.ClerkTokenResolver;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.clerk.ReactiveClerkJwtDecoder;
import io.saasstack.auth.security.MachineTokenAuthenticator;
import io.saasstack.auth.security.SaasAuthoritiesMapper;
import io.saasstack.auth.security.SaasJwtAuthenticationConverter;
import io.saasstack.auth.security.TokenExtractor;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasHttpClientFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Clerk: session-token verification as {@code @clerk/backend} does it (networkless with the PEM
 * key, else the instance's key set from the Backend API), the principal mapping, the token from
 * the {@code Authorization} header or the {@code __session} cookie, and the machine tokens (API
 * keys, M2M and OAuth tokens) for the chains that accept them. The key set and the Backend API
 * users come from {@link ClerkBackendApiConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AuthProviderCondition.Clerk.class)
@ConditionalOnBean(SaasHttpClientFactory.class)
class ClerkAuthConfiguration {

	private static final Log logger = LogFactory.getLog(ClerkAuthConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ClerkTokenVerifier clerkTokenVerifier(AuthProperties properties, ObjectProvider<ClerkJwks> jwks,
			ObjectProvider<Clock> clock) {
		AuthProperties.Clerk clerk = properties.getClerk();
		ClerkTokenVerifier.Builder builder;
		if (clerk.getJwtKey() != null) {
			builder = ClerkTokenVerifier.withJwtKey(clerk.getJwtKey());
		}
		else {
			ClerkJwks keys = jwks.getIfAvailable();
			if (keys == null) {
				throw new InvalidSaasPropertyException("saas.auth.clerk.secret-key",
						"Clerk tokens cannot be verified without keys: neither it nor 'saas.auth.clerk.jwt-key' is set",
						"Set 'saas.auth.clerk.secret-key' (the key set is then fetched from the Backend API) or "
								+ "'saas.auth.clerk.jwt-key' (the PEM public key, no network).");
			}
			builder = ClerkTokenVerifier.withJwks(keys);
		}
		return builder.issuer(clerk.getIssuer())
			.publishableKey(publishableKey(properties))
			.authorizedParties(clerk.getAuthorizedParties())
			.audiences(clerk.getAudiences())
			.clockSkew(properties.getClockSkew())
			.clock(clock.getIfUnique(Clock::systemUTC))
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(MachineTokenAuthenticator.class)
	ClerkMachineAuthenticator clerkMachineAuthenticator(ClerkTokenVerifier verifier, AuthProperties properties,
			SaasHttpClientFactory factory) {
		AuthProperties.Clerk clerk = properties.getClerk();
		ClerkMachineTokens opaque = null;
		if (clerk.getSecretKey() != null) {
			String machineSecretKey = clerk.getMachineSecretKey();
			opaque = new ClerkMachineTokens(ClerkMachineTokens.httpClient(factory, clerk, clerk.getSecretKey()),
					(machineSecretKey != null) ? ClerkMachineTokens.httpClient(factory, clerk, machineSecretKey)
							: null,
					Clock.systemUTC(), properties.getClockSkew());
		}
		return new ClerkMachineAuthenticator(verifier, opaque, new ClerkMachineTokenCache(Clock.systemUTC(),
				clerk.getMachineTokenCacheTtl(), clerk.getMachineTokenCacheSize()));
	}

	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	ClerkJwtDecoder clerkJwtDecoder(ClerkTokenVerifier verifier) {
		return new ClerkJwtDecoder(verifier);
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveJwtDecoder.class)
	ReactiveClerkJwtDecoder reactiveClerkJwtDecoder(ClerkTokenVerifier verifier) {
		return new ReactiveClerkJwtDecoder(verifier);
	}

	@Bean
	@ConditionalOnMissingBean
	SaasJwtAuthenticationConverter saasJwtAuthenticationConverter(ObjectProvider<SaasAuthoritiesMapper> authorities) {
		return new SaasJwtAuthenticationConverter(ClerkClaims::user,
				authorities.getIfAvailable(() -> SaasAuthoritiesMapper.DEFAULT));
	}

	@Bean
	@ConditionalOnMissingBean
	TokenExtractor clerkTokenExtractor(AuthProperties properties) {
		ClerkTokenResolver resolver = new ClerkTokenResolver(publishableKey(properties), Clock.systemUTC());
		AuthProperties.Clerk clerk = properties.getClerk();
		if (!clerk.isSessionCookie()) {
			return (authorization, cookies) -> resolver.resolveToken(authorization, Map.of());
		}
		if (clerk.getAuthorizedParties().isEmpty()) {
			logger.warn("Clerk session cookies are accepted as tokens while 'saas.auth.clerk.authorized-parties' is "
					+ "empty: a session token issued to any front end of the instance is accepted. Set it to the "
					+ "origins of your front ends, or set 'saas.auth.clerk.session-cookie=false' to accept header "
					+ "tokens only.");
		}
		return resolver::resolveToken;
	}

	private static @Nullable ClerkPublishableKey publishableKey(AuthProperties properties) {
		String key = properties.getClerk().getPublishableKey();
		return (key != null) ? ClerkPublishableKey.parse(key) : null;
	}

}
