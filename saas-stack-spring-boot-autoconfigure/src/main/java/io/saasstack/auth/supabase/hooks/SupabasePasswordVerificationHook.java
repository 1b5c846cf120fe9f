package io.saasstack.auth.supabase.hooks;

/**
 * The application's decision on a password sign-in attempt (Supabase's password verification
 * attempt hook), for example to slow down guessing. Declare it as a bean. Throw
 * {@link SupabaseHookRejection} to answer with an error status instead (429 to ask for a pause).
 * The hook runs for unauthenticated requests: prefer notifying the user over blocking them.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SupabasePasswordVerificationHook {

	/**
	 * Decides on an attempt.
	 * @param attempt the user and whether the password was right
	 * @return continue, reject, or reject and sign the user out everywhere
	 */
	SupabaseHookDecision decide(Attempt attempt);

	/**
	 * A password verification attempt.
	 *
	 * @param userId the user's id
	 * @param valid whether the password was right
	 */
	record Attempt(String userId, boolean valid) {

	}

}
