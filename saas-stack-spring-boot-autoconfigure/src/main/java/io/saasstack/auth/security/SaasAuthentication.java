package io.saasstack.auth.security;

import java.util.Collection;

import io.saasstack.auth.SaasUser;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authentication of a request with a verified Clerk or Supabase token: the principal is the
 * {@link SaasUser}, the credentials the verified {@link Jwt}.
 *
 * @since 0.1.0
 */
public class SaasAuthentication extends AbstractAuthenticationToken {

	private final SaasUser user;

	private final Jwt token;

	public SaasAuthentication(SaasUser user, Jwt token, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.user = user;
		this.token = token;
		setAuthenticated(true);
	}

	@Override
	public SaasUser getPrincipal() {
		return this.user;
	}

	@Override
	public Jwt getCredentials() {
		return this.token;
	}

	/** The verified token. */
	public Jwt getToken() {
		return this.token;
	}

	@Override
	public String getName() {
		return this.user.id();
	}

}
