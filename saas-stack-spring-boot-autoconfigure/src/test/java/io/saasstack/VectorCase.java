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
 * <p>
 * A path steps into objects by key (a key may itself hold dots: {@code expected.iss = https://x.example.js}
 * finds the key {@code iss = https://x.example} then {@code js}) and into arrays by index
 * ({@code input.cases.0.token}); an array of objects is walked element by element, so an unknown
 * field of one element is named too ({@code expected.errors.0.meta.paramName}).
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
	 * if any field was left unmapped, naming them, also when the runner's own assertions failed
	 * (then the message also gives the first line of that failure, which is the cause).
	 */
	public static void run(JsonNode vector, Consumer<VectorCase> runner) {
		VectorCase vectorCase = new VectorCase(vector);
		try {
			runner.accept(vectorCase);
		}
		catch (AssertionError | RuntimeException ex) {
			List<String> unmapped = vectorCase.unmapped();
			if (!unmapped.isEmpty()) {
				String failure = String.valueOf(ex.getMessage()).strip().lines().findFirst().orElse("");
				throw new AssertionError(vectorCase.describeUnmapped(unmapped) + " (and the case failed: "
						+ ex.getClass().getSimpleName() + ((failure.isEmpty()) ? "" : ": " + failure) + ")", ex);
			}
			throw ex;
		}
		List<String> unmapped = vectorCase.unmapped();
		if (!unmapped.isEmpty()) {
			throw new AssertionError(vectorCase.describeUnmapped(unmapped));
		}
	}

	private String describeUnmapped(List<String> unmapped) {
		return "vector " + name() + " has fields this runner does not map: " + String.join(", ", unmapped);
	}

	/** The case's id, else its name, else its kind: for messages. */
	public String name() {
		return this.root.path("id").asString(this.root.path("name").asString(this.root.path("kind").asString("?")));
	}

	/**
	 * The field at a dotted path, marked as mapped; fails naming the field when the case lacks it
	 * (or holds JSON null), for a field the runner cannot do without (a valid token's
	 * {@code expected.claims}).
	 */
	public JsonNode require(String path) {
		JsonNode node = get(path);
		if (node.isMissingNode() || node.isNull()) {
			throw new AssertionError("vector " + name() + " lacks the field " + path + ", which this runner requires");
		}
		return node;
	}

	/** The number of elements of an array field (0 when absent); does not map it. */
	public int size(String path) {
		JsonNode node = node(path);
		return node.isArray() ? node.size() : 0;
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
		if (node.isArray() && !node.isEmpty() && node.valueStream().allMatch(JsonNode::isObject)) {
			for (int i = 0; i < node.size(); i++) {
				collect(path + "." + i, node.get(i), unmapped);
			}
			return;
		}
		unmapped.add(path);
	}

	private JsonNode node(String path) {
		JsonNode node = find(this.root, path);
		return (node != null) ? node : MissingNode.getInstance();
	}

	/** The node at a path below this one; keys may hold dots: the longest key that fits wins. */
	private static @Nullable JsonNode find(JsonNode node, String path) {
		if (node.isArray()) {
			int dot = path.indexOf('.');
			String index = (dot < 0) ? path : path.substring(0, dot);
			if (!index.matches("\\d+") || Integer.parseInt(index) >= node.size()) {
				return null;
			}
			JsonNode element = node.get(Integer.parseInt(index));
			return (dot < 0) ? element : find(element, path.substring(dot + 1));
		}
		if (!node.isObject()) {
			return null;
		}
		JsonNode exact = node.get(path);
		if (exact != null) {
			return exact;
		}
		JsonNode found = null;
		int longest = -1;
		for (Map.Entry<String, JsonNode> field : node.properties()) {
			String key = field.getKey();
			if (key.length() > longest && path.startsWith(key + ".")) {
				JsonNode below = find(field.getValue(), path.substring(key.length() + 1));
				if (below != null) {
					found = below;
					longest = key.length();
				}
			}
		}
		return found;
	}

}
