package io.saasstack.auth.security;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import io.saasstack.auth.SaasTokenType;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.resource.OAuth2ResourceServerConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.util.Assert;

/**
 * saas-stack token authentication for a servlet application's own filter chain, in one line:
 * {@code http.oauth2ResourceServer(saasResourceServer)}. Requests without a valid token get 401
 * with {@code WWW-Authenticate}, never a redirect; its {@code error_description} is the fixed
 * description of a {@link TokenFailure} (see {@link PublicTokenFailures}), repeated in an RFC 9457
 * problem body. CSRF protection stays the chain's: see the README, "Security rules".
 * <p>
 * The token types accepted are those of {@code saas.auth.clerk.accepted-token-types} (session
 * tokens only by default); a chain accepts others with {@link #accepting}, for example
 * {@code http.oauth2ResourceServer(saasResourceServer.accepting(SaasTokenType.M2M_TOKEN))}.
 * Machine tokens count only in the {@code Authorization} header, never in a cookie.
 *
 * @since 0.1.0
 */
public final class SaasResourceServer implements Customizer<OAuth2ResourceServerConfigurer<HttpSecurity>> {

	private static final Set<SaasTokenType> SESSION_ONLY = EnumSet.of(SaasTokenType.SESSION_TOKEN);

	private final JwtDecoder decoder;

	private final SaasJwtAuthenticationConverter converter;

	private final BearerTokenResolver tokenResolver;

	private final @Nullable MachineTokenAuthenticator machines;

	private final SaasMachineAuthoritiesMapper machineAuthorities;

	private final Set<SaasTokenType> accepted;

	/** Session tokens only. */
	public SaasResourceServer(JwtDecoder decoder, SaasJwtAuthenticationConverter converter,
			BearerTokenResolver tokenResolver) {
		this(decoder, converter, tokenResolver, null, SaasMachineAuthoritiesMapper.DEFAULT, SESSION_ONLY);
	}

	/**
	 * @param decoder the session-token decoder
	 * @param converter the session-token principal mapping
	 * @param tokenResolver finds the token of a request
	 * @param machines verifies machine tokens, or null when the provider has none
	 * @param machineAuthorities the authorities of a machine
	 * @param accepted the token types accepted
	 */
	public SaasResourceServer(JwtDecoder decoder, SaasJwtAuthenticationConverter converter,
			BearerTokenResolver tokenResolver, @Nullable MachineTokenAuthenticator machines,
			SaasMachineAuthoritiesMapper machineAuthorities, Set<SaasTokenType> accepted) {
		Assert.notEmpty(accepted, "accepted must not be empty");
		Assert.isTrue(machines != null || accepted.equals(SESSION_ONLY),
				() -> "Accepting " + accepted + " needs a machine-token verifier: machine tokens are Clerk's, "
						+ "verified with 'saas.auth.clerk.secret-key' or 'saas.auth.clerk.jwt-key'");
		this.decoder = decoder;
		this.converter = converter;
		this.tokenResolver = tokenResolver;
		this.machines = machines;
		this.machineAuthorities = machineAuthorities;
		this.accepted = Set.copyOf(accepted);
	}

	/** The same authentication accepting exactly the given token types, for one chain. */
	public SaasResourceServer accepting(SaasTokenType... types) {
		Assert.notEmpty(types, "types must not be empty");
		return new SaasResourceServer(this.decoder, this.converter, this.tokenResolver, this.machines,
				this.machineAuthorities, EnumSet.copyOf(Arrays.asList(types)));
	}

	/** The token types accepted. */
	public Set<SaasTokenType> acceptedTokenTypes() {
		return this.accepted;
	}

	@Override
	public void customize(OAuth2ResourceServerConfigurer<HttpSecurity> resourceServer) {
		resourceServer.bearerTokenResolver(this.tokenResolver)
			.authenticationEntryPoint(new BearerTokenProblemEntryPoint());
		if (this.machines == null) {
			resourceServer.jwt((jwt) -> jwt.decoder(PublicTokenFailures.of(this.decoder))
				.jwtAuthenticationConverter(this.converter));
			return;
		}
		// With machine tokens, always a resolver, never jwt(): Spring Security applies the
		// SaasResourceServer bean to every HttpSecurity (a top-level Customizer bean), and a chain's
		// own accepting(...) must then replace it, which jwt() beside a resolver would forbid.
		JwtAuthenticationProvider sessions = new JwtAuthenticationProvider(PublicTokenFailures.of(this.decoder));
		sessions.setJwtAuthenticationConverter(this.converter);
		AuthenticationManager sessionManager = sessions::authenticate;
		if (this.accepted.equals(SESSION_ONLY)) {
			// no routing: the session-token verifier refuses machine tokens itself, parsing each token once
			resourceServer.authenticationManagerResolver((request) -> sessionManager);
			return;
		}
		TokenTypeRouter router = new TokenTypeRouter(this.machines, this.machineAuthorities, this.accepted);
		resourceServer.authenticationManagerResolver(
				(request) -> router.servlet(sessionManager, headerToken(request)));
	}

	/** The token the resolver finds when the request has no cookies: the header's, which always wins. */
	private @Nullable String headerToken(HttpServletRequest request) {
		try {
			return this.tokenResolver.resolve(new WithoutCookies(request));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public String toString() {
		return "SaasResourceServer[accepting " + this.accepted + "]";
	}

	private static final class WithoutCookies extends HttpServletRequestWrapper {

		WithoutCookies(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Cookie @Nullable [] getCookies() {
			return null;
		}

		@Override
		public @Nullable String getHeader(String name) {
			return HttpHeaders.COOKIE.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public java.util.Enumeration<String> getHeaders(String name) {
			return HttpHeaders.COOKIE.equalsIgnoreCase(name) ? java.util.Collections.emptyEnumeration()
					: super.getHeaders(name);
		}

	}

}
