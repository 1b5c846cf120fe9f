package io.saasstack.webhooks.autoconfigure;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.webhooks.InMemoryWebhookReplayGuard;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of inbound webhooks ({@code saas.webhooks.*}). The secrets stay with
 * their area: {@code saas.auth.clerk.webhook-secret}, {@code saas.mail.resend.webhook-secret},
 * {@code saas.auth.supabase.hook-secret}, {@code saas.media.imagekit.webhook-secret},
 * {@code saas.media.cloudinary.api-secret}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("saas.webhooks")
public class WebhooksProperties implements InitializingBean {

	/**
	 * Whether to serve webhook endpoints for the providers whose secret is set.
	 */
	private boolean enabled = true;

	/**
	 * Whether a failing event listener makes the endpoint answer 500, so that the provider retries,
	 * instead of acknowledging the webhook.
	 */
	private boolean failOnListenerError = false;

	/**
	 * How long a message id is remembered to ignore replays, at least 5 minutes; Cloudinary notifications are accepted that long (at most 2 hours).
	 */
	private Duration replayWindow = InMemoryWebhookReplayGuard.DEFAULT_WINDOW;

	/**
	 * How many message ids the in-memory replay guard keeps at most, the oldest evicted first.
	 */
	private int replayCacheSize = InMemoryWebhookReplayGuard.DEFAULT_MAX_SIZE;

	/**
	 * Clerk endpoint, served when 'saas.auth.clerk.webhook-secret' is set.
	 */
	private final Endpoint clerk = Endpoint.of("clerk", true);

	/**
	 * Resend endpoint, served when 'saas.mail.resend.webhook-secret' is set.
	 */
	private final Endpoint resend = Endpoint.of("resend", true);

	/**
	 * Supabase Auth hooks endpoint, served when 'saas.auth.supabase.hook-secret' is set.
	 */
	private final Endpoint supabase = Endpoint.of("supabase", true);

	/**
	 * ImageKit endpoint, served when 'saas.media.imagekit.webhook-secret' is set.
	 */
	private final Endpoint imagekit = Endpoint.of("imagekit", true);

	/**
	 * Cloudinary notifications endpoint: opt-in with 'enabled', verified with
	 * 'saas.media.cloudinary.api-secret'.
	 */
	private final Endpoint cloudinary = Endpoint.of("cloudinary", false);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isFailOnListenerError() {
		return this.failOnListenerError;
	}

	public void setFailOnListenerError(boolean failOnListenerError) {
		this.failOnListenerError = failOnListenerError;
	}

	public Duration getReplayWindow() {
		return this.replayWindow;
	}

	public void setReplayWindow(Duration replayWindow) {
		this.replayWindow = replayWindow;
	}

	public int getReplayCacheSize() {
		return this.replayCacheSize;
	}

	public void setReplayCacheSize(int replayCacheSize) {
		this.replayCacheSize = replayCacheSize;
	}

	public Endpoint getClerk() {
		return this.clerk;
	}

	public Endpoint getResend() {
		return this.resend;
	}

	public Endpoint getSupabase() {
		return this.supabase;
	}

	public Endpoint getImagekit() {
		return this.imagekit;
	}

	public Endpoint getCloudinary() {
		return this.cloudinary;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.replayWindow.compareTo(InMemoryWebhookReplayGuard.MIN_WINDOW) < 0) {
			throw new InvalidSaasPropertyException("saas.webhooks.replay-window",
					"it is shorter than the 5 minutes a signed timestamp stays valid",
					"Set 'saas.webhooks.replay-window' to 5m or more (default 10m).");
		}
		if (this.replayCacheSize <= 0) {
			throw new InvalidSaasPropertyException("saas.webhooks.replay-cache-size", "it is not positive",
					"Set 'saas.webhooks.replay-cache-size' to a positive number (default 10000).");
		}
		Map<String, String> paths = new HashMap<>();
		Map<String, Endpoint> endpoints = new LinkedHashMap<>();
		endpoints.put("clerk", this.clerk);
		endpoints.put("resend", this.resend);
		endpoints.put("supabase", this.supabase);
		endpoints.put("imagekit", this.imagekit);
		endpoints.put("cloudinary", this.cloudinary);
		for (Map.Entry<String, Endpoint> entry : endpoints.entrySet()) {
			String provider = entry.getKey();
			Endpoint endpoint = entry.getValue();
			String property = "saas.webhooks." + provider + ".path";
			if (endpoint.path == null || !endpoint.path.startsWith("/") || endpoint.path.contains("*")
					|| endpoint.path.contains("{")) {
				throw new InvalidSaasPropertyException(property, "it is not a plain path starting with '/'",
						"Set '" + property + "' to a path such as '/webhooks/" + provider + "'.");
			}
			String other = paths.putIfAbsent(endpoint.path, provider);
			if (other != null) {
				throw new InvalidSaasPropertyException(property,
						"it is the same as 'saas.webhooks." + other + ".path'",
						"Set '" + property + "' to a path of its own, such as '/webhooks/" + provider + "'.");
			}
		}
	}

	/**
	 * The endpoint of one provider.
	 */
	public static class Endpoint {

		/**
		 * Whether to serve the endpoint once the provider's secret is set (each provider's
		 * own description is in additional-spring-configuration-metadata.json).
		 */
		private boolean enabled;

		/**
		 * Path of the endpoint (POST).
		 */
		private String path = "/webhooks";

		static Endpoint of(String provider, boolean enabled) {
			Endpoint endpoint = new Endpoint();
			endpoint.setEnabled(enabled);
			endpoint.setPath("/webhooks/" + provider);
			return endpoint;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

}
