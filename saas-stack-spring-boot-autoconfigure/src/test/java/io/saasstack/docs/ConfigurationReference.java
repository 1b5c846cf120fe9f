package io.saasstack.docs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * Renders {@code docs/configuration.md} from the merged configuration metadata: one table per
 * group, nested groups of a shared type (retry settings, webhook endpoints) listed in their
 * parent's table.
 */
final class ConfigurationReference {

	static final String UPDATE_COMMAND = "mvn -pl saas-stack-spring-boot-autoconfigure -am clean test "
			+ "-Dtest=ConfigurationReferenceTests -Dsurefire.failIfNoSpecifiedTests=false -Dsaas.docs.update=true";

	private final JsonNode metadata;

	ConfigurationReference(JsonNode metadata) {
		this.metadata = metadata;
	}

	String render() {
		Map<String, List<JsonNode>> tables = tables();
		StringBuilder out = new StringBuilder();
		out.append("# Configuration properties\n\n");
		out.append("<!-- Generated from the configuration metadata by ConfigurationReferenceTests; do not edit. -->\n");
		out.append("Every property of saas-stack, generated from the configuration metadata the jar ships (the same\n");
		out.append("text your IDE shows). Regenerate after changing a property:\n\n");
		out.append("```bash\n").append(UPDATE_COMMAND).append("\n```\n\n");
		for (String group : tables.keySet()) {
			out.append("- [`").append(group).append("`](#").append(group.replace(".", "")).append(")\n");
		}
		for (Map.Entry<String, List<JsonNode>> table : tables.entrySet()) {
			out.append("\n## ").append(table.getKey()).append("\n\n");
			out.append("| property | type | default | description |\n");
			out.append("|---|---|---|---|\n");
			for (JsonNode property : table.getValue()) {
				out.append("| `").append(text(property, "name")).append("` | ")
					.append(type(text(property, "type"))).append(" | ")
					.append(defaultValue(property.get("defaultValue"))).append(" | ")
					.append(description(property)).append(" |\n");
			}
		}
		return out.toString();
	}

	/**
	 * Properties by the group whose table lists them, {@code saas.*} groups first.
	 */
	Map<String, List<JsonNode>> tables() {
		Map<String, String> groupTypes = new HashMap<>();
		Map<String, Integer> typeUses = new HashMap<>();
		for (JsonNode group : this.metadata.path("groups")) {
			String type = text(group, "type");
			groupTypes.put(text(group, "name"), type);
			typeUses.merge(type, 1, Integer::sum);
		}
		Map<String, List<JsonNode>> tables = new TreeMap<>(Comparator
			.comparing((String name) -> !name.startsWith("saas."))
			.thenComparing(Comparator.naturalOrder()));
		for (JsonNode property : this.metadata.path("properties")) {
			String name = text(property, "name");
			String group = enclosingGroup(name, groupTypes);
			while (group != null && typeUses.get(groupTypes.get(group)) > 1
					&& enclosingGroup(group, groupTypes) != null) {
				group = enclosingGroup(group, groupTypes);
			}
			tables.computeIfAbsent((group != null) ? group : parent(name), (key) -> new ArrayList<>()).add(property);
		}
		tables.values().forEach((list) -> list.sort(Comparator.comparing((JsonNode p) -> text(p, "name"))));
		return new LinkedHashMap<>(tables);
	}

	/**
	 * The longest group name that strictly encloses the given name, or {@code null}.
	 */
	private static String enclosingGroup(String name, Map<String, String> groupTypes) {
		for (String candidate = parent(name); candidate != null; candidate = parent(candidate)) {
			if (groupTypes.containsKey(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static String parent(String name) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) : null;
	}

	static String type(String type) {
		if (type == null) {
			return "";
		}
		Class<?> enumType = enumType(type);
		if (enumType != null) {
			List<String> values = new ArrayList<>();
			for (Object constant : enumType.getEnumConstants()) {
				values.add("`" + ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-') + "`");
			}
			return String.join(", ", values);
		}
		return "`" + type.replaceAll("[a-z][a-z0-9_]*\\.", "").replace('$', '.') + "`";
	}

	private static Class<?> enumType(String type) {
		try {
			Class<?> candidate = Class.forName(type, false, ConfigurationReference.class.getClassLoader());
			return candidate.isEnum() ? candidate : null;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	private static String defaultValue(JsonNode value) {
		if (value == null || value.isNull()) {
			return "";
		}
		if (value.isArray()) {
			List<String> values = new ArrayList<>();
			value.forEach((element) -> values.add(element.asString()));
			return values.isEmpty() ? "" : "`" + String.join(",", values) + "`";
		}
		return "`" + value.asString() + "`";
	}

	private static String description(JsonNode property) {
		String description = cell(text(property, "description"));
		JsonNode deprecation = property.get("deprecation");
		if (deprecation != null) {
			String replacement = text(deprecation, "replacement");
			description = "**Deprecated**" + ((replacement != null) ? ", use `" + replacement + "`" : "") + ". "
					+ description;
		}
		return description.strip();
	}

	/**
	 * Escapes what would break a Markdown table cell or be read as HTML.
	 */
	static String cell(String text) {
		if (text == null) {
			return "";
		}
		return text.replaceAll("\\s+", " ").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value == null || value.isNull()) ? null : value.asString();
	}

}
