package io.saasstack.sample;

import io.saasstack.auth.security.SaasResourceServer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API needs a Clerk or Supabase token (or, in the dev profile, a local one); status, health
 * and the developer tools are open. The webhook endpoints have their own chain (saas-stack's).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

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
