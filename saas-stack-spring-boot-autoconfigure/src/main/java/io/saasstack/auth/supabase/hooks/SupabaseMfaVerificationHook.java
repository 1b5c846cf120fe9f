package io.saasstack.auth.supabase.hooks;

/**
 * The application's decision on an MFA verification attempt (Supabase's MFA verification attempt
 * hook), for example to limit failed attempts. Declare it as a bean. Throw
 * {@link SupabaseHookRejection} to answer with an error status instead (429 to ask for a pause).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SupabaseMfaVerificationHook {

	/**
	 * Decides on an attempt.
	 * @param attempt the user, the factor and whether the code was right
	 * @return continue, or reject with a message (a rejection signs the user out everywhere)
	 */
	SupabaseHookDecision decide(Attempt attempt);

	/**
	 * An MFA verification attempt.
	 *
	 * @param userId the user's id
	 * @param factorId the factor's id
	 * @param factorType {@code totp} or {@code phone}, null when Supabase does not say
	 * @param valid whether the code was right
	 */
	record Attempt(String userId, String factorId, @org.jspecify.annotations.Nullable String factorType,
			boolean valid) {

	}

}
