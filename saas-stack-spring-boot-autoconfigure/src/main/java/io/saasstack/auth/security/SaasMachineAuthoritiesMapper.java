package io.saasstack.auth.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.saasstack.auth.SaasMachine;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authorities of an authenticated machine. Declare a bean to replace {@link #DEFAULT}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SaasMachineAuthoritiesMapper {

	/**
	 * Each scope becomes {@code SCOPE_<scope>}, as Spring Security maps OAuth scopes:
	 * {@code @PreAuthorize("hasAuthority('SCOPE_reports:read')")}.
	 */
	SaasMachineAuthoritiesMapper DEFAULT = (machine) -> {
		List<GrantedAuthority> authorities = new ArrayList<>(machine.scopes().size());
		machine.scopes().forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		return authorities;
	};

	Collection<? extends GrantedAuthority> authorities(SaasMachine machine);

}
