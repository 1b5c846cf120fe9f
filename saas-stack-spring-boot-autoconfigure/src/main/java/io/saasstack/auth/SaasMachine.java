package io.saasstack.auth;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A machine authenticated by a Clerk machine token: an API key, a machine-to-machine (M2M)
 * token or an OAuth access token, verified by Clerk (opaque tokens) or by its signature (JWTs).
 * Available as {@code @AuthenticationPrincipal SaasMachine machine}; its scopes are the
 * authorities {@code SCOPE_<scope>}.
 *
 * @param provider {@code clerk}
 * @param tokenType {@link SaasTokenType#API_KEY}, {@link SaasTokenType#M2M_TOKEN} or
 * {@link SaasTokenType#OAUTH_TOKEN}
 * @param id the token's id ({@code ak_...}, {@code mt_...}, {@code oat_...}, or the {@code jti}
 * of a JWT; empty when a JWT has none)
 * @param subject the owner: the machine ({@code mch_...}) of an M2M token, the user or
 * organization of an API key, the user of an OAuth token
 * @param name the API key's name, null for other tokens
 * @param clientId the OAuth application's client id, null for other tokens
 * @param scopes the scopes: an API key's or OAuth token's scopes; for an M2M token, the machines
 * it may call ({@code mch_...}), or the {@code scopes} claim of its JWT
 * @param claims the custom claims: those of the verify answer (API keys, opaque M2M tokens), or
 * a JWT's claims except {@code iss}, {@code sub}, {@code exp}, {@code nbf}, {@code iat} and
 * {@code jti}
 * @param expiresAt when the token expires, null when it never does
 * @since 0.1.0
 */
public record SaasMachine(String provider, SaasTokenType tokenType, String id, String subject, @Nullable String name,
		@Nullable String clientId, List<String> scopes, Map<String, Object> claims,
		@Nullable Instant expiresAt) implements SaasPrincipal, Serializable {

	public SaasMachine {
		Assert.notNull(tokenType, "tokenType must not be null");
		Assert.isTrue(tokenType.isMachine(), "tokenType must be a machine token type");
		Assert.hasText(subject, "subject must not be empty");
		scopes = List.copyOf(scopes);
		claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
	}

	/** Whether the token carries the given scope. */
	public boolean hasScope(String scope) {
		return this.scopes.contains(scope);
	}

	@Override
	public String toString() {
		return "SaasMachine[" + this.provider + " " + this.tokenType.id() + " " + this.id + ", subject " + this.subject
				+ "]";
	}

}
