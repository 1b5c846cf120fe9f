package io.saasstack.auth.clerk;

import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.util.Assert;

/**
 * Clerk organizations, their members and invitations, over the Backend API (reference
 * {@code auth-clerk.md} §7, BAPI OpenAPI 2026-05-12), on the same HTTP client as
 * {@link ClerkUsers} ({@link ClerkUsers#httpClient}: secret key, {@code Clerk-API-Version},
 * Clerk's error decoding, retries, observations). {@link ClerkOrganizations} is its blocking twin.
 * <ul>
 * <li>Lists are pages by {@code limit} (1 to 500) and {@code offset} with Clerk's
 * {@code total_count}.</li>
 * <li>{@link #updateMetadata} is {@code PATCH /v1/organizations/{id}/metadata}, a deep merge
 * where a {@code null} value deletes the key; {@link #replaceMetadata} is the {@code PUT}. Since
 * 2026-05-12, {@link #update} cannot change metadata. Clerk allows 10 metadata writes per
 * organization per 10 s.</li>
 * <li>Calls that set a state ({@link #update}, metadata, {@link #changeRole}, {@link #revokeInvitation})
 * are retried like idempotent calls; creations are not, since a lost answer would create twice.</li>
 * <li>{@link #delete} succeeds when the organization does not exist (any more).</li>
 * <li>{@link #pendingInvitations} is {@code GET .../invitations?status=pending}: the
 * {@code /invitations/pending} endpoint is deprecated.</li>
 * </ul>
 * Arguments are checked before any call: an invalid one fails the {@code Mono} with
 * {@link IllegalArgumentException} and sends nothing.
 *
 * @since 0.1.0
 */
public final class ReactiveClerkOrganizations {

	private static final ParameterizedTypeReference<ClerkPage<ClerkOrganization>> ORGANIZATIONS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<ClerkPage<ClerkOrganizationMembership>> MEMBERSHIPS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<ClerkPage<ClerkOrganizationInvitation>> INVITATIONS = new ParameterizedTypeReference<>() {
	};

	private final SaasHttpClient http;

	/**
	 * @param http client of the Clerk Backend API, see {@link ClerkUsers#httpClient}
	 */
	public ReactiveClerkOrganizations(SaasHttpClient http) {
		Assert.notNull(http, "http must not be null");
		this.http = http;
	}

	/** A page of organizations ({@code GET /v1/organizations}). */
	public Mono<ClerkPage<ClerkOrganization>> list(ClerkOrganizationQuery query) {
		return Mono.fromCallable(() -> {
			Assert.notNull(query, "query must not be null");
			return SaasRequest.get("organizations.list", "/v1/organizations")
				.query("limit", query.limit())
				.query("offset", query.offset())
				.query("query", query.query())
				.query("order_by", query.orderBy())
				.query("include_members_count", query.includeMembersCount() ? true : null)
				.build();
		}).flatMap((request) -> page(request, ORGANIZATIONS));
	}

	/** The organization with this id or slug ({@code GET /v1/organizations/{id}}). */
	public Mono<ClerkOrganization> get(String idOrSlug) {
		return Mono
			.fromCallable(() -> SaasRequest.get("organizations.get", "/v1/organizations/{id}", checkId(idOrSlug, "idOrSlug"))
				.build())
			.flatMap((request) -> one(request, ClerkOrganization.class));
	}

	/** Creates an organization ({@code POST /v1/organizations}). */
	public Mono<ClerkOrganization> create(NewClerkOrganization organization) {
		return Mono.fromCallable(() -> {
			Assert.notNull(organization, "organization must not be null");
			return SaasRequest.post("organizations.create", "/v1/organizations").json(organization).build();
		}).flatMap((request) -> one(request, ClerkOrganization.class));
	}

	/** Changes an organization's settings ({@code PATCH /v1/organizations/{id}}). */
	public Mono<ClerkOrganization> update(String organizationId, ClerkOrganizationChanges changes) {
		return Mono.fromCallable(() -> {
			Assert.notNull(changes, "changes must not be null");
			Assert.isTrue(!changes.changesNothing(), "changes must change something");
			return SaasRequest.patch("organizations.update", "/v1/organizations/{id}", checkId(organizationId))
				.json(changes)
				.idempotent(true)
				.build();
		}).flatMap((request) -> one(request, ClerkOrganization.class));
	}

