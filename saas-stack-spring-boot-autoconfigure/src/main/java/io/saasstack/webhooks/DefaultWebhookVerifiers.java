package io.saasstack.webhooks;

import java.time.Clock;
import java.time.Duration;

import org.springframework.util.Assert;

/**
 * The verifiers of saas-stack for each provider's signature scheme: Svix (Clerk, Resend),
 * Standard Webhooks with {@code v1,whsec_} secrets (Supabase Auth hooks), both ImageKit schemes,
 * and Cloudinary's notification hash.
 * <p>
 * Every verifier accepts a timestamp for at most as long as the replay guard remembers ids: a
 * message still accepted after its id is forgotten could be replayed. The Svix, Standard
 * Webhooks and ImageKit schemes accept 5 minutes, the shortest replay window. Cloudinary's
 * notifications carry no id and its SDKs accept them for two hours, so here they are accepted
 * for the replay window only (10 minutes by default, at most two hours).
 *
 * @since 0.1.0
 */
public class DefaultWebhookVerifiers implements WebhookVerifiers {

	private final CloudinaryWebhookVerifier.Algorithm cloudinaryAlgorithm;

	private final Clock clock;

	private final Duration cloudinaryValidFor;

	/** Verifiers on the system clock, Cloudinary signatures in SHA-1. */
	public DefaultWebhookVerifiers() {
		this(CloudinaryWebhookVerifier.Algorithm.SHA1, Clock.systemUTC());
	}

	/**
	 * Verifiers for the default replay window.
	 * @param cloudinaryAlgorithm the hash of Cloudinary notifications, as set for the account
	 * @param clock the clock of timestamp checks
	 */
	public DefaultWebhookVerifiers(CloudinaryWebhookVerifier.Algorithm cloudinaryAlgorithm, Clock clock) {
		this(cloudinaryAlgorithm, clock, InMemoryWebhookReplayGuard.DEFAULT_WINDOW);
	}

	/**
	 * @param cloudinaryAlgorithm the hash of Cloudinary notifications, as set for the account
	 * @param clock the clock of timestamp checks
	 * @param replayWindow how long the replay guard remembers ids: Cloudinary notifications are
	 * accepted that long, two hours at most
	 */
	public DefaultWebhookVerifiers(CloudinaryWebhookVerifier.Algorithm cloudinaryAlgorithm, Clock clock,
			Duration replayWindow) {
		Assert.notNull(cloudinaryAlgorithm, "cloudinaryAlgorithm must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.isTrue(replayWindow != null && replayWindow.compareTo(InMemoryWebhookReplayGuard.MIN_WINDOW) >= 0,
				() -> "replayWindow must be at least " + InMemoryWebhookReplayGuard.MIN_WINDOW);
		this.cloudinaryAlgorithm = cloudinaryAlgorithm;
		this.clock = clock;
		this.cloudinaryValidFor = (replayWindow.compareTo(CloudinaryWebhookVerifier.DEFAULT_VALID_FOR) < 0)
				? replayWindow : CloudinaryWebhookVerifier.DEFAULT_VALID_FOR;
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
		return new CloudinaryWebhookVerifier(apiSecret, this.cloudinaryAlgorithm, this.cloudinaryValidFor, this.clock);
	}

}
