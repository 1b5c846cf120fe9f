package io.saasstack.auth.clerk;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What {@link ReactiveClerkOrganizations#list} asks for ({@code GET /v1/organizations}): a page
 * by {@code limit} and {@code offset}, optionally a search and an order.
 * <pre class="code">
 * ClerkOrganizationQuery.page(20, 40).matching("acme").orderBy("name").withMembersCount()
 * </pre>
 *
 * @param limit 1 to {@value #MAX_LIMIT} organizations
 * @param offset how many to skip, 0 or more
 * @param query matches the id exactly, or part of the name or slug; null for all
 * @param orderBy {@code name}, {@code created_at} or {@code members_count}, prefixed with
 * {@code +} (ascending, the default) or {@code -}; null for Clerk's default {@code -created_at}
 * @param includeMembersCount whether each organization carries {@code members_count}
 * @since 0.1.0
 */
public record ClerkOrganizationQuery(int limit, long offset, @Nullable String query, @Nullable String orderBy,
		boolean includeMembersCount) {

	/** The largest {@code limit} Clerk accepts. */
	public static final int MAX_LIMIT = 500;

	public ClerkOrganizationQuery {
		Assert.isTrue(limit >= 1 && limit <= MAX_LIMIT, () -> "limit must be between 1 and " + MAX_LIMIT);
		Assert.isTrue(offset >= 0, "offset must not be negative");
		Assert.isTrue(query == null || !query.isBlank(), "query must not be blank (use null for all)");
		Assert.isTrue(orderBy == null || orderBy.matches("[+-]?(name|created_at|members_count)"),
				"orderBy must be name, created_at or members_count, optionally prefixed with + or -");
	}

	/** A page of {@code limit} organizations after {@code offset}, newest first. */
	public static ClerkOrganizationQuery page(int limit, long offset) {
		return new ClerkOrganizationQuery(limit, offset, null, null, false);
	}

	/** This query, with a search by id, name or slug. */
	public ClerkOrganizationQuery matching(String query) {
		return new ClerkOrganizationQuery(this.limit, this.offset, query, this.orderBy, this.includeMembersCount);
	}

	/** This query, with an order, for example {@code name} or {@code -members_count}. */
	public ClerkOrganizationQuery orderBy(String orderBy) {
		return new ClerkOrganizationQuery(this.limit, this.offset, this.query, orderBy, this.includeMembersCount);
	}

	/** This query, with the members count of each organization. */
	public ClerkOrganizationQuery withMembersCount() {
		return new ClerkOrganizationQuery(this.limit, this.offset, this.query, this.orderBy, true);
	}

}
