package io.saasstack.core;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Callback to customize the {@link WebClient.Builder} of one or all provider clients, after
 * saas-stack applied its own settings. Declare it as a bean.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SaasWebClientCustomizer {

	/**
	 * Customize the builder of the client for a provider.
	 * @param provider provider id: {@code clerk}, {@code supabase}, {@code imagekit},
	 * {@code cloudinary}, {@code logsnag} or {@code resend}
	 * @param builder the builder, already cloned from Boot's
	 */
	void customize(String provider, WebClient.Builder builder);

	/** A customizer applied to a single provider's client only. */
	static SaasWebClientCustomizer forProvider(String provider, java.util.function.Consumer<WebClient.Builder> customizer) {
		return (candidate, builder) -> {
			if (candidate.equals(provider)) {
				customizer.accept(builder);
			}
		};
	}

}
