package io.saasstack.auth.clerk;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The body of {@code PATCH /v1/organizations/{id}}: only the non-null fields change. Metadata is
 * not here: since API version 2026-05-12 it changes through
 * {@link ReactiveClerkOrganizations#updateMetadata}.
 * <pre class="code">
 * ClerkOrganizationChanges.none().withName("Acme Inc.").withMaxAllowedMemberships(50)
 * </pre>
 *
 * @param name the new name
 * @param slug the new slug
 * @param maxAllowedMemberships the new membership limit
 * @param adminDeleteEnabled whether an admin may delete the organization from the Frontend API
 * @since 0.1.0
 */
public record ClerkOrganizationChanges(@Nullable String name, @Nullable String slug,
		@JsonProperty("max_allowed_memberships") @Nullable Integer maxAllowedMemberships,
		@JsonProperty("admin_delete_enabled") @Nullable Boolean adminDeleteEnabled) {

	public ClerkOrganizationChanges {
		Assert.isTrue(name == null || (!name.isBlank() && name.length() <= 256),
				"name must not be blank and at most 256 characters");
		Assert.isTrue(slug == null || slug.matches("[a-z0-9_-]+"),
				"slug must contain only lowercase letters, digits, '-' and '_'");
		Assert.isTrue(maxAllowedMemberships == null || maxAllowedMemberships >= 0,
				"maxAllowedMemberships must not be negative");
	}

	/** No change yet. */
	public static ClerkOrganizationChanges none() {
		return new ClerkOrganizationChanges(null, null, null, null);
	}

	public ClerkOrganizationChanges withName(String name) {
		return new ClerkOrganizationChanges(name, this.slug, this.maxAllowedMemberships, this.adminDeleteEnabled);
	}

	public ClerkOrganizationChanges withSlug(String slug) {
		return new ClerkOrganizationChanges(this.name, slug, this.maxAllowedMemberships, this.adminDeleteEnabled);
	}

	public ClerkOrganizationChanges withMaxAllowedMemberships(int maxAllowedMemberships) {
		return new ClerkOrganizationChanges(this.name, this.slug, maxAllowedMemberships, this.adminDeleteEnabled);
	}

	public ClerkOrganizationChanges withAdminDeleteEnabled(boolean adminDeleteEnabled) {
		return new ClerkOrganizationChanges(this.name, this.slug, this.maxAllowedMemberships, adminDeleteEnabled);
	}

	boolean changesNothing() {
		return this.name == null && this.slug == null && this.maxAllowedMemberships == null
				&& this.adminDeleteEnabled == null;
	}

}
