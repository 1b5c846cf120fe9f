package io.saasstack.auth.clerk;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to a Clerk organization (BAPI schema {@code OrganizationInvitation}, 2026-05-12).
 *
 * @param id the invitation id ({@code orginv_...})
 * @param emailAddress the invited address
 * @param role the role the invitee gets, for example {@code org:member}
 * @param roleName the role's display name
 * @param organizationId the organization
 * @param inviterId the user who invited, null when the backend did
 * @param status {@code pending}, {@code accepted}, {@code revoked} or {@code expired}
 * @param publicMetadata the invitation's public metadata
 * @param privateMetadata the invitation's private metadata (empty when Clerk omits it)
 * @param url the link the invitee follows, null when Clerk sent none
 * @param expiresAt when the invitation expires, null when it does not
 * @param createdAt when it was created
 * @param updatedAt when it was last updated
 * @since 0.1.0
 */
public record ClerkOrganizationInvitation(String id, @JsonProperty("email_address") String emailAddress, String role,
		@JsonProperty("role_name") @Nullable String roleName,
		@JsonProperty("organization_id") @Nullable String organizationId,
		@JsonProperty("inviter_id") @Nullable String inviterId, @Nullable String status,
		@JsonProperty("public_metadata") Map<String, Object> publicMetadata,
		@JsonProperty("private_metadata") Map<String, Object> privateMetadata, @Nullable String url,
		@JsonProperty("expires_at") @JsonFormat(
				without = JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS) @Nullable Instant expiresAt,
		@JsonProperty("created_at") @JsonFormat(
				without = JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS) @Nullable Instant createdAt,
		@JsonProperty("updated_at") @JsonFormat(
				without = JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS) @Nullable Instant updatedAt) {

	public ClerkOrganizationInvitation {
		publicMetadata = ClerkMaps.readOnly(publicMetadata);
		privateMetadata = ClerkMaps.readOnly(privateMetadata);
	}

}
