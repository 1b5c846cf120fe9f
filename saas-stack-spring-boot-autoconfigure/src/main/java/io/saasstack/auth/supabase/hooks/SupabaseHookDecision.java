package io.saasstack.auth.supabase.hooks;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The answer to an MFA or password verification attempt hook: continue with Supabase's own
 * behaviour, or reject the attempt with a message for the user.
 *
 * @param reject whether the attempt is rejected
 * @param message the message shown to the user when rejected
 * @param logOutUser whether a rejected password attempt also signs the user out everywhere
 * ({@code should_logout_user}; an MFA rejection always does)
 * @since 0.1.0
 */
public record SupabaseHookDecision(boolean reject, @Nullable String message, boolean logOutUser) {

	private static final SupabaseHookDecision PROCEED = new SupabaseHookDecision(false, null, false);

	public SupabaseHookDecision {
		Assert.isTrue(!reject || (message != null && !message.isBlank()), "a rejection needs a message");
		Assert.isTrue(reject || (message == null && !logOutUser), "only a rejection has a message or logs out");
	}

	/** Continue with Supabase's default behaviour ({@code "decision": "continue"}). */
	public static SupabaseHookDecision proceed() {
		return PROCEED;
	}

	/** Reject the attempt with this message ({@code "decision": "reject"}). */
	public static SupabaseHookDecision reject(String message) {
		return new SupabaseHookDecision(true, message, false);
	}

	/** Reject a password attempt and sign the user out of every session. */
	public static SupabaseHookDecision rejectAndLogOut(String message) {
		return new SupabaseHookDecision(true, message, true);
	}

}
