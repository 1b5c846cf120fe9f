package io.saasstack;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata shipped in the jar is what IDEs show: every key must be documented.
 */
class ConfigurationMetadataTests {

	private final JsonNode metadata = read();

	@Test
	void everySaasPropertyHasADescriptionInBootStyle() {
		List<String> saasProperties = new ArrayList<>();
		for (JsonNode property : this.metadata.get("properties")) {
			String name = property.get("name").asString();
			if (!name.startsWith("saas.")) {
				continue;
			}
			saasProperties.add(name);
			JsonNode description = property.get("description");
			assertThat(description).as("description of %s", name).isNotNull();
			assertThat(description.asString()).as("description of %s", name)
				.isNotBlank()
				.endsWith(".")
				.doesNotStartWith("The ")
				.doesNotStartWith("A ")
				.doesNotContain("{@");
		}
		assertThat(saasProperties).contains("saas.auth.enabled", "saas.events.enabled", "saas.mail.enabled",
				"saas.media.enabled", "saas.mail.resend.api-key", "saas.mail.resend.base-url",
				"saas.mail.resend.retry.max-attempts", "saas.health.cache-time-to-live");
	}

	@Test
	void documentsTheHealthIndicatorSwitch() {
		assertThat(property("management.health.saas.enabled").get("defaultValue").asBoolean()).isTrue();
	}

	@Test
	void documentsBaseUrlDefaults() {
		assertThat(property("saas.mail.resend.base-url").get("defaultValue").asString())
			.isEqualTo("https://api.resend.com");
		assertThat(property("saas.events.logsnag.base-url").get("defaultValue").asString())
			.isEqualTo("https://api.logsnag.com");
	}

	@Test
	void providerHintsMatchTheEnums() {
		assertThat(hintedValues("saas.auth.provider")).containsExactlyInAnyOrderElementsOf(
				enumValues(io.saasstack.auth.autoconfigure.AuthProperties.Provider.class));
		assertThat(hintedValues("saas.media.provider")).containsExactlyInAnyOrderElementsOf(
				enumValues(io.saasstack.media.autoconfigure.MediaProperties.Provider.class));
	}

	/** The values of the property's hint, in the metadata IDEs read. */
	private List<String> hintedValues(String name) {
		List<String> hinted = new ArrayList<>();
		for (JsonNode hint : this.metadata.get("hints")) {
			if (hint.get("name").asString().equals(name)) {
				hint.get("values").forEach((value) -> hinted.add(value.get("value").asString()));
			}
		}
		assertThat(hinted).as("hints of %s", name).isNotEmpty();
		return hinted;
	}

	/** The values Boot binds to the enum's constants: their names in lower case, with dashes. */
	private static List<String> enumValues(Class<? extends Enum<?>> type) {
		return java.util.Arrays.stream(type.getEnumConstants())
			.map((constant) -> constant.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
			.toList();
	}

	private JsonNode property(String name) {
		for (JsonNode property : this.metadata.get("properties")) {
			if (property.get("name").asString().equals(name)) {
				return property;
			}
		}
		throw new AssertionError("No metadata for " + name);
	}

	private static JsonNode read() {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
