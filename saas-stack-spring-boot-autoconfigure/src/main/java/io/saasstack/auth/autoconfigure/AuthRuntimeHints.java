package io.saasstack.auth.autoconfigure;

import io.saasstack.core.autoconfigure.JsonBindingRuntimeHints;

/**
 * Native-image hints of the auth area: the Supabase health responses Jackson reads by reflection
 * (named: they are private to their client) and the Clerk organization records. Users of Clerk and
 * Supabase are read as maps.
 */
class AuthRuntimeHints extends JsonBindingRuntimeHints {

	AuthRuntimeHints() {
		super("io.saasstack.auth.supabase.SupabaseJwksHealthCheck$About",
				"io.saasstack.auth.supabase.SupabaseJwksHealthCheck$KeySet", "io.saasstack.auth.clerk.ClerkPage",
				"io.saasstack.auth.clerk.ClerkOrganization", "io.saasstack.auth.clerk.ClerkOrganizationMembership",
				"io.saasstack.auth.clerk.ClerkOrganizationMembership$PublicUserData",
				"io.saasstack.auth.clerk.ClerkOrganizationInvitation", "io.saasstack.auth.clerk.NewClerkOrganization",
				"io.saasstack.auth.clerk.ClerkOrganizationChanges", "io.saasstack.auth.clerk.NewClerkInvitation");
	}

}
