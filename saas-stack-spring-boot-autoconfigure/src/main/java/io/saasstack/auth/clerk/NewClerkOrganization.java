package io.saasstack.auth.clerk;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The body of {@code POST /v1/organizations}: a name and optional settings (null fields are not
 * sent).
 * <pre class="code">
 * NewClerkOrganization.named("Acme").withSlug("acme").withCreatedBy(userId)
 * </pre>
 *
 * @param name the name, at most 256 characters, no URL or HTML
 * @param slug lowercase letters, digits, {@code -} and {@code _}; Clerk derives one from the name when null
 * @param createdBy the user who becomes the organization's admin
 * @param maxAllowedMemberships the membership limit
 * @param publicMetadata the public metadata
 * @param privateMetadata the private metadata
 * @since 0.1.0
 */
public record NewClerkOrganization(String name, @Nullable String slug,
		@JsonProperty("created_by") @Nullable String createdBy,
		@JsonProperty("max_allowed_memberships") @Nullable Integer maxAllowedMemberships,
		@JsonProperty("public_metadata") @Nullable Map<String, ?> publicMetadata,
		@JsonProperty("private_metadata") @Nullable Map<String, ?> privateMetadata) {

	public NewClerkOrganization {
		Assert.hasText(name, "name must not be empty");
		Assert.isTrue(name.length() <= 256, "name must be at most 256 characters");
		Assert.isTrue(slug == null || slug.matches("[a-z0-9_-]+"),
				"slug must contain only lowercase letters, digits, '-' and '_'");
		Assert.isTrue(createdBy == null || !createdBy.isBlank(), "createdBy must not be blank");
		Assert.isTrue(maxAllowedMemberships == null || maxAllowedMemberships >= 0,
				"maxAllowedMemberships must not be negative");
	}

	/** An organization with this name and nothing else. */
	public static NewClerkOrganization named(String name) {
		return new NewClerkOrganization(name, null, null, null, null, null);
	}

	public NewClerkOrganization withSlug(String slug) {
		return new NewClerkOrganization(this.name, slug, this.createdBy, this.maxAllowedMemberships,
				this.publicMetadata, this.privateMetadata);
	}

	public NewClerkOrganization withCreatedBy(String userId) {
		return new NewClerkOrganization(this.name, this.slug, userId, this.maxAllowedMemberships,
				this.publicMetadata, this.privateMetadata);
	}

	public NewClerkOrganization withMaxAllowedMemberships(int maxAllowedMemberships) {
		return new NewClerkOrganization(this.name, this.slug, this.createdBy, maxAllowedMemberships,
				this.publicMetadata, this.privateMetadata);
	}

	public NewClerkOrganization withMetadata(Map<String, ?> publicMetadata, Map<String, ?> privateMetadata) {
		return new NewClerkOrganization(this.name, this.slug, this.createdBy, this.maxAllowedMemberships,
				publicMetadata, privateMetadata);
	}

}
