package io.saasstack.auth.local;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.auth.SaasOrganization;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a {@link LocalTokenIssuer} puts in a token: the user and, optionally, the session, email,
 * organisation (Clerk shape), role and metadata. Built with
 * {@code LocalToken.user("user_123").email("ada@example.com").organization("org_1", "acme", "admin", "org:invoices:read").build()}.
 *
 * @param userId the user id ({@code sub}); a UUID for the Supabase shape, as Supabase user ids are
 * @param sessionId the session id, or null for a new one per token in the provider's shape
 * ({@code sess_…} or a UUID)
 * @param email the email address, or null for none
 * @param role the Supabase role ({@code authenticated} when null); not part of the Clerk shape
 * @param organization the active organisation (Clerk shape only), role with the {@code org:}
 * prefix and permissions as full keys ({@code org:<feature>:<permission>})
 * @param appMetadata Supabase {@code app_metadata} entries, or Clerk {@code public_metadata}
 * @param userMetadata Supabase {@code user_metadata}; not part of the Clerk shape
 * @param claims further claims, written last: they may replace any claim of the shape
 * @param expiresIn the lifetime of this token, or null for the issuer's
 * @since 0.1.0
 */
public record LocalToken(String userId, @Nullable String sessionId, @Nullable String email, @Nullable String role,
		@Nullable SaasOrganization organization, Map<String, Object> appMetadata, Map<String, Object> userMetadata,
		Map<String, Object> claims, @Nullable Duration expiresIn) {

	public LocalToken {
		Assert.hasText(userId, "userId must not be empty");
		Assert.isTrue(expiresIn == null || (!expiresIn.isNegative() && !expiresIn.isZero()),
				"expiresIn must be positive (for an expired token, give the issuer a clock in the past)");
		appMetadata = copy(appMetadata);
		userMetadata = copy(userMetadata);
		claims = copy(claims);
	}

	/** Starts a token of the given user ({@code sub}). */
	public static Builder user(String userId) {
		return new Builder(userId);
	}

	private static Map<String, Object> copy(Map<String, Object> map) {
		return Collections.unmodifiableMap(new LinkedHashMap<>(map));
	}

	/**
	 * Builder of a {@link LocalToken}.
	 */
	public static final class Builder {

		private final String userId;

		private @Nullable String sessionId;

		private @Nullable String email;

		private @Nullable String role;

		private @Nullable SaasOrganization organization;

		private final Map<String, Object> appMetadata = new LinkedHashMap<>();

		private final Map<String, Object> userMetadata = new LinkedHashMap<>();

		private final Map<String, Object> claims = new LinkedHashMap<>();

		private @Nullable Duration expiresIn;

		private Builder(String userId) {
			Assert.hasText(userId, "userId must not be empty");
			this.userId = userId;
		}

		/** The session id; a new one per token when not set. */
		public Builder sessionId(@Nullable String sessionId) {
			this.sessionId = sessionId;
			return this;
		}

		public Builder email(@Nullable String email) {
			this.email = email;
			return this;
		}

		/** The Supabase role, for example {@code service_role}; {@code authenticated} when not set. */
		public Builder role(@Nullable String role) {
			this.role = role;
			return this;
		}

		/**
		 * The active organisation (Clerk shape).
		 * @param id the organisation id, for example {@code org_1}
		 * @param slug its slug, or null
		 * @param role the role, with or without the {@code org:} prefix ({@code admin} or
		 * {@code org:admin})
		 * @param permissions full permission keys, {@code org:<feature>:<permission>}
		 */
		public Builder organization(String id, @Nullable String slug, @Nullable String role, String... permissions) {
			Assert.hasText(id, "id must not be empty");
			for (String permission : permissions) {
				Assert.isTrue(permission != null && permission.matches("org:[^:,\\s]+:[^:,\\s]+"),
						() -> "permission '" + permission + "' is not a key of the form org:<feature>:<permission>");
			}
			String prefixed = (role == null || role.isBlank() || role.startsWith("org:")) ? role : "org:" + role;
			this.organization = new SaasOrganization(id, slug, prefixed, List.of(permissions));
			return this;
		}

		/** Adds Supabase {@code app_metadata} entries (Clerk: {@code public_metadata}). */
		public Builder appMetadata(Map<String, ?> metadata) {
			this.appMetadata.putAll(metadata);
			return this;
		}

		/** Adds Supabase {@code user_metadata} entries. */
		public Builder userMetadata(Map<String, ?> metadata) {
			this.userMetadata.putAll(metadata);
			return this;
		}

		/** Adds a claim, written after those of the shape (so it may replace one). */
		public Builder claim(String name, Object value) {
			Assert.hasText(name, "name must not be empty");
			Assert.notNull(value, "value must not be null");
			this.claims.put(name, value);
			return this;
		}

		/** The lifetime of this token instead of the issuer's. */
		public Builder expiresIn(Duration expiresIn) {
			Assert.notNull(expiresIn, "expiresIn must not be null");
			Assert.isTrue(!expiresIn.isNegative() && !expiresIn.isZero(),
					"expiresIn must be positive (for an expired token, give the issuer a clock in the past)");
			this.expiresIn = expiresIn;
			return this;
		}

		public LocalToken build() {
			return new LocalToken(this.userId, this.sessionId, this.email, this.role, this.organization,
					this.appMetadata, this.userMetadata, this.claims, this.expiresIn);
		}

	}

}
