package io.saasstack.webhooks;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Application event published for every verified, first-time webhook, before the typed event
 * ({@link ClerkUserEvent}, {@link ClerkSessionEvent}, {@link ResendEmailEvent},
 * {@link MediaUploadEvent}) when there is one. Consume it with {@code @EventListener}.
 *
 * @param provider {@code clerk}, {@code resend}, {@code supabase}, {@code imagekit} or {@code cloudinary}
 * @param id the message id ({@code svix-id} / {@code webhook-id}); null when the scheme has none
 * @param type the event type: {@code type} of the payload (Clerk, Resend, ImageKit),
 * {@code notification_type} (Cloudinary), the hook kind (Supabase, see {@link WebhookProcessor})
 * @param payload the JSON body, parsed
 * @param raw the raw body, exactly as signed
 * @since 0.1.0
 */
public record WebhookReceived(String provider, @Nullable String id, String type, Map<String, Object> payload,
		byte[] raw) {

	@Override
	public String toString() {
		return "WebhookReceived[provider=" + this.provider + ", id=" + this.id + ", type=" + this.type + ", "
				+ this.raw.length + " bytes]";
	}

}
