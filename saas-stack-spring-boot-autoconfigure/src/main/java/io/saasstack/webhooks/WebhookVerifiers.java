package io.saasstack.webhooks;

/**
 * Creates the {@link WebhookVerifier} of each provider from its secret. The auto-configuration asks
 * it for one verifier per configured provider; declare a bean of your own to replace the schemes.
 *
 * @since 0.1.0
 */
public interface WebhookVerifiers {

	/** Clerk (Svix): {@code saas.auth.clerk.webhook-secret}, {@code whsec_...}. */
	WebhookVerifier clerk(String secret);

	/** Resend (Svix): {@code saas.mail.resend.webhook-secret}, {@code whsec_...}. */
	WebhookVerifier resend(String secret);

	/** Supabase Auth hooks (Standard Webhooks): {@code saas.auth.supabase.hook-secret}, {@code v1,whsec_...}. */
	WebhookVerifier supabase(String secret);

	/** ImageKit: {@code saas.media.imagekit.webhook-secret}. */
	WebhookVerifier imagekit(String secret);

	/** Cloudinary notifications: signed with {@code saas.media.cloudinary.api-secret}. */
	WebhookVerifier cloudinary(String apiSecret);

}
