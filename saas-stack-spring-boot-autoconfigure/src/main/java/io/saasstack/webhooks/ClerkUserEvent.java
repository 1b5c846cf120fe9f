package io.saasstack.webhooks;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Clerk {@code user.created}, {@code user.updated} or {@code user.deleted} webhook.
 *
 * @param type the event type
 * @param userId {@code data.id}
 * @param primaryEmail the address of {@code data.primary_email_address_id} in
 * {@code data.email_addresses}; null when absent (always for {@code user.deleted})
 * @param data the {@code data} object
 * @since 0.1.0
 */
public record ClerkUserEvent(String type, String userId, @Nullable String primaryEmail, Map<String, Object> data) {

	public boolean isCreated() {
		return "user.created".equals(this.type);
	}

	public boolean isUpdated() {
		return "user.updated".equals(this.type);
	}

	public boolean isDeleted() {
		return "user.deleted".equals(this.type);
	}

}
