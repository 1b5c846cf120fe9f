package io.saasstack.webhooks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.http.HttpHeaders;

/**
 * Test verifiers: a request is verified when it has {@code X-Test-Signature: ok}; the id is
 * {@code webhook-id} or {@code svix-id} (none for Cloudinary). Records the bytes each verifier got.
 */
public class TestWebhookVerifiers implements WebhookVerifiers {

	public final List<byte[]> received = new CopyOnWriteArrayList<>();

	public final List<String> secrets = new CopyOnWriteArrayList<>();

	@Override
	public WebhookVerifier clerk(String secret) {
		return verifier("clerk", secret);
	}

	@Override
	public WebhookVerifier resend(String secret) {
		return verifier("resend", secret);
	}

	@Override
	public WebhookVerifier supabase(String secret) {
		return verifier("supabase", secret);
	}

	@Override
	public WebhookVerifier imagekit(String secret) {
		return verifier("imagekit", secret);
	}

	@Override
	public WebhookVerifier cloudinary(String apiSecret) {
		return verifier("cloudinary", apiSecret);
	}

	private WebhookVerifier verifier(String provider, String secret) {
		this.secrets.add(provider + "=" + secret);
		return (headers, body) -> {
			this.received.add(body);
			if (!"ok".equals(headers.getFirst("X-Test-Signature"))) {
				throw new WebhookVerificationException(provider, "No matching signature found");
			}
			String id = "cloudinary".equals(provider) ? null : id(headers);
			return new VerifiedWebhook(provider, id, null, body);
		};
	}

	private static String id(HttpHeaders headers) {
		String id = headers.getFirst("svix-id");
		return (id != null) ? id : headers.getFirst("webhook-id");
	}

}
