package io.saasstack.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every curl call of the README's "Try the sample" section, in order, against the sample started
 * as the README starts it (dev profile, no credentials), answers what the README says.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
class ReadmeWalkthroughTests {

	private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Test
	void everyCurlCallAnswersAsDocumented() throws Exception {
		walk(this.port);
	}

	/** Runs every call of the walkthrough against a fresh sample listening on the port. */
	static void walk(int port) throws Exception {
		ReadmeWalkthrough walkthrough = ReadmeWalkthrough.read(REPOSITORY.resolve("README.md"));
		assertThat(walkthrough.steps()).hasSizeGreaterThanOrEqualTo(10);
		Curl curl = new Curl(port, REPOSITORY);
		Map<String, String> variables = new HashMap<>();
		List<String> failures = new ArrayList<>();
		for (ReadmeWalkthrough.Step step : walkthrough.steps()) {
			HttpResponse<String> response = curl.run(step.command(), variables);
			String failure = check(step, response);
			if (failure != null) {
				failures.add("README line " + step.line() + ": " + step.command() + "\n  " + failure + "\n  answer: "
						+ response.statusCode() + " " + response.body());
			}
			if (step.variable() != null) {
				variables.put(step.variable(), response.body().strip());
			}
		}
		assertThat(failures).as("README walkthrough answers that differ from the documented ones").isEmpty();
	}

	/** What differs from the documented answer, or null. */
	static @Nullable String check(ReadmeWalkthrough.Step step, HttpResponse<String> response) {
		if (response.statusCode() != step.status()) {
			return "status " + step.status() + " expected";
		}
		if (step.variable() != null) {
			return null;
		}
		if (step.body() == null) {
			return response.body().isEmpty() ? null : "no body documented";
		}
		try {
			return ElidedJson.parse(step.body()).mismatch(json.readTree(response.body()));
		}
		catch (JacksonException ex) {
			return "the answer is not JSON";
		}
	}

}
