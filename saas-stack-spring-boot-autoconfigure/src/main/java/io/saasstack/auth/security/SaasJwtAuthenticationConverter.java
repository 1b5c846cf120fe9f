package io.saasstack.auth.security;

import java.util.function.Function;

import io.saasstack.auth.SaasUser;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Turns a verified token into a {@link SaasAuthentication}, so that controllers receive
 * {@code @AuthenticationPrincipal SaasUser}.
 *
 * @since 0.1.0
 */
public final class SaasJwtAuthenticationConverter implements Converter<Jwt, SaasAuthentication> {

	private final Function<Jwt, SaasUser> users;

	private final SaasAuthoritiesMapper authorities;

	/**
	 * @param users the provider's claims mapping
	 * @param authorities the authorities of a user
	 */
	public SaasJwtAuthenticationConverter(Function<Jwt, SaasUser> users, SaasAuthoritiesMapper authorities) {
		this.users = users;
		this.authorities = authorities;
	}

	@Override
	public SaasAuthentication convert(Jwt jwt) {
		SaasUser user = this.users.apply(jwt);
		return new SaasAuthentication(user, jwt, this.authorities.authorities(user));
	}

}