	/** Deletes an organization ({@code DELETE /v1/organizations/{id}}); an unknown one is not an error. */
	public Mono<Void> delete(String organizationId) {
		return Mono
			.fromCallable(() -> SaasRequest.delete("organizations.delete", "/v1/organizations/{id}",
					checkId(organizationId))
				.build())
			.flatMap((request) -> this.http.exchange(request, Void.class))
			// as ClerkUsers#delete: a retried delete whose first answer was lost cannot fail
			.onErrorResume(SaasApiException.class, (ex) -> (ex.getStatus() == 404) ? Mono.empty() : Mono.error(ex))
			.then();
	}

	/**
	 * Merges metadata into an organization's ({@code PATCH /v1/organizations/{id}/metadata}):
	 * a deep merge, a {@code null} value deletes the key, an empty map leaves that metadata alone.
	 */
	public Mono<ClerkOrganization> updateMetadata(String organizationId, Map<String, ?> publicMetadata,
			Map<String, ?> privateMetadata) {
		return metadata("organizations.updateMetadata", organizationId, publicMetadata, privateMetadata, false);
	}

	/**
	 * Replaces an organization's metadata ({@code PUT /v1/organizations/{id}/metadata}); an empty
	 * map leaves that metadata alone.
	 */
	public Mono<ClerkOrganization> replaceMetadata(String organizationId, Map<String, ?> publicMetadata,
			Map<String, ?> privateMetadata) {
		return metadata("organizations.replaceMetadata", organizationId, publicMetadata, privateMetadata, true);
	}

	/** A page of an organization's members ({@code GET /v1/organizations/{id}/memberships}), oldest first. */
	public Mono<ClerkPage<ClerkOrganizationMembership>> memberships(String organizationId, int limit, long offset) {
		return Mono.fromCallable(() -> {
			checkPage(limit, offset);
			return SaasRequest
				.get("organizations.memberships.list", "/v1/organizations/{id}/memberships", checkId(organizationId))
				.query("limit", limit)
				.query("offset", offset)
				.build();
		}).flatMap((request) -> page(request, MEMBERSHIPS));
	}

	/** Adds a user to an organization ({@code POST /v1/organizations/{id}/memberships}). */
	public Mono<ClerkOrganizationMembership> addMember(String organizationId, String userId, String role) {
		return Mono.fromCallable(() -> {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("user_id", checkId(userId, "userId"));
			body.put("role", checkId(role, "role"));
			return SaasRequest
				.post("organizations.memberships.create", "/v1/organizations/{id}/memberships", checkId(organizationId))
				.json(body)
				.build();
		}).flatMap((request) -> one(request, ClerkOrganizationMembership.class));
	}

	/** Changes a member's role ({@code PATCH /v1/organizations/{id}/memberships/{user_id}}). */
	public Mono<ClerkOrganizationMembership> changeRole(String organizationId, String userId, String role) {
		return Mono.fromCallable(() -> SaasRequest
			.patch("organizations.memberships.update", "/v1/organizations/{id}/memberships/{user_id}",
					checkId(organizationId), checkId(userId, "userId"))
			.json(Map.of("role", checkId(role, "role")))
			.idempotent(true)
			.build()).flatMap((request) -> one(request, ClerkOrganizationMembership.class));
	}

	/** Removes a member ({@code DELETE /v1/organizations/{id}/memberships/{user_id}}); answers the removed membership. */
	public Mono<ClerkOrganizationMembership> removeMember(String organizationId, String userId) {
		return Mono.fromCallable(() -> SaasRequest
			.delete("organizations.memberships.delete", "/v1/organizations/{id}/memberships/{user_id}",
					checkId(organizationId), checkId(userId, "userId"))
			.build()).flatMap((request) -> one(request, ClerkOrganizationMembership.class));
	}

	/** Invites someone to an organization ({@code POST /v1/organizations/{id}/invitations}). */
	public Mono<ClerkOrganizationInvitation> invite(String organizationId, NewClerkInvitation invitation) {
		return Mono.fromCallable(() -> {
			Assert.notNull(invitation, "invitation must not be null");
			return SaasRequest
				.post("organizations.invitations.create", "/v1/organizations/{id}/invitations", checkId(organizationId))
				.json(invitation)
				.build();
		}).flatMap((request) -> one(request, ClerkOrganizationInvitation.class));
	}

