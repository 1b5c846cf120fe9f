package io.saasstack.webhooks;

import java.time.Clock;
import java.time.Duration;

/**
 * The verifiers of saas-stack for each provider's signature scheme: Svix (Clerk, Resend),
 * Standard Webhooks with {@code v1,whsec_} secrets (Supabase Auth hooks), both ImageKit schemes,
 * and Cloudinary's notification hash.
 *
 * @since 0.1.0
 */
public class DefaultWebhookVerifiers implements WebhookVerifiers {

	private final CloudinaryWebhookVerifier.Algorithm cloudinaryAlgorithm;

	private final Clock clock;

	/** Verifiers on the system clock, Cloudinary signatures in SHA-1. */
	public DefaultWebhookVerifiers() {
		this(CloudinaryWebhookVerifier.Algorithm.SHA1, Clock.systemUTC());
	}

	/**
	 * @param cloudinaryAlgorithm the hash of Cloudinary notifications, as set for the account
	 * @param clock the clock of timestamp checks
	 */
	public DefaultWebhookVerifiers(CloudinaryWebhookVerifier.Algorithm cloudinaryAlgorithm, Clock clock) {
		this.cloudinaryAlgorithm = cloudinaryAlgorithm;
		this.clock = clock;
	}

	@Override
	public WebhookVerifier clerk(String secret) {
		return StandardWebhookVerifier.svix("clerk", secret, this.clock);
	}

	@Override
	public WebhookVerifier resend(String secret) {
		return StandardWebhookVerifier.svix("resend", secret, this.clock);
	}

	@Override
	public WebhookVerifier supabase(String secret) {
		return StandardWebhookVerifier.supabaseHook(secret, this.clock);
	}

	@Override
	public WebhookVerifier imagekit(String secret) {
		return new ImageKitWebhookVerifier(secret, this.clock, Duration.ofMinutes(5));
	}

	@Override
	public WebhookVerifier cloudinary(String apiSecret) {
		// Cloudinary's Node SDK default: a notification is fresh for two hours
		return new CloudinaryWebhookVerifier(apiSecret, this.cloudinaryAlgorithm, Duration.ofHours(2), this.clock);
	}

}
