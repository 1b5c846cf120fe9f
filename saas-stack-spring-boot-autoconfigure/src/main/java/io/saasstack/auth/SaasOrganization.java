package io.saasstack.auth;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The organisation active in a session (Clerk): from v2 {@code o} claims or v1 {@code org_*}
 * claims, normalised: the role keeps Clerk's {@code org:} prefix ({@code org:admin}) and
 * permissions are the full keys ({@code org:invoices:read}), the v2 {@code fpm} bitmask decoded.
 *
 * @param id organisation id
 * @param slug organisation slug
 * @param role role in the organisation, for example {@code org:admin}
 * @param permissions permissions in the organisation
 * @since 0.1.0
 */
public record SaasOrganization(String id, @Nullable String slug, @Nullable String role, List<String> permissions) {

	public SaasOrganization {
		permissions = List.copyOf(permissions);
	}

}
