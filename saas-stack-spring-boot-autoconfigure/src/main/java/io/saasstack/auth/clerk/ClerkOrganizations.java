package io.saasstack.auth.clerk;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Clerk organizations, their members and invitations, blocking: each method waits for
 * {@link ReactiveClerkOrganizations}, whose documentation says what each call sends.
 * <pre class="code">
 * ClerkOrganization acme = organizations.create(NewClerkOrganization.named("Acme").withCreatedBy(userId));
 * organizations.addMember(acme.id(), otherUserId, "org:member");
 * organizations.invite(acme.id(), NewClerkInvitation.of("ada@example.com", "org:member"));
 * </pre>
 *
 * @since 0.1.0
 */
public final class ClerkOrganizations {

	private final ReactiveClerkOrganizations organizations;

	public ClerkOrganizations(ReactiveClerkOrganizations organizations) {
		Assert.notNull(organizations, "organizations must not be null");
		this.organizations = organizations;
	}

	public ClerkPage<ClerkOrganization> list(ClerkOrganizationQuery query) {
		return block(this.organizations.list(query));
	}

	public ClerkOrganization get(String idOrSlug) {
		return block(this.organizations.get(idOrSlug));
	}

	public ClerkOrganization create(NewClerkOrganization organization) {
		return block(this.organizations.create(organization));
	}

	public ClerkOrganization update(String organizationId, ClerkOrganizationChanges changes) {
		return block(this.organizations.update(organizationId, changes));
	}

	public void delete(String organizationId) {
		this.organizations.delete(organizationId).block();
	}

	public ClerkOrganization updateMetadata(String organizationId, Map<String, ?> publicMetadata,
			Map<String, ?> privateMetadata) {
		return block(this.organizations.updateMetadata(organizationId, publicMetadata, privateMetadata));
	}

	public ClerkOrganization replaceMetadata(String organizationId, Map<String, ?> publicMetadata,
			Map<String, ?> privateMetadata) {
		return block(this.organizations.replaceMetadata(organizationId, publicMetadata, privateMetadata));
	}

	public ClerkPage<ClerkOrganizationMembership> memberships(String organizationId, int limit, long offset) {
		return block(this.organizations.memberships(organizationId, limit, offset));
	}

	public ClerkOrganizationMembership addMember(String organizationId, String userId, String role) {
		return block(this.organizations.addMember(organizationId, userId, role));
	}

	public ClerkOrganizationMembership changeRole(String organizationId, String userId, String role) {
		return block(this.organizations.changeRole(organizationId, userId, role));
	}

	public ClerkOrganizationMembership removeMember(String organizationId, String userId) {
		return block(this.organizations.removeMember(organizationId, userId));
	}

	public ClerkOrganizationInvitation invite(String organizationId, NewClerkInvitation invitation) {
		return block(this.organizations.invite(organizationId, invitation));
	}

	public ClerkPage<ClerkOrganizationInvitation> pendingInvitations(String organizationId, int limit, long offset) {
		return block(this.organizations.pendingInvitations(organizationId, limit, offset));
	}

	public ClerkOrganizationInvitation revokeInvitation(String organizationId, String invitationId,
			@Nullable String requestingUserId) {
		return block(this.organizations.revokeInvitation(organizationId, invitationId, requestingUserId));
	}

	private static <T> T block(reactor.core.publisher.Mono<T> mono) {
		T result = mono.block();
		if (result == null) {
			throw new IllegalStateException("Clerk answered nothing");
		}
		return result;
	}

	@Override
	public String toString() {
		return "ClerkOrganizations[" + this.organizations + "]";
	}

}
