package io.saasstack.auth.supabase;

import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.auth.SaasUser;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Maps a verified Supabase access token to a {@link SaasUser} (claims of reference
 * {@code auth-supabase.md} §2): id = {@code sub}, session = {@code session_id}, {@code email},
 * {@code role} ({@code authenticated}, {@code anon}, {@code service_role} or a custom role),
 * {@code app_metadata}, {@code user_metadata}, and every claim. An empty {@code email} (phone
 * sign-ins) maps to null.
 *
 * @since 0.1.0
 */
public final class SupabaseClaims {

	/** The provider name of Supabase users. */
	public static final String PROVIDER = "supabase";

	public static final String SESSION_ID = "session_id";

	public static final String EMAIL = "email";

	public static final String ROLE = "role";

	public static final String APP_METADATA = "app_metadata";

	public static final String USER_METADATA = "user_metadata";

	private SupabaseClaims() {
	}

	/**
	 * The user of a token verified by {@link SupabaseJwtDecoder} or
	 * {@link ReactiveSupabaseJwtDecoder}.
	 * @throws IllegalArgumentException if the token has no {@code sub}
	 */
	public static SaasUser toUser(Jwt jwt) {
		String subject = jwt.getSubject();
		Assert.isTrue(subject != null && !subject.isBlank(), "the token has no sub claim");
		return new SaasUser(PROVIDER, subject, text(jwt, SESSION_ID), text(jwt, EMAIL), text(jwt, ROLE), null,
				map(jwt, APP_METADATA), map(jwt, USER_METADATA), jwt.getIssuedAt(), jwt.getExpiresAt(),
				jwt.getClaims());
	}

	private static @Nullable String text(Jwt jwt, String claim) {
		Object value = jwt.getClaims().get(claim);
		return (value instanceof String string && !string.isBlank()) ? string : null;
	}

	private static Map<String, Object> map(Jwt jwt, String claim) {
		Object value = jwt.getClaims().get(claim);
		Map<String, Object> result = new LinkedHashMap<>();
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, entry) -> {
				if (key != null && entry != null) {
					result.put(key.toString(), entry);
				}
			});
		}
		return result;
	}

}
