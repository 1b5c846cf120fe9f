package io.saasstack.auth.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints of the auth area: the Supabase health responses Jackson reads by reflection
 * (named: they are private to their client). Users of Clerk and Supabase are read as maps.
 */
class AuthRuntimeHints implements RuntimeHintsRegistrar {

	static final String[] JSON_TYPES = {
			"io.saasstack.auth.supabase.SupabaseJwksHealthCheck$About",
			"io.saasstack.auth.supabase.SupabaseJwksHealthCheck$KeySet"
	};

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		for (String type : JSON_TYPES) {
			bindings.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(type, classLoader));
		}
	}

}
