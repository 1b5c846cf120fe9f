package io.saasstack.sample;

import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.security.MachineTokenAuthenticator;
import io.saasstack.auth.security.SaasResourceServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API needs a Clerk or Supabase token (or, in the dev profile, a local one); status, health
 * and the developer tools are open. The webhook endpoints have their own chain (saas-stack's).
 * The reports also take Clerk machine tokens (M2M tokens, API keys), for the nightly report job;
 * the rest of the API, whose controllers take a signed-in user, does not.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	@Bean
	@Order(1)
	SecurityFilterChain reportsSecurity(HttpSecurity http, SaasResourceServer saasResourceServer,
			ObjectProvider<MachineTokenAuthenticator> machineTokens) throws Exception {
		http.securityMatcher("/api/reports/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			// machine tokens are Clerk's: with Supabase or local tokens, session tokens only
			.oauth2ResourceServer((machineTokens.getIfAvailable() != null)
					? saasResourceServer.accepting(SaasTokenType.SESSION_TOKEN, SaasTokenType.M2M_TOKEN,
							SaasTokenType.API_KEY)
					: saasResourceServer);
		return http.build();
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, SaasResourceServer saasResourceServer) throws Exception {
		// metrics are open for the README walkthrough; in production, serve the actuator on a management port
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/api/status", "/actuator/health/**", "/actuator/info", "/actuator/metrics/**", "/dev/**",
					"/error")
			.permitAll()
			.anyRequest()
			.authenticated())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			// a token API: no cookies are trusted, so there is nothing for CSRF to protect
			.csrf((csrf) -> csrf.disable())
			.oauth2ResourceServer(saasResourceServer);
		return http.build();
	}

}
