package io.saasstack.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.ToIntFunction;

import io.saasstack.reliability.HostileTokens.HostileToken;

/**
 * What a protected endpoint answered to each token of a corpus: the status codes per category,
 * and the exceptions that escaped the request handling.
 */
final class CorpusOutcome {

	private final String name;

	private final Map<String, Map<Integer, Integer>> statuses = new TreeMap<>();

	private final List<String> failures = new ArrayList<>();

	private final Map<String, Integer> acceptedShapes = new TreeMap<>();

	private int total;

	private int escaped;

	private int unexpected;

	private CorpusOutcome(String name) {
		this.name = name;
	}

	/**
	 * Sends every token and records the answers.
	 * @param name the run, for the report
	 * @param tokens the corpus
	 * @param send sends one token and returns the status
	 */
	static CorpusOutcome run(String name, List<HostileToken> tokens, ToIntFunction<String> send,
			BiPredicate<HostileToken, Integer> expected) {
		CorpusOutcome outcome = new CorpusOutcome(name);
		for (HostileToken token : tokens) {
			outcome.total++;
			int status;
			try {
				status = send.applyAsInt(token.token());
			}
			catch (Throwable ex) {
				outcome.escaped++;
				outcome.failure(token, "escaped " + ex);
				continue;
			}
			outcome.statuses.computeIfAbsent(token.category(), (key) -> new TreeMap<>()).merge(status, 1, Integer::sum);
			if (status == 200) {
				outcome.acceptedShapes.merge(token.category() + ": " + token.shape(), 1, Integer::sum);
			}
			if (!expected.test(token, status)) {
				outcome.unexpected++;
				outcome.failure(token, "status " + status);
			}
		}
		return outcome;
	}

	private void failure(HostileToken token, String what) {
		if (this.failures.size() < 20) {
			String shown = (token.token().length() > 300) ? token.token().substring(0, 300) + "..." : token.token();
			this.failures.add(token.category() + ": " + what + " for " + shown.replace("\r", "\\r").replace("\n", "\\n"));
		}
	}

	int total() {
		return this.total;
	}

	int escaped() {
		return this.escaped;
	}

	/** The number of answers other than expected. */
	int unexpected() {
		return this.unexpected;
	}

	/** The number of server errors (5xx). */
	int serverErrors() {
		return this.statuses.values()
			.stream()
			.flatMap((byStatus) -> byStatus.entrySet().stream())
			.filter((entry) -> entry.getKey() >= 500)
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	/** The number of answers of each status per category, one line each: {@code alg: 401 × 31}. */
	List<String> statuses() {
		List<String> lines = new ArrayList<>();
		this.statuses.forEach((category, byStatus) -> byStatus
			.forEach((status, count) -> lines.add(category + ": " + status + " × " + count)));
		return lines;
	}

	/** The tokens answered 200 by category and shape, one line each: {@code signed-odd-claims: sub="" × 1}. */
	List<String> acceptedShapes() {
		List<String> lines = new ArrayList<>();
		this.acceptedShapes.forEach((shape, count) -> lines.add(shape + " × " + count));
		return lines;
	}

	/** The first failures, for the assertion message. */
	List<String> failures() {
		return this.failures;
	}

	@Override
	public String toString() {
		StringBuilder report = new StringBuilder(this.name).append(": ")
			.append(this.total)
			.append(" tokens, ")
			.append(this.unexpected)
			.append(" unexpected, ")
			.append(serverErrors())
			.append(" server errors, ")
			.append(this.escaped)
			.append(" escaped");
		statuses().forEach((line) -> report.append("\n  \"").append(line).append("\","));
		report.append("\n  accepted:");
		acceptedShapes().forEach((line) -> report.append("\n  \"").append(line.replace("\"", "\\\"")).append("\","));
		return report.toString();
	}

}
