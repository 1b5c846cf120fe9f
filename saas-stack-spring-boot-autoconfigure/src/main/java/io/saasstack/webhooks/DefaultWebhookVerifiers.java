package io.saasstack.webhooks;

/**
 * The verifiers of saas-stack for each provider's signature scheme.
 *
 * @since 0.1.0
 */
public class DefaultWebhookVerifiers implements WebhookVerifiers {

	// TODO(lead): return the StandardWebhookVerifier / ImageKitWebhookVerifier / CloudinaryWebhookVerifier
	@Override
	public WebhookVerifier clerk(String secret) {
		throw new UnsupportedOperationException("wired by the lead");
	}

	@Override
	public WebhookVerifier resend(String secret) {
		throw new UnsupportedOperationException("wired by the lead");
	}

	@Override
	public WebhookVerifier supabase(String secret) {
		throw new UnsupportedOperationException("wired by the lead");
	}

	@Override
	public WebhookVerifier imagekit(String secret) {
		throw new UnsupportedOperationException("wired by the lead");
	}

	@Override
	public WebhookVerifier cloudinary(String apiSecret) {
		throw new UnsupportedOperationException("wired by the lead");
	}

}
