package io.saasstack.auth.clerk;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A member of a Clerk organization (BAPI schema {@code OrganizationMembership}, 2026-05-12).
 *
 * @param id the membership id ({@code orgmem_...})
 * @param role the role key, for example {@code org:admin} or {@code org:member}
 * @param roleName the role's display name, when Clerk sends it
 * @param permissions the permission keys the role grants
 * @param publicMetadata the membership's public metadata
 * @param privateMetadata the membership's private metadata (empty when Clerk omits it)
 * @param organization the organization
 * @param publicUserData the member's public data (user id, names, image)
 * @param createdAt when the membership was created
 * @param updatedAt when it was last updated
 * @since 0.1.0
 */
public record ClerkOrganizationMembership(String id, String role, @JsonProperty("role_name") @Nullable String roleName,
		List<String> permissions, @JsonProperty("public_metadata") Map<String, Object> publicMetadata,
		@JsonProperty("private_metadata") Map<String, Object> privateMetadata,
		@Nullable ClerkOrganization organization,
		@JsonProperty("public_user_data") @Nullable PublicUserData publicUserData,
		@JsonProperty("created_at") @JsonFormat(
				without = JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS) @Nullable Instant createdAt,
		@JsonProperty("updated_at") @JsonFormat(
				without = JsonFormat.Feature.READ_DATE_TIMESTAMPS_AS_NANOSECONDS) @Nullable Instant updatedAt) {

	public ClerkOrganizationMembership {
		permissions = ClerkMaps.readOnly(permissions);
		publicMetadata = ClerkMaps.readOnly(publicMetadata);
		privateMetadata = ClerkMaps.readOnly(privateMetadata);
	}

	/** The member's user id, null when Clerk sent no public user data. */
	public @Nullable String userId() {
		return (this.publicUserData != null) ? this.publicUserData.userId() : null;
	}

	/**
	 * The public data of a member (BAPI schema {@code OrganizationMembershipPublicUserData}).
	 *
	 * @param userId the user id
	 * @param firstName the first name
	 * @param lastName the last name
	 * @param imageUrl the profile image URL
	 * @param hasImage whether the user uploaded an image
	 * @param identifier the user's identifier (email address, phone number or username)
	 * @param username the username
	 */
	public record PublicUserData(@JsonProperty("user_id") String userId,
			@JsonProperty("first_name") @Nullable String firstName,
			@JsonProperty("last_name") @Nullable String lastName, @JsonProperty("image_url") @Nullable String imageUrl,
			@JsonProperty("has_image") boolean hasImage, @Nullable String identifier, @Nullable String username) {

	}

}
