package io.saasstack.auth;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The authenticated user of a request, from a verified Clerk or Supabase token; available as
 * {@code @AuthenticationPrincipal SaasUser user}.
 *
 * @param provider {@code clerk} or {@code supabase}
 * @param id user id ({@code sub})
 * @param sessionId session id ({@code sid} for Clerk, {@code session_id} for Supabase), if any
 * @param email email address when the token carries it
 * @param role Supabase role ({@code authenticated}, {@code service_role}, ...), null for Clerk
 * @param organization the active Clerk organisation, if any
 * @param appMetadata Supabase {@code app_metadata} or Clerk public metadata when a template adds it
 * @param userMetadata Supabase {@code user_metadata}, empty for Clerk
 * @param issuedAt token issue time
 * @param expiresAt token expiry
 * @param claims every claim of the token
 * @since 0.1.0
 */
public record SaasUser(String provider, String id, @Nullable String sessionId, @Nullable String email,
		@Nullable String role, @Nullable SaasOrganization organization, Map<String, Object> appMetadata,
		Map<String, Object> userMetadata, @Nullable Instant issuedAt, @Nullable Instant expiresAt,
		Map<String, Object> claims) implements SaasPrincipal, Serializable {

	public SaasUser {
		appMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(appMetadata));
		userMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(userMetadata));
		claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
	}

	/** The user id, as {@link #id()}. */
	@Override
	public String subject() {
		return this.id;
	}

	/** {@link SaasTokenType#SESSION_TOKEN}: users authenticate with session tokens. */
	@Override
	public SaasTokenType tokenType() {
		return SaasTokenType.SESSION_TOKEN;
	}

	// not a java.security.Principal on purpose: WebFlux resolves Principal-typed controller
	// arguments to the Authentication itself, before @AuthenticationPrincipal is considered

	@Override
	public String toString() {
		return "SaasUser[" + this.provider + " " + this.id
				+ ((this.organization != null) ? ", organization " + this.organization.id() : "") + "]";
	}

}
