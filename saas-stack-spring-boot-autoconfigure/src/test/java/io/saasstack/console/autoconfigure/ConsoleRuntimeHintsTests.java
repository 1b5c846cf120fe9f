package io.saasstack.console.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.annotation.MergedAnnotations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's page, style sheet and script are read from the class path at runtime: a native
 * image needs them registered as resources, by the auto-configuration itself.
 */
class ConsoleRuntimeHintsTests {

	@Test
	void theConsolesFilesAreRegisteredResources() {
		RuntimeHints hints = new RuntimeHints();
		new ConsoleRuntimeHints().registerHints(hints, getClass().getClassLoader());
		for (String file : new String[] { "index.html", "console.css", "console.js" }) {
			assertThat(RuntimeHintsPredicates.resource().forResource("META-INF/saas-console/" + file)).as(file)
				.accepts(hints);
		}
	}

	@Test
	void theAutoConfigurationImportsThem() {
		assertThat(MergedAnnotations.from(ConsoleAutoConfiguration.class)
			.get(ImportRuntimeHints.class)
			.getClassArray("value")).containsExactly(ConsoleRuntimeHints.class);
	}

}
