package io.saasstack.auth.supabase.hooks;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Applies an application's claim changes to the claims Supabase would issue, and checks the
 * result as Supabase Auth does after the hook: its JSON schema {@code MinimumViableTokenSchema}
 * ({@code supabase/auth:internal/tokens/service.go}) requires {@code aud}, {@code exp},
 * {@code iat}, {@code sub}, {@code email}, {@code phone}, {@code role}, {@code aal},
 * {@code session_id} and {@code is_anonymous}, and types {@code aud} (string or array), the
 * integer times, the string claims, the metadata objects and {@code amr}. The documentation also
 * names {@code iss} required: removing it, when it was there, is refused too.
 * {@code is_anonymous} must be a boolean (Supabase decodes it into one).
 */
final class SupabaseAccessTokenClaims {

	static final List<String> REQUIRED = List.of("iss", "aud", "exp", "iat", "sub", "role", "aal", "session_id",
			"email", "phone", "is_anonymous");

	/** Required by Supabase's schema even when the input lacks them (the input never lacks them). */
	private static final Set<String> REQUIRED_BY_SCHEMA = Set.of("aud", "exp", "iat", "sub", "email", "phone", "role",
			"aal", "session_id", "is_anonymous");

	private static final Set<String> INTEGERS = Set.of("exp", "iat", "nbf");

	private static final Set<String> STRINGS = Set.of("jti", "iss", "sub", "email", "phone", "role", "aal",
			"session_id", "client_id");

	private static final Set<String> OBJECTS = Set.of("app_metadata", "user_metadata");

	private SupabaseAccessTokenClaims() {
	}

	/**
	 * The claims with the changes applied.
	 * @throws IllegalArgumentException naming every claim Supabase would refuse (never a value)
	 */
	static Map<String, Object> apply(Map<String, Object> claims, Map<String, ?> changes) {
		Map<String, Object> result = new LinkedHashMap<>(claims);
		changes.forEach((name, value) -> {
			if (value == null) {
				result.remove(name);
			}
			else {
				result.put(name, value);
			}
		});
		List<String> problems = new ArrayList<>();
		for (String name : REQUIRED) {
			boolean required = REQUIRED_BY_SCHEMA.contains(name) || claims.containsKey(name);
			if (required && !result.containsKey(name)) {
				problems.add("required claim '" + name + "' is missing");
			}
		}
		result.forEach((name, value) -> {
			String expected = expectedType(name, value);
			if (expected != null) {
				problems.add("claim '" + name + "' must be " + expected);
			}
		});
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException(
					"the claims do not conform to what Supabase accepts: " + String.join("; ", problems));
		}
		return result;
	}

	private static @Nullable String expectedType(String name, @Nullable Object value) {
		if (name.equals("aud")) {
			return (value instanceof String || isStringList(value)) ? null : "a string or an array of strings";
		}
		if (INTEGERS.contains(name)) {
			return (value instanceof Integer || value instanceof Long || value instanceof Short
					|| value instanceof BigInteger) ? null : "an integer";
		}
		if (STRINGS.contains(name)) {
			return (value instanceof String) ? null : "a string";
		}
		if (OBJECTS.contains(name)) {
			return (value instanceof Map) ? null : "an object";
		}
		if (name.equals("amr")) {
			return (value instanceof List<?> list
					&& list.stream().allMatch((entry) -> entry instanceof String || entry instanceof Map)) ? null
							: "an array of strings or objects";
		}
		if (name.equals("is_anonymous")) {
			return (value instanceof Boolean) ? null : "a boolean";
		}
		return null;
	}

	private static boolean isStringList(@Nullable Object value) {
		return value instanceof List<?> list && list.stream().allMatch(String.class::isInstance);
	}

}
