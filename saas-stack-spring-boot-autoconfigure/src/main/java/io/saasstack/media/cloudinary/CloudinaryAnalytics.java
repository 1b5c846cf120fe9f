package io.saasstack.media.cloudinary;

import java.util.Arrays;

/**
 * The {@code _a} analytics token the official SDKs append to delivery URLs by default, as
 * computed by {@code com.cloudinary.utils.Analytics} of the Java SDK: algorithm {@code D},
 * product {@code A}, SDK code {@code G} (Java), the SDK and Java versions in Cloudinary's
 * base-64 version encoding, OS {@code Z} {@code 0.0} and feature flag {@code 0}. saas-stack
 * adds no token unless asked ({@link CloudinaryUrlOptions.Builder#analyticsToken(String)}):
 * it only helps compare URLs with the SDK's, and the token identifies an SDK this is not.
 *
 * @since 0.1.0
 */
public final class CloudinaryAnalytics {

	private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	private CloudinaryAnalytics() {
	}

	/**
	 * The token of the Java SDK, for example {@code DAGAEuARZAA0} for SDK {@code 2.3.0} on Java
	 * {@code 17.0.15}; {@code E} (the SDK's error token) for versions it cannot encode.
	 * @param sdkVersion version of the Java SDK, for example {@code 2.3.0}
	 * @param javaVersion the {@code java.version} system property
	 */
	public static String token(String sdkVersion, String javaVersion) {
		try {
			String[] java = javaVersion.split("_")[0].split("\\.");
			return "DAG" + version(sdkVersion) + version(dropLast(java)) + "Z" + "AA" + "0";
		}
		catch (RuntimeException ex) {
			return "E";
		}
	}

	private static String dropLast(String[] parts) {
		int length = (parts.length > 2) ? parts.length - 1 : parts.length;
		return String.join(".", Arrays.copyOf(parts, length));
	}

	// each part padded to 2 digits, parts reversed, read as one decimal number, 6 bits per part
	private static String version(String version) {
		String[] parts = version.split("\\.");
		if (parts.length < 2) {
			throw new IllegalArgumentException("a version needs at least two parts");
		}
		StringBuilder reversed = new StringBuilder();
		for (int i = parts.length - 1; i >= 0; i--) {
			reversed.append((parts[i].length() < 2) ? "0" + parts[i] : parts[i]);
		}
		String bits = Integer.toBinaryString(Integer.parseInt(reversed.toString()));
		bits = "0".repeat(Math.max(0, parts.length * 6 - bits.length())) + bits;
		if (bits.length() % 6 != 0) {
			throw new IllegalArgumentException("version too large");
		}
		StringBuilder token = new StringBuilder(parts.length);
		for (int i = 0; i < bits.length(); i += 6) {
			token.append(BASE64.charAt(Integer.parseInt(bits.substring(i, i + 6), 2)));
		}
		return token.toString();
	}

}
