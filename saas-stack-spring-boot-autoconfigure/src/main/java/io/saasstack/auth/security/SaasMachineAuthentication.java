package io.saasstack.auth.security;

import java.util.Collection;

import io.saasstack.auth.SaasMachine;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * The authentication of a request with a verified machine token: the principal is the
 * {@link SaasMachine}. The token itself is not kept: {@link #getCredentials()} is null.
 *
 * @since 0.1.0
 */
public class SaasMachineAuthentication extends AbstractAuthenticationToken {

	private final SaasMachine machine;

	public SaasMachineAuthentication(SaasMachine machine, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.machine = machine;
		setAuthenticated(true);
	}

	@Override
	public SaasMachine getPrincipal() {
		return this.machine;
	}

	@Override
	public @Nullable Object getCredentials() {
		return null;
	}

	@Override
	public String getName() {
		return this.machine.subject();
	}

}
