package io.saasstack.auth.security;

import java.util.List;
import java.util.Map;

import io.saasstack.auth.SaasOrganization;
import io.saasstack.auth.SaasUser;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default authority mapping, rule by rule as README's auth section documents it: a Supabase
 * role becomes {@code ROLE_<ROLE>}; a Clerk organisation role stays ({@code org:admin}) and also
 * becomes {@code ROLE_ORG_ADMIN}; permissions stay as they are.
 */
class SaasAuthoritiesMapperTests {

	@Test
	void aSupabaseRoleBecomesARole() {
		assertThat(authorities(user("supabase", "authenticated", null))).containsExactly("ROLE_AUTHENTICATED");
		assertThat(authorities(user("supabase", "service_role", null))).containsExactly("ROLE_SERVICE_ROLE");
	}

	@Test
	void aClerkOrganisationRoleStaysAndBecomesARoleAndPermissionsStay() {
		SaasOrganization organization = new SaasOrganization("org_1", "acme", "org:admin",
				List.of("org:invoices:read", "org:invoices:write"));
		assertThat(authorities(user("clerk", null, organization))).containsExactly("org:admin", "ROLE_ORG_ADMIN",
				"org:invoices:read", "org:invoices:write");
	}

	@Test
	void colonsAndDashesOfARoleBecomeUnderscoresInUpperCase() {
		SaasOrganization organization = new SaasOrganization("org_1", null, "org:billing-manager", List.of());
		assertThat(authorities(user("clerk", "Team-Lead", organization))).containsExactly("ROLE_TEAM_LEAD",
				"org:billing-manager", "ROLE_ORG_BILLING_MANAGER");
	}

	@Test
	void permissionsWithoutAnOrganisationRoleStayAlone() {
		SaasOrganization organization = new SaasOrganization("org_1", null, null, List.of("org:reports:read"));
		assertThat(authorities(user("clerk", null, organization))).containsExactly("org:reports:read");
	}

	@Test
	void aUserWithoutRoleOrOrganisationHasNoAuthority() {
		assertThat(authorities(user("clerk", null, null))).isEmpty();
	}

	private static List<String> authorities(SaasUser user) {
		return SaasAuthoritiesMapper.DEFAULT.authorities(user).stream().map(GrantedAuthority::getAuthority).toList();
	}

	private static SaasUser user(String provider, @Nullable String role, @Nullable SaasOrganization organization) {
		return new SaasUser(provider, "user_1", null, null, role, organization, Map.of(), Map.of(), null, null, Map.of());
	}

}
