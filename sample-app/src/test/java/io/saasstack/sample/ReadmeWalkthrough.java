package io.saasstack.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The curl calls of the README's "Try the sample" section, each with the answer the README
 * promises: a {@code # <status> [json]} comment on the next line.
 */
record ReadmeWalkthrough(List<Step> steps) {

	static final String SECTION = "## Try the sample";

	private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z_]+)=\\$\\((curl .*)\\)$");

	private static final Pattern EXPECTATION = Pattern.compile("^# (\\d{3})(?: (.+))?$");

	static ReadmeWalkthrough read(Path readme) throws IOException {
		List<String> lines = Files.readAllLines(readme);
		int start = lines.indexOf(SECTION);
		if (start < 0) {
			throw new IllegalStateException("README.md has no '" + SECTION + "' section");
		}
		List<Step> steps = new ArrayList<>();
		boolean inCode = false;
		for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
			String line = lines.get(i).strip();
			if (line.startsWith("```")) {
				inCode = !inCode;
				continue;
			}
			if (!inCode || !(line.startsWith("curl ") || ASSIGNMENT.matcher(line).matches())) {
				continue;
			}
			Matcher assignment = ASSIGNMENT.matcher(line);
			String variable = assignment.matches() ? assignment.group(1) : null;
			String command = assignment.matches() ? assignment.group(2) : line;
			Matcher expectation = (i + 1 < lines.size()) ? EXPECTATION.matcher(lines.get(i + 1).strip()) : null;
			if (variable == null && (expectation == null || !expectation.matches())) {
				throw new IllegalStateException("README line " + (i + 1) + " has no '# <status> [json]' line after it: "
						+ line);
			}
			int status = (variable != null) ? 200 : Integer.parseInt(expectation.group(1));
			String body = (variable != null) ? null : expectation.group(2);
			if (body != null) {
				try {
					ElidedJson.parse(body);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalStateException("README line " + (i + 2) + ": " + ex.getMessage(), ex);
				}
			}
			steps.add(new Step(i + 1, command, variable, status, body));
		}
		return new ReadmeWalkthrough(steps);
	}

	/**
	 * One call.
	 * @param line its line in README.md
	 * @param command the curl command
	 * @param variable the shell variable that takes the response body, if any
	 * @param status the documented status
	 * @param body the documented JSON answer, exact but for {@code …} elisions ({@link ElidedJson}); none
	 * documented means an empty body
	 */
	record Step(int line, String command, @Nullable String variable, int status, @Nullable String body) {
	}

}
