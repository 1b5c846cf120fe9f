package io.saasstack.auth.supabase.hooks;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The input of Supabase's send-email hook, typed: the user and the {@code email_data}. Empty
 * strings in the payload are nulls here.
 *
 * @param user the user the email is about
 * @param token the one-time code ({@code email_data.token})
 * @param tokenHash the hash the verification link carries ({@code email_data.token_hash})
 * @param redirectTo where the user lands after verifying ({@code email_data.redirect_to})
 * @param actionType {@code signup}, {@code invite}, {@code magiclink}, {@code recovery},
 * {@code email_change}, {@code email}, {@code reauthentication} or a {@code *_notification}
 * @param siteUrl the application's site URL configured in Supabase ({@code email_data.site_url})
 * @param tokenNew the second code of a secure email change ({@code email_data.token_new})
 * @param tokenHashNew the second hash of a secure email change ({@code email_data.token_hash_new})
 * @param oldEmail the previous address, for the notification of an email change
 * @since 0.1.0
 */
public record SupabaseEmailRequest(User user, @Nullable String token, @Nullable String tokenHash,
		@Nullable String redirectTo, String actionType, @Nullable String siteUrl, @Nullable String tokenNew,
		@Nullable String tokenHashNew, @Nullable String oldEmail) {

	/**
	 * The user of a send-email hook.
	 *
	 * @param id the user's id
	 * @param email the current address
	 * @param newEmail the requested new address, during an email change
	 * @param userMetadata the user's metadata (for example a preferred language)
	 */
	public record User(String id, @Nullable String email, @Nullable String newEmail,
			Map<String, Object> userMetadata) {

		public User {
			userMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(userMetadata));
		}

	}

	@SuppressWarnings("unchecked")
	static SupabaseEmailRequest of(Map<String, Object> payload) {
		Map<String, Object> user = map(payload.get("user"));
		Map<String, Object> data = map(payload.get("email_data"));
		String id = text(user, "id");
		String actionType = text(data, "email_action_type");
		if (id == null || actionType == null) {
			throw new IllegalArgumentException("the send-email hook payload has no user.id or email_data.email_action_type");
		}
		return new SupabaseEmailRequest(
				new User(id, text(user, "email"), text(user, "new_email"), map(user.get("user_metadata"))),
				text(data, "token"), text(data, "token_hash"), text(data, "redirect_to"), actionType,
				text(data, "site_url"), text(data, "token_new"), text(data, "token_hash_new"), text(data, "old_email"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(@Nullable Object value) {
		return (value instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static @Nullable String text(Map<String, Object> source, String key) {
		return (source.get(key) instanceof String value && !value.isEmpty()) ? value : null;
	}

}
