package io.saasstack.webhooks.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The providers whose webhook endpoint is on, with their secret, read from the environment (the
 * keys belong to the area properties: {@code saas.auth.*}, {@code saas.mail.*}, {@code saas.media.*}).
 */
final class WebhookSecrets {

	static final String CLERK = "saas.auth.clerk.webhook-secret";

	static final String RESEND = "saas.mail.resend.webhook-secret";

	static final String SUPABASE = "saas.auth.supabase.hook-secret";

	static final String IMAGEKIT = "saas.media.imagekit.webhook-secret";

	static final String CLOUDINARY = "saas.media.cloudinary.api-secret";

	private WebhookSecrets() {
	}

	/**
	 * A provider to serve.
	 * @param provider the provider name
	 * @param secretProperty the property holding its secret
	 * @param secret the secret, null when not set (only possible for an opted-in Cloudinary)
	 */
	record Configured(String provider, String secretProperty, @Nullable String secret) {

	}

	static List<Configured> configured(Environment environment) {
		Binder binder = Binder.get(environment);
		List<Configured> result = new ArrayList<>();
		if (!enabled(binder, "saas.webhooks.enabled", true)) {
			return result;
		}
		add(result, binder, "clerk", CLERK, false);
		add(result, binder, "resend", RESEND, false);
		add(result, binder, "supabase", SUPABASE, false);
		add(result, binder, "imagekit", IMAGEKIT, false);
		add(result, binder, "cloudinary", CLOUDINARY, true);
		return result;
	}

	private static void add(List<Configured> result, Binder binder, String provider, String secretProperty,
			boolean optIn) {
		boolean enabled = enabled(binder, "saas.webhooks." + provider + ".enabled", !optIn);
		if (!enabled) {
			return;
		}
		String secret = binder.bind(secretProperty, String.class).map(String::strip).orElse("");
		if (secret.isEmpty()) {
			secret = null;
		}
		if (secret != null || optIn) {
			result.add(new Configured(provider, secretProperty, secret));
		}
	}

	private static boolean enabled(Binder binder, String property, boolean defaultValue) {
		return binder.bind(property, Boolean.class).orElse(defaultValue);
	}

}
