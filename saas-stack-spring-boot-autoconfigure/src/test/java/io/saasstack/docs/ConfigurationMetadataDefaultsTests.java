package io.saasstack.docs;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults shown in the IDE and in {@code docs/configuration.md} come from the metadata; they
 * must be the values a freshly created properties object actually holds.
 */
class ConfigurationMetadataDefaultsTests {

	private static final ConversionService CONVERSION = ApplicationConversionService.getSharedInstance();

	@Test
	void metadataDefaultsAreTheDefaultsOfThePropertiesClasses() throws Exception {
		JsonNode metadata = metadata();
		Map<String, Object> roots = new HashMap<>();
		for (JsonNode group : metadata.get("groups")) {
			Class<?> type = Class.forName(group.get("type").asString());
			if (type.isAnnotationPresent(ConfigurationProperties.class)) {
				roots.put(group.get("name").asString(), type.getDeclaredConstructor().newInstance());
			}
		}
		assertThat(roots).containsKeys("saas.auth", "saas.events", "saas.mail", "saas.media", "saas.webhooks",
				"saas.health");
		List<String> mismatches = new ArrayList<>();
		int checked = 0;
		for (JsonNode property : metadata.get("properties")) {
			String name = property.get("name").asString();
			String root = roots.keySet().stream().filter((prefix) -> name.startsWith(prefix + ".")).findFirst()
				.orElse(null);
			if (root == null) {
				continue;
			}
			BeanWrapperImpl wrapper = new BeanWrapperImpl(roots.get(root));
			String path = beanPath(name.substring(root.length() + 1));
			Object actual = wrapper.getPropertyValue(path);
			JsonNode declared = property.get("defaultValue");
			Object expected = (declared == null) ? null
					: CONVERSION.convert(declared.isArray() ? declared.toString() : declared.asString(),
							TypeDescriptor.valueOf(String.class), wrapper.getPropertyTypeDescriptor(path));
			if (actual instanceof Collection<?> collection && collection.isEmpty()) {
				actual = null;
			}
			if (!Objects.equals(expected, actual)) {
				mismatches.add(name + ": metadata says " + declared + ", the class holds " + actual);
			}
			checked++;
		}
		assertThat(checked).isGreaterThan(100);
		assertThat(mismatches).as("defaults missing or wrong in the metadata; set them in the field initializer or in "
				+ "additional-spring-configuration-metadata.json").isEmpty();
	}

	private static String beanPath(String relaxedName) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : relaxedName.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

	private static JsonNode metadata() {
		try (InputStream in = ConfigurationMetadataDefaultsTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
