package io.saasstack.auth.autoconfigure;

import io.saasstack.core.autoconfigure.JsonBindingRuntimeHints;

/**
 * Native-image hints of the auth area: the Supabase health responses Jackson reads by reflection
 * (named: they are private to their client). Users of Clerk and Supabase are read as maps.
 */
class AuthRuntimeHints extends JsonBindingRuntimeHints {

	AuthRuntimeHints() {
		super("io.saasstack.auth.supabase.SupabaseJwksHealthCheck$About",
				"io.saasstack.auth.supabase.SupabaseJwksHealthCheck$KeySet");
	}

}
