package io.saasstack.auth.clerk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Read-only copies of what Clerk's objects hold, empty when Clerk omits or nulls a field.
 */
final class ClerkMaps {

	private ClerkMaps() {
	}

	static Map<String, Object> readOnly(@Nullable Map<String, Object> map) {
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
	}

	static List<String> readOnly(@Nullable List<String> list) {
		return (list != null) ? List.copyOf(list) : List.of();
	}

}
