package io.saasstack.webhooks;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A media upload notification: ImageKit {@code upload.*} / {@code file.*} webhooks, Cloudinary
 * {@code upload} notifications.
 *
 * @param provider {@code imagekit} or {@code cloudinary}
 * @param type the event type ({@code type} of ImageKit, {@code notification_type} of Cloudinary)
 * @param id ImageKit {@code data.fileId}, Cloudinary {@code public_id}
 * @param url ImageKit {@code data.url}, Cloudinary {@code secure_url} (else {@code url})
 * @param payload the whole parsed body
 * @since 0.1.0
 */
public record MediaUploadEvent(String provider, String type, @Nullable String id, @Nullable String url,
		Map<String, Object> payload) {

}
