package io.saasstack.auth.autoconfigure;

import java.time.Clock;

import io.saasstack.auth.security.SaasAuthoritiesMapper;
import io.saasstack.auth.security.SaasJwtAuthenticationConverter;
import io.saasstack.auth.supabase.ReactiveSupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseClaims;
import io.saasstack.auth.supabase.SupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Supabase Auth: token verification (asymmetric keys from the project's key set, or the legacy
 * HS256 secret) and the principal mapping. The project's client ({@code supabaseHttpClient}) and
 * the admin API come from {@link SupabaseApiConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(AuthProviderCondition.Supabase.class)
@ConditionalOnBean(SaasHttpClientFactory.class)
class SupabaseAuthConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SupabaseJwtVerifier supabaseJwtVerifier(@Qualifier("supabaseHttpClient") SaasHttpClient supabaseHttpClient,
			AuthProperties properties, ObjectProvider<Clock> clock) {
		AuthProperties.Supabase supabase = properties.getSupabase();
		return SupabaseJwtVerifier.builder(supabaseHttpClient, supabase.getUrl())
			.jwtSecret(supabase.getJwtSecret())
			.clockSkew(properties.getClockSkew())
			.clock(clock.getIfUnique(Clock::systemUTC))
			.jwksTimeout(supabase.getJwksTimeout())
			.verifiedTokens(supabase.getVerifiedTokens().getMaxEntries(), supabase.getVerifiedTokens().getTimeToLive())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean(JwtDecoder.class)
	SupabaseJwtDecoder supabaseJwtDecoder(SupabaseJwtVerifier verifier) {
		return new SupabaseJwtDecoder(verifier);
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveJwtDecoder.class)
	ReactiveSupabaseJwtDecoder reactiveSupabaseJwtDecoder(SupabaseJwtVerifier verifier) {
		return new ReactiveSupabaseJwtDecoder(verifier);
	}

	@Bean
	@ConditionalOnMissingBean
	SaasJwtAuthenticationConverter saasJwtAuthenticationConverter(ObjectProvider<SaasAuthoritiesMapper> authorities) {
		return new SaasJwtAuthenticationConverter(SupabaseClaims::toUser,
				authorities.getIfAvailable(() -> SaasAuthoritiesMapper.DEFAULT));
	}

}
