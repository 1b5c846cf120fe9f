package io.saasstack.auth.clerk;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A Clerk organization (BAPI schema {@code Organization}, 2026-05-12). Unknown fields are ignored.
 *
 * @param id the organization id ({@code org_...})
 * @param name the name
 * @param slug the slug, unique in the instance
 * @param imageUrl the logo URL, null when none was uploaded
 * @param hasImage whether a logo was uploaded
 * @param membersCount the number of members, only when asked for (list and get with members count)
 * @param pendingInvitationsCount the number of pending invitations, when Clerk sends it
 * @param maxAllowedMemberships the membership limit, 0 for none
 * @param adminDeleteEnabled whether an admin may delete the organization from the Frontend API
 * @param publicMetadata metadata readable from the frontend, writable from the backend only
 * @param privateMetadata metadata visible to the backend only (empty when Clerk omits it)
 * @param createdBy the user who created it, when known
 * @param createdAt when it was created
 * @param updatedAt when it was last updated
 * @since 0.1.0
 */
public record ClerkOrganization(String id, String name, String slug,
		@JsonProperty("image_url") @Nullable String imageUrl, @JsonProperty("has_image") boolean hasImage,
		@JsonProperty("members_count") @Nullable Integer membersCount,
		@JsonProperty("pending_invitations_count") @Nullable Integer pendingInvitationsCount,
		@JsonProperty("max_allowed_memberships") int maxAllowedMemberships,
		@JsonProperty("admin_delete_enabled") boolean adminDeleteEnabled,
		@JsonProperty("public_metadata") Map<String, Object> publicMetadata,
		@JsonProperty("private_metadata") Map<String, Object> privateMetadata,
		@JsonProperty("created_by") @Nullable String createdBy,
		@JsonProperty("created_at") @JsonFormat(
				without = JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS) @Nullable Instant createdAt,
		@JsonProperty("updated_at") @JsonFormat(
				without = JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS) @Nullable Instant updatedAt) {

	public ClerkOrganization {
		publicMetadata = ClerkMaps.readOnly(publicMetadata);
		privateMetadata = ClerkMaps.readOnly(privateMetadata);
	}

}