	/** A page of pending invitations ({@code GET /v1/organizations/{id}/invitations?status=pending}). */
	public Mono<ClerkPage<ClerkOrganizationInvitation>> pendingInvitations(String organizationId, int limit,
			long offset) {
		return Mono.fromCallable(() -> {
			checkPage(limit, offset);
			return SaasRequest
				.get("organizations.invitations.list", "/v1/organizations/{id}/invitations", checkId(organizationId))
				.query("status", "pending")
				.query("limit", limit)
				.query("offset", offset)
				.build();
		}).flatMap((request) -> page(request, INVITATIONS));
	}

	/**
	 * Revokes a pending invitation ({@code POST /v1/organizations/{id}/invitations/{invitation_id}/revoke}).
	 * @param requestingUserId an admin of the organization recorded as the revoker, or null
	 */
	public Mono<ClerkOrganizationInvitation> revokeInvitation(String organizationId, String invitationId,
			@Nullable String requestingUserId) {
		return Mono.fromCallable(() -> {
			Assert.isTrue(requestingUserId == null || !requestingUserId.isBlank(),
					"requestingUserId must not be blank");
			Map<String, Object> body = new LinkedHashMap<>();
			if (requestingUserId != null) {
				body.put("requesting_user_id", requestingUserId);
			}
			return SaasRequest
				.post("organizations.invitations.revoke", "/v1/organizations/{id}/invitations/{invitation_id}/revoke",
						checkId(organizationId), checkId(invitationId, "invitationId"))
				.json(body)
				.idempotent(true)
				.build();
		}).flatMap((request) -> one(request, ClerkOrganizationInvitation.class));
	}

	private Mono<ClerkOrganization> metadata(String operation, String organizationId, Map<String, ?> publicMetadata,
			Map<String, ?> privateMetadata, boolean replace) {
		return Mono.fromCallable(() -> {
			Assert.notNull(publicMetadata, "publicMetadata must not be null");
			Assert.notNull(privateMetadata, "privateMetadata must not be null");
			Assert.isTrue(!publicMetadata.isEmpty() || !privateMetadata.isEmpty(),
					"publicMetadata or privateMetadata must not be empty");
			Map<String, Object> body = new LinkedHashMap<>();
			if (!publicMetadata.isEmpty()) {
				body.put("public_metadata", publicMetadata);
			}
			if (!privateMetadata.isEmpty()) {
				body.put("private_metadata", privateMetadata);
			}
			String id = checkId(organizationId);
			SaasRequest.Builder builder = replace
					? SaasRequest.put(operation, "/v1/organizations/{id}/metadata", id)
					: SaasRequest.patch(operation, "/v1/organizations/{id}/metadata", id);
			// merging or replacing with the same values gives the same metadata however often it is applied
			return builder.json(body).idempotent(true).build();
		}).flatMap((request) -> one(request, ClerkOrganization.class));
	}

	private <T> Mono<T> one(SaasRequest request, Class<T> type) {
		return this.http.exchange(request, type).map((response) -> {
			T body = response.body();
			if (body == null) {
				throw new SaasMalformedResponseException(ClerkUsers.PROVIDER, request.operation(), response.status(),
						"no " + type.getSimpleName());
			}
			return body;
		});
	}

	private <T> Mono<ClerkPage<T>> page(SaasRequest request, ParameterizedTypeReference<ClerkPage<T>> type) {
		return this.http.exchange(request, type).map((response) -> {
			ClerkPage<T> body = response.body();
			if (body == null) {
				throw new SaasMalformedResponseException(ClerkUsers.PROVIDER, request.operation(), response.status(),
						"no list");
			}
			return body;
		});
	}

	private static void checkPage(int limit, long offset) {
		Assert.isTrue(limit >= 1 && limit <= ClerkOrganizationQuery.MAX_LIMIT,
				() -> "limit must be between 1 and " + ClerkOrganizationQuery.MAX_LIMIT);
		Assert.isTrue(offset >= 0, "offset must not be negative");
	}

	private static String checkId(String id) {
		return checkId(id, "organizationId");
	}

	private static String checkId(String value, String name) {
		Assert.hasText(value, () -> name + " must not be empty");
		return value;
	}

	@Override
	public String toString() {
		return "ReactiveClerkOrganizations[" + this.http + "]";
	}

}
