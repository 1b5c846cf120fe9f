package io.saasstack.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;

/**
 * The console's page, style sheet and script, read once from the jar
 * ({@value #LOCATION}): plain files, no build step, nothing loaded from elsewhere.
 */
final class ConsoleAssets {

	/** Where the files are on the class path. */
	static final String LOCATION = "META-INF/saas-console/";

	private static final Map<String, String> TYPES = Map.of("index.html", "text/html;charset=UTF-8", "console.css",
			"text/css;charset=UTF-8", "console.js", "text/javascript;charset=UTF-8");

	private final Map<String, byte[]> files;

	ConsoleAssets() {
		this.files = Map.of("index.html", read("index.html"), "console.css", read("console.css"), "console.js",
				read("console.js"));
	}

	/** The file of that name, or null. */
	@Nullable ConsoleResponse get(String name) {
		byte[] content = this.files.get(name);
		if (content == null) {
			return null;
		}
		ConsoleResponse response = ConsoleResponse.bytes(200, TYPES.get(name), content);
		return name.equals("index.html") ? response.header("Content-Security-Policy", ConsoleResponse.PAGE_POLICY)
			.header("Referrer-Policy", "no-referrer") : response;
	}

	private static byte[] read(String name) {
		try (InputStream in = new ClassPathResource(LOCATION + name, ConsoleAssets.class.getClassLoader())
			.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The console's " + name + " is missing from the class path", ex);
		}
	}

}
