package io.saasstack.auth;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The principal of a request authenticated with a bearer token: a signed-in {@link SaasUser} or a
 * {@link SaasMachine} (API key, machine-to-machine or OAuth token). A controller serving both takes
 * {@code @AuthenticationPrincipal SaasPrincipal principal} and tells them apart with
 * {@code instanceof}:
 * <pre class="code">
 * &#64;GetMapping("/api/reports")
 * Report reports(&#64;AuthenticationPrincipal SaasPrincipal principal) {
 *     if (principal instanceof SaasMachine machine) {
 *         return this.reports.forMachine(machine.subject());
 *     }
 *     return this.reports.forUser(principal.subject());
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public sealed interface SaasPrincipal permits SaasUser, SaasMachine {

	/** The provider that vouched for the token, for example {@code clerk}. */
	String provider();

	/**
	 * Who the token speaks for: the user id of a user, the owner of a machine token (a machine
	 * {@code mch_...}, a user {@code user_...} or an organization {@code org_...}).
	 */
	String subject();

	/** The token type. */
	SaasTokenType tokenType();

	/** When the token expires, null when it never does. */
	@Nullable Instant expiresAt();

	/** The claims of the token (see each implementation). */
	Map<String, Object> claims();

}
