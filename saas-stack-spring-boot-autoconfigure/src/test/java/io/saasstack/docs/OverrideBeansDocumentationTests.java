package io.saasstack.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Override any bean" section of the README lists every bean our auto-configurations create,
 * and nothing else in the first column of its tables.
 */
class OverrideBeansDocumentationTests {

	private static final Pattern TYPE = Pattern.compile("`([A-Z][A-Za-z0-9]*)`");

	@Test
	void readmeListsEveryAutoConfiguredBeanType() throws IOException {
		String section = section(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8),
				"## Override any bean");
		Set<String> beanTypes = beanTypes();
		assertThat(beanTypes).contains("SaasHttpClientFactory", "BlockingMailClient",
				"WebhookReplayGuard", "SecurityFilterChain");
		assertThat(types(section)).as("bean types named in README.md, section 'Override any bean'")
			.containsAll(beanTypes);
		Set<String> firstColumn = new TreeSet<>();
		section.lines().filter((line) -> line.startsWith("| `")).forEach((line) -> firstColumn
			.addAll(types(line.substring(1, line.indexOf('|', 1)))));
		assertThat(beanTypes).as("types in the first column of the tables are beans we create")
			.containsAll(firstColumn);
	}

	private static Set<String> beanTypes() {
		Set<String> types = new TreeSet<>();
		AutoConfiguredBeans.beanMethods().forEach((method) -> types.add(method.getReturnType().getSimpleName()));
		return types;
	}

	private static Set<String> types(String text) {
		Set<String> types = new LinkedHashSet<>();
		Matcher matcher = TYPE.matcher(text);
		while (matcher.find()) {
			types.add(matcher.group(1));
		}
		return types;
	}

	private static String section(String readme, String heading) {
		int start = readme.indexOf("\n" + heading + "\n");
		assertThat(start).as("README.md has a section '%s'", heading).isNotNegative();
		int end = readme.indexOf("\n## ", start + heading.length() + 1);
		return readme.substring(start, (end < 0) ? readme.length() : end);
	}

}
