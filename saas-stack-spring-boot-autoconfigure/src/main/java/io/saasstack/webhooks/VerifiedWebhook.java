package io.saasstack.webhooks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A webhook whose signature was verified.
 *
 * @param provider {@code clerk}, {@code resend}, {@code supabase}, {@code imagekit} or {@code cloudinary}
 * @param id the message id ({@code svix-id} / {@code webhook-id}), the key of replay protection; null
 * when the scheme has none (Cloudinary, legacy ImageKit)
 * @param timestamp when the provider signed it, if the scheme says
 * @param body the raw body
 * @since 0.1.0
 */
public record VerifiedWebhook(String provider, @Nullable String id, @Nullable Instant timestamp, byte[] body) {

}
