package io.saasstack.docs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.saasstack.core.SaasPropertyChecks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Environment variables for {@code saas.*} properties are written in one form everywhere (README,
 * docs, the sample's properties, start-up messages): Boot's own form of the property, dots to
 * {@code _}, dashes removed, upper case ({@code SAAS_AUTH_CLERK_SECRETKEY}). Every other spelling
 * of a property's variable, such as {@code SAAS_AUTH_CLERK_SECRET_KEY}, fails, and so does a
 * placeholder of another name as the value of a {@code saas.*} property.
 */
class EnvironmentVariableSpellingTests {

	private static final Path ROOT = Path.of("..");

	/** Variables of the test support, not properties. */
	private static final Set<String> NOT_PROPERTIES = Set.of("SAAS_PG_BIN", "SAAS_PG_USER", "SAAS_CHROMIUM", "SAAS_CHROMEDRIVER");

	private static final Pattern VARIABLE = Pattern.compile("(?<![A-Za-z0-9_])SAAS_[A-Z0-9_]*[A-Z0-9](?![A-Za-z0-9_])");

	private static final Pattern ASSIGNED_PLACEHOLDER = Pattern
		.compile("(saas(?:\\.[a-z0-9-]+)+)\\s*[=:]\\s*\\$\\{([A-Za-z0-9_.-]+)(?::[^}]*)?}");

	@Test
	void theRuleIsBootsOwn() {
		// what Boot itself binds: the canonical form must reach the property, and the rule must agree
		assertThat(SaasPropertyChecks.environmentVariable("saas.auth.clerk.secret-key"))
			.isEqualTo("SAAS_AUTH_CLERK_SECRETKEY");
		for (String property : properties()) {
			String variable = SaasPropertyChecks.environmentVariable(property);
			assertThat(bindsFromEnvironment(variable, property)).as("%s binds %s", variable, property).isTrue();
		}
	}

	@Test
	void everyVariableOfASaasPropertyIsWrittenInBootsForm() throws IOException {
		Map<String, String> variables = new TreeMap<>();
		for (String property : properties()) {
			variables.put(SaasPropertyChecks.environmentVariable(property), property);
		}
		List<String> wrong = new ArrayList<>();
		for (Path file : documents()) {
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			for (int i = 0; i < lines.size(); i++) {
				wrong.addAll(check(lines.get(i), variables, ROOT.relativize(file) + ":" + (i + 1)));
			}
		}
		assertThat(wrong).as("environment variables not written as Boot's form of a saas.* property").isEmpty();
	}

	@Test
	void refusesTheOtherSpellings() {
		Map<String, String> variables = Map.of("SAAS_AUTH_CLERK_SECRETKEY", "saas.auth.clerk.secret-key");
		assertThat(check("export SAAS_AUTH_CLERK_SECRETKEY=sk_test", variables, "x")).isEmpty();
		assertThat(check("`SAAS_AUTH_CLERK_SECRETKEY`, …", variables, "x")).isEmpty();
		assertThat(check("saas.auth.clerk.secret-key=${SAAS_AUTH_CLERK_SECRETKEY}", variables, "x")).isEmpty();
		assertThat(check("SAAS_AUTH_CLERK_SECRET_KEY", variables, "x")).singleElement()
			.asString()
			.contains("SAAS_AUTH_CLERK_SECRETKEY");
		assertThat(check("saas.auth.clerk.secret-key=${CLERK_SECRET_KEY}", variables, "x")).singleElement()
			.asString()
			.contains("SAAS_AUTH_CLERK_SECRETKEY");
		assertThat(check("saas.auth.clerk.secret-key: ${saas_secret:none}", variables, "x")).hasSize(1);
		assertThat(check("SAAS_AUTH_CLERK_SECRET", variables, "x")).hasSize(1);
	}

	static List<String> check(String line, Map<String, String> variables, String where) {
		List<String> wrong = new ArrayList<>();
		Matcher variable = VARIABLE.matcher(line);
		while (variable.find()) {
			String name = variable.group();
			if (!variables.containsKey(name) && !NOT_PROPERTIES.contains(name)) {
				wrong.add(where + ": " + name + " is no property's variable" + suggestion(name, variables));
			}
		}
		Matcher placeholder = ASSIGNED_PLACEHOLDER.matcher(line);
		while (placeholder.find()) {
			String property = placeholder.group(1);
			String expected = SaasPropertyChecks.environmentVariable(property);
			if (!placeholder.group(2).equals(expected)) {
				wrong.add(where + ": " + property + " takes ${" + placeholder.group(2) + "}; write ${" + expected + "}");
			}
		}
		return wrong;
	}

	/** The variable meant, when the name is another spelling of one. */
	private static String suggestion(String name, Map<String, String> variables) {
		String squashed = name.replace("_", "");
		return variables.keySet()
			.stream()
			.filter((candidate) -> candidate.replace("_", "").equals(squashed))
			.findFirst()
			.map((candidate) -> "; write " + candidate)
			.orElse("");
	}

	private static boolean bindsFromEnvironment(String variable, String property) {
		SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "value"));
		StandardEnvironment env = new StandardEnvironment();
		env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(env)) {
			if (source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null) {
				return true;
			}
		}
		return false;
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>();
		documents.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		for (String tree : List.of("sample-app/src/main", "saas-stack-spring-boot-autoconfigure/src/main",
				"saas-stack-integration-tests/src")) {
			try (Stream<Path> files = Files.walk(ROOT.resolve(tree))) {
				files.filter((path) -> path.toString().endsWith(".java") || path.toString().endsWith(".properties"))
					.sorted()
					.forEach(documents::add);
			}
		}
		assertThat(documents).hasSizeGreaterThan(50);
		return documents;
	}

	private static List<String> properties() {
		try (InputStream in = EnvironmentVariableSpellingTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonNode metadata = JsonMapper.builder().build().readTree(in);
			List<String> names = new ArrayList<>();
			for (JsonNode property : metadata.get("properties")) {
				String name = property.get("name").asString();
				if (name.startsWith("saas.")) {
					names.add(name);
				}
			}
			assertThat(names).hasSizeGreaterThan(100);
			return names;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
