package io.saasstack.auth.supabase.hooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The input of Supabase's custom access token hook.
 *
 * @param userId the user's id (a UUID)
 * @param authenticationMethod how the token is requested: {@code password}, {@code otp},
 * {@code oauth}, {@code magiclink}, {@code token_refresh}, {@code anonymous}, ...
 * @param claims the claims Supabase would issue, read-only
 * @since 0.1.0
 */
public record SupabaseAccessTokenRequest(String userId, String authenticationMethod, Map<String, Object> claims) {

	public SupabaseAccessTokenRequest {
		claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
	}

	/** The {@code email} claim, null when absent or empty. */
	public @Nullable String email() {
		return text("email");
	}

	/** The {@code role} claim ({@code authenticated} or {@code anon}). */
	public @Nullable String role() {
		return text("role");
	}

	/** Whether the user signed in anonymously. */
	public boolean isAnonymous() {
		return Boolean.TRUE.equals(this.claims.get("is_anonymous"));
	}

	/** The {@code app_metadata} claim, empty when absent. */
	@SuppressWarnings("unchecked")
	public Map<String, Object> appMetadata() {
		return (this.claims.get("app_metadata") instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private @Nullable String text(String claim) {
		return (this.claims.get(claim) instanceof String value && !value.isEmpty()) ? value : null;
	}

}
