package io.saasstack.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code docs/configuration.md} is rendered from the configuration metadata the jar ships, so the
 * property reference cannot drift from the code. With {@code -Dsaas.docs.update=true} the test
 * rewrites the file instead of comparing.
 */
class ConfigurationReferenceTests {

	private static final Path DOCUMENT = Path.of("..", "docs", "configuration.md");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void configurationReferenceMatchesTheMetadata() throws IOException {
		String rendered = new ConfigurationReference(metadata()).render();
		Path copy = Path.of("target", "generated-docs", "configuration.md");
		Files.createDirectories(copy.getParent());
		Files.writeString(copy, rendered, StandardCharsets.UTF_8);
		if (Boolean.getBoolean("saas.docs.update")) {
			Files.writeString(DOCUMENT, rendered, StandardCharsets.UTF_8);
			return;
		}
		String current = Files.exists(DOCUMENT) ? Files.readString(DOCUMENT, StandardCharsets.UTF_8) : null;
		if (!rendered.equals(current)) {
			fail("%s is out of date with the configuration metadata (%s). Regenerate it from the repository root with:%n"
					+ "  %s%n(the expected file is in %s)", DOCUMENT.normalize(), firstDifference(current, rendered),
					ConfigurationReference.UPDATE_COMMAND, copy);
		}
	}

	@Test
	void everyPropertyIsInExactlyOneTable() {
		JsonNode metadata = metadata();
		List<String> listed = new ArrayList<>();
		new ConfigurationReference(metadata).tables().values()
			.forEach((table) -> table.forEach((property) -> listed.add(property.get("name").asString())));
		List<String> expected = new ArrayList<>();
		metadata.get("properties").forEach((property) -> expected.add(property.get("name").asString()));
		assertThat(listed).hasSameSizeAs(expected).containsExactlyInAnyOrderElementsOf(expected)
			.contains("saas.auth.clerk.secret-key", "management.health.saas.enabled");
	}

	@Test
	void sharedNestedTypesAreListedWithTheirParentAndManagementComesLast() {
		Map<String, List<JsonNode>> tables = new ConfigurationReference(metadata()).tables();
		assertThat(tables).containsKeys("saas.auth", "saas.auth.clerk", "saas.mail.resend", "saas.webhooks")
			.doesNotContainKeys("saas.auth.clerk.retry", "saas.webhooks.clerk");
		assertThat(tables.get("saas.mail.resend")).extracting((property) -> property.get("name").asString())
			.contains("saas.mail.resend.api-key", "saas.mail.resend.retry.max-attempts");
		assertThat(List.copyOf(tables.keySet())).last().isEqualTo("management.health.saas");
	}

	@Test
	void rendersTypesDefaultsAndEscapedDescriptions() {
		String json = """
				{"groups": [{"name": "x", "type": "X"}, {"name": "x.a", "type": "R"}, {"name": "x.b", "type": "R"}],
				 "properties": [
				  {"name": "x.secret", "type": "java.lang.String", "description": "Secrets, \\"v1,a|v1,b\\" or <none>."},
				  {"name": "x.a.wait", "type": "java.time.Duration", "defaultValue": "5s", "description": "Wait."},
				  {"name": "x.b.hosts", "type": "java.util.List<java.lang.String>", "defaultValue": ["a", "b"]},
				  {"name": "x.policy", "type": "io.saasstack.events.delivery.OverflowPolicy", "defaultValue": "drop-newest",
				   "deprecation": {"replacement": "x.other"}}]}
				""";
		String rendered = new ConfigurationReference(JSON.readTree(json)).render();
		assertThat(rendered).contains("\n## x\n")
			.doesNotContain("## x.a")
			.contains("| `x.secret` | `String` |  | Secrets, \"v1,a\\|v1,b\" or &lt;none&gt;. |")
			.contains("| `x.a.wait` | `Duration` | `5s` | Wait. |")
			.contains("| `x.b.hosts` | `List<String>` | `a,b` |  |")
			.contains("| `x.policy` | `drop-newest`, `drop-oldest` | `drop-newest` | **Deprecated**, use `x.other`. |");
	}

	private static String firstDifference(String current, String rendered) {
		if (current == null) {
			return "the file does not exist";
		}
		String[] have = current.split("\n", -1);
		String[] want = rendered.split("\n", -1);
		for (int i = 0; i < Math.max(have.length, want.length); i++) {
			String a = (i < have.length) ? have[i] : "<end of file>";
			String b = (i < want.length) ? want[i] : "<end of file>";
			if (!a.equals(b)) {
				return String.format("first difference at line %d: file has '%s', metadata gives '%s'", i + 1, a, b);
			}
		}
		return "no difference";
	}

	private static JsonNode metadata() {
		try (InputStream in = ConfigurationReferenceTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return JSON.readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
