package io.saasstack.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * A Clerk {@code session.*} webhook ({@code session.created}, {@code ended}, {@code removed},
 * {@code revoked}, {@code pending}).
 *
 * @param type the event type
 * @param sessionId {@code data.id}
 * @param userId {@code data.user_id}
 * @since 0.1.0
 */
public record ClerkSessionEvent(String type, String sessionId, @Nullable String userId) {

}
