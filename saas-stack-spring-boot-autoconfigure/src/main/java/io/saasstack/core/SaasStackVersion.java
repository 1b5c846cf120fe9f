package io.saasstack.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The saas-stack version, as sent in the {@code User-Agent} header.
 *
 * @since 0.1.0
 */
public final class SaasStackVersion {

	private static final String VERSION = load();

	private SaasStackVersion() {
	}

	/** The version of the saas-stack jar, or {@code unknown} when it cannot be read. */
	public static String get() {
		return VERSION;
	}

	/** The {@code User-Agent} value of every provider call: {@code saas-stack/<version>}. */
	public static String userAgent() {
		return "saas-stack/" + VERSION;
	}

	private static String load() {
		try (InputStream in = SaasStackVersion.class.getResourceAsStream("/META-INF/saas-stack.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.isBlank() && !version.startsWith("${") && !version.startsWith("@")) {
					return version;
				}
			}
		}
		catch (IOException ex) {
			// fall through to unknown
		}
		return "unknown";
	}

}
