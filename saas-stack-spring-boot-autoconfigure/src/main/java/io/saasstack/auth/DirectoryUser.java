package io.saasstack.auth;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A user as the identity provider's admin API reports it, provider-neutral; {@code raw} keeps
 * every field of the provider's answer.
 *
 * @param id user id
 * @param emails email addresses, the primary one first
 * @param createdAt creation time
 * @param banned whether the user is banned
 * @param publicMetadata Clerk public metadata / Supabase app_metadata
 * @param privateMetadata Clerk private metadata / Supabase user_metadata
 * @param raw the provider's JSON object
 * @since 0.1.0
 */
public record DirectoryUser(String id, List<String> emails, @Nullable Instant createdAt, boolean banned,
		Map<String, Object> publicMetadata, Map<String, Object> privateMetadata, Map<String, Object> raw) {

	public DirectoryUser {
		emails = List.copyOf(emails);
		publicMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(publicMetadata));
		privateMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(privateMetadata));
		raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
	}

}
