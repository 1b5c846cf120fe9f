package io.saasstack.media.autoconfigure;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.saasstack.core.InvalidSaasPropertyException;

/**
 * Picks the provider injected where no provider is named: {@code saas.media.provider}, or the
 * only one configured.
 */
final class MediaProviderSelection {

	private MediaProviderSelection() {
	}

	static <T> T select(List<T> candidates, Function<T, String> provider, MediaProperties properties, String what) {
		if (properties.getProvider() != null) {
			String wanted = properties.getProvider().name().toLowerCase(Locale.ROOT);
			return candidates.stream()
				.filter((candidate) -> wanted.equals(provider.apply(candidate)))
				.findFirst()
				.orElseThrow(() -> new InvalidSaasPropertyException("saas.media.provider",
						"it selects " + wanted + " but no " + what + " of " + wanted + " is configured",
						"Configure saas.media." + wanted + ".* or change 'saas.media.provider'."));
		}
		if (candidates.size() > 1) {
			throw new InvalidSaasPropertyException("saas.media.provider",
					"both ImageKit and Cloudinary are configured and it is not set",
					"Set 'saas.media.provider' to imagekit or cloudinary; inject ImageKitUrls or CloudinaryUrls to use the other.");
		}
		return candidates.get(0);
	}

}
