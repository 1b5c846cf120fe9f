package io.saasstack.auth.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import io.saasstack.auth.SaasTokenType;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.util.Assert;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * saas-stack token authentication for a reactive application's own filter chain, in one line:
 * {@code http.oauth2ResourceServer(saasServerResourceServer)}. Refusals carry the fixed
 * description of a {@link TokenFailure} (see {@link PublicTokenFailures}) in {@code WWW-Authenticate}
 * and an RFC 9457 problem body. CSRF protection stays the chain's: see the README, "Security rules".
 * <p>
 * The token types accepted are those of {@code saas.auth.clerk.accepted-token-types} (session
 * tokens only by default); a chain accepts others with {@link #accepting}. Machine tokens count
 * only in the {@code Authorization} header, never in a cookie.
 *
 * @since 0.1.0
 */
public final class SaasServerResourceServer implements Customizer<ServerHttpSecurity.OAuth2ResourceServerSpec> {

	private static final Set<SaasTokenType> SESSION_ONLY = EnumSet.of(SaasTokenType.SESSION_TOKEN);

	private final ReactiveJwtDecoder decoder;

	private final SaasJwtAuthenticationConverter converter;

	private final ServerAuthenticationConverter tokenConverter;

	private final @Nullable MachineTokenAuthenticator machines;

	private final SaasMachineAuthoritiesMapper machineAuthorities;

	private final Set<SaasTokenType> accepted;

	/** Session tokens only. */
	public SaasServerResourceServer(ReactiveJwtDecoder decoder, SaasJwtAuthenticationConverter converter,
			ServerAuthenticationConverter tokenConverter) {
		this(decoder, converter, tokenConverter, null, SaasMachineAuthoritiesMapper.DEFAULT, SESSION_ONLY);
	}

	/**
	 * @param decoder the session-token decoder
	 * @param converter the session-token principal mapping
	 * @param tokenConverter finds the token of an exchange
	 * @param machines verifies machine tokens, or null when the provider has none
	 * @param machineAuthorities the authorities of a machine
	 * @param accepted the token types accepted
	 */
	public SaasServerResourceServer(ReactiveJwtDecoder decoder, SaasJwtAuthenticationConverter converter,
			ServerAuthenticationConverter tokenConverter, @Nullable MachineTokenAuthenticator machines,
			SaasMachineAuthoritiesMapper machineAuthorities, Set<SaasTokenType> accepted) {
		Assert.notEmpty(accepted, "accepted must not be empty");
		Assert.isTrue(machines != null || accepted.equals(SESSION_ONLY),
				() -> "Accepting " + accepted + " needs a machine-token verifier: machine tokens are Clerk's, "
						+ "verified with 'saas.auth.clerk.secret-key' or 'saas.auth.clerk.jwt-key'");
		this.decoder = decoder;
		this.converter = converter;
		this.tokenConverter = tokenConverter;
		this.machines = machines;
		this.machineAuthorities = machineAuthorities;
		this.accepted = Set.copyOf(accepted);
	}

	/** The same authentication accepting exactly the given token types, for one chain. */
	public SaasServerResourceServer accepting(SaasTokenType... types) {
		Assert.notEmpty(types, "types must not be empty");
		return new SaasServerResourceServer(this.decoder, this.converter, this.tokenConverter, this.machines,
				this.machineAuthorities, EnumSet.copyOf(Arrays.asList(types)));
	}

	/** The token types accepted. */
	public Set<SaasTokenType> acceptedTokenTypes() {
		return this.accepted;
	}

	@Override
	public void customize(ServerHttpSecurity.OAuth2ResourceServerSpec resourceServer) {
		resourceServer.bearerTokenConverter(this.tokenConverter)
			.authenticationEntryPoint(new ServerBearerTokenProblemEntryPoint());
		if (this.machines == null) {
			resourceServer.jwt((jwt) -> jwt.jwtDecoder(PublicTokenFailures.of(this.decoder))
				.jwtAuthenticationConverter((token) -> Mono.just(this.converter.convert(token))));
			return;
		}
		// With machine tokens, always a resolver, never jwt(): a chain's own accepting(...) then
		// replaces whatever the SaasServerResourceServer bean configured before it.
		JwtReactiveAuthenticationManager sessions = new JwtReactiveAuthenticationManager(
				PublicTokenFailures.of(this.decoder));
		sessions.setJwtAuthenticationConverter((token) -> Mono.just(this.converter.convert(token)));
		if (this.accepted.equals(SESSION_ONLY)) {
			// no routing: the session-token verifier refuses machine tokens itself, parsing each token once
			resourceServer.authenticationManagerResolver((exchange) -> Mono.just(sessions));
			return;
		}
		TokenTypeRouter router = new TokenTypeRouter(this.machines, this.machineAuthorities, this.accepted);
		resourceServer.authenticationManagerResolver((exchange) -> headerToken(exchange)
			.map((token) -> router.reactive(sessions, token))
			.defaultIfEmpty(router.reactive(sessions, null))
			.cast(ReactiveAuthenticationManager.class));
	}

	/** The token the converter finds when the exchange has no cookies: the header's, which always wins. */
	private Mono<String> headerToken(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		ServerWebExchange withoutCookies = exchange.mutate().request(new WithoutCookies(request)).build();
		return this.tokenConverter.convert(withoutCookies)
			.ofType(BearerTokenAuthenticationToken.class)
			.map(BearerTokenAuthenticationToken::getToken)
			.onErrorResume((ex) -> Mono.empty());
	}

	@Override
	public String toString() {
		return "SaasServerResourceServer[accepting " + this.accepted + "]";
	}

	private static final class WithoutCookies extends ServerHttpRequestDecorator {

		private final HttpHeaders headers;

		WithoutCookies(ServerHttpRequest request) {
			super(request);
			HttpHeaders headers = HttpHeaders.copyOf(request.getHeaders());
			headers.remove(HttpHeaders.COOKIE);
			this.headers = HttpHeaders.readOnlyHttpHeaders(headers);
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

		@Override
		public MultiValueMap<String, HttpCookie> getCookies() {
			return new LinkedMultiValueMap<>();
		}

	}

}
