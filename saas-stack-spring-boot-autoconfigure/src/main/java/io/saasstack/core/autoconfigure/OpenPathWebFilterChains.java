package io.saasstack.core.autoconfigure;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

/**
 * The reactive security chains of the paths we serve without authentication (the webhook
 * endpoints, the local console), and Spring Security's default chain, which a chain of ours would
 * otherwise remove.
 *
 * @since 0.2.0
 */
public final class OpenPathWebFilterChains {

	private OpenPathWebFilterChains() {
	}

	/**
	 * A chain for the matched paths only: every exchange permitted, no CSRF tokens, no request
	 * cache, no security context kept; the caller adds what else it needs and builds it.
	 */
	public static ServerHttpSecurity openPaths(ServerHttpSecurity http, ServerWebExchangeMatcher paths) {
		return http.securityMatcher(paths)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
	}

	/**
	 * Spring Security's default chain ({@code WebFluxSecurityConfiguration}): every exchange
	 * authenticated, HTTP Basic and form login. It exists only when the application declares no
	 * {@code SecurityWebFilterChain}, so a chain of ours for a few paths declares it again when no
	 * other is declared, or every other path would be open.
	 */
	public static SecurityWebFilterChain springSecurityDefault(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.httpBasic(Customizer.withDefaults())
			.formLogin(Customizer.withDefaults())
			.build();
	}

}
