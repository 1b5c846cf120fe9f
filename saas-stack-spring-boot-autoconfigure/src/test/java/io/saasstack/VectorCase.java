package io.saasstack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One case of a vector file, read by a runner that must map every field of it: each field the
 * runner reads (by dotted path, {@code config.private_cdn}) or explicitly ignores is marked, and
 * {@link #run} fails the case naming every field that was neither, so that a case cannot pass
 * while an input it carries (an account setting, an expiry, an expected value) was silently
 * dropped. Reading a field maps everything below it. The top-level fields that only document a
 * case ({@link #DOCUMENTATION}) need no mapping.
 */
public final class VectorCase {

	/** Fields that describe a case rather than drive it (reference {@code README.md}, "vectors/"). */
	public static final Set<String> DOCUMENTATION = Set.of("id", "name", "provider", "kind", "source", "origin",
			"notes", "algorithm", "string_to_sign");

	private final JsonNode root;

	private final Set<String> mapped = new HashSet<>();

	private VectorCase(JsonNode root) {
		this.root = root;
	}

	/**
	 * Runs a case: the runner reads the case through the given {@link VectorCase}; the case fails
	 * if any field was left unmapped, naming them, also when the runner's own assertions failed.
	 */
	public static void run(JsonNode vector, Consumer<VectorCase> runner) {
		VectorCase vectorCase = new VectorCase(vector);
		try {
			runner.accept(vectorCase);
		}
		catch (AssertionError | RuntimeException ex) {
			List<String> unmapped = vectorCase.unmapped();
			if (!unmapped.isEmpty()) {
				throw new AssertionError(vectorCase.describeUnmapped(unmapped), ex);
			}
			throw ex;
		}
		List<String> unmapped = vectorCase.unmapped();
		if (!unmapped.isEmpty()) {
			throw new AssertionError(vectorCase.describeUnmapped(unmapped));
		}
	}

	private String describeUnmapped(List<String> unmapped) {
		return "vector " + this.root.path("id").asString(this.root.path("name").asString("?"))
				+ " has fields this runner does not map: " + String.join(", ", unmapped);
	}

	/** The field at a dotted path, marked as mapped; a missing node when absent. */
	public JsonNode get(String path) {
		this.mapped.add(path);
		return node(path);
	}

	/** Whether the field is present; does not map it. */
	public boolean has(String path) {
		return !node(path).isMissingNode();
	}

	/** The text of the field, mapped; null when absent or JSON null. */
	public @Nullable String text(String path) {
		JsonNode node = get(path);
		return (node.isMissingNode() || node.isNull()) ? null : node.asString();
	}

	/** Marks a field as deliberately not used by this runner, with the reason. */
	public VectorCase ignore(String path, String reason) {
		this.mapped.add(path);
		return this;
	}

	/** The raw case, for messages; reading it maps nothing. */
	public JsonNode raw() {
		return this.root;
	}

	/** The leaf fields neither read nor ignored, by dotted path. */
	public List<String> unmapped() {
		List<String> unmapped = new ArrayList<>();
		Iterator<Map.Entry<String, JsonNode>> fields = this.root.properties().iterator();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			if (!DOCUMENTATION.contains(field.getKey())) {
				collect(field.getKey(), field.getValue(), unmapped);
			}
		}
		return unmapped;
	}

	private void collect(String path, JsonNode node, List<String> unmapped) {
		if (this.mapped.contains(path)) {
			return;
		}
		if (node.isObject() && !node.isEmpty()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				collect(path + "." + field.getKey(), field.getValue(), unmapped);
			}
			return;
		}
		unmapped.add(path);
	}

	private JsonNode node(String path) {
		JsonNode node = this.root;
		for (String key : path.split("\\.")) {
			node = (node != null && node.isObject()) ? node.get(key) : null;
			if (node == null) {
				return MissingNode.getInstance();
			}
		}
		return node;
	}

}
