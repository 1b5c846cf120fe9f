package io.saasstack.auth.supabase.hooks;

import java.util.Map;

/**
 * The application's part of Supabase's custom access token hook: the claims to add to, or
 * replace in, the access token Supabase is about to issue. Declare it as a bean; the Supabase hook
 * endpoint ({@code saas.auth.supabase.hook-secret}) then answers the hook with
 * {@code {"claims": {...}}}, the token's claims with these changes.
 * <pre class="code">
 * &#64;Bean
 * SupabaseAccessTokenHook plans(PlanRepository plans) {
 *     return (request) -&gt; Map.of("plan", plans.planOf(request.userId()));
 * }
 * </pre>
 * A {@code null} value removes an optional claim. Changes Supabase would reject (removing a
 * required claim such as {@code sub}, {@code role} or {@code session_id}, or a wrong type such as
 * a string {@code exp}) are refused before answering: Supabase gets an error answer and the
 * application a WARN log naming the claims. Throw {@link SupabaseHookRejection} to refuse the
 * token, for example to keep a user out.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SupabaseAccessTokenHook {

	/**
	 * The claims to add or replace.
	 * @param request the user, the claims Supabase would issue and how the user authenticated
	 * @return the claims to add or replace, empty for none; a {@code null} value removes the claim
	 * @throws SupabaseHookRejection to refuse the token with a status and a message
	 */
	Map<String, ?> claims(SupabaseAccessTokenRequest request);

}
