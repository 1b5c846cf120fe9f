package io.saasstack.auth.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import io.saasstack.auth.SaasOrganization;
import io.saasstack.auth.SaasUser;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authorities of an authenticated user. Declare a bean to replace {@link #DEFAULT}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SaasAuthoritiesMapper {

	/**
	 * The default mapping:
	 * <ul>
	 * <li>a Supabase role becomes {@code ROLE_<ROLE>}: {@code ROLE_AUTHENTICATED}, {@code ROLE_SERVICE_ROLE};</li>
	 * <li>a Clerk organisation role is kept as is ({@code org:admin}) and also becomes
	 * {@code ROLE_ORG_ADMIN}, for {@code hasRole("ORG_ADMIN")};</li>
	 * <li>organisation permissions are kept as is ({@code org:invoices:read}), for
	 * {@code hasAuthority("org:invoices:read")}.</li>
	 * </ul>
	 */
	SaasAuthoritiesMapper DEFAULT = (user) -> {
		List<GrantedAuthority> authorities = new ArrayList<>();
		if (user.role() != null) {
			authorities.add(new SimpleGrantedAuthority("ROLE_" + normalize(user.role())));
		}
		SaasOrganization organization = user.organization();
		if (organization != null) {
			if (organization.role() != null) {
				authorities.add(new SimpleGrantedAuthority(organization.role()));
				authorities.add(new SimpleGrantedAuthority("ROLE_" + normalize(organization.role())));
			}
			organization.permissions().forEach((permission) -> authorities.add(new SimpleGrantedAuthority(permission)));
		}
		return authorities;
	};

	Collection<? extends GrantedAuthority> authorities(SaasUser user);

	private static String normalize(String role) {
		return role.replace(':', '_').replace('-', '_').toUpperCase(Locale.ROOT);
	}

}
