package io.saasstack.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
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
		for (ReadmeWalkthrough.Step step : walkthrough.steps()) {
			HttpResponse<String> response = curl.run(step.command(), variables);
			assertThat(response.statusCode()).as("README line %d: %s\n%s", step.line(), step.command(), response.body())
				.isEqualTo(step.status());
			if (step.variable() != null) {
				variables.put(step.variable(), response.body().strip());
			}
			if (step.body() != null) {
				JsonNode actual = json.readTree(response.body());
				assertThat(contains(actual, json.readTree(step.body())))
					.as("README line %d: %s\nexpected to contain %s\nbut was %s", step.line(), step.command(), step.body(),
							response.body())
					.isTrue();
			}
		}
	}

	/** Objects match on the expected keys, arrays when each expected element matches some actual one. */
	static boolean contains(JsonNode actual, JsonNode expected) {
		if (expected.isObject()) {
			return actual.isObject() && expected.properties()
				.stream()
				.allMatch((entry) -> actual.has(entry.getKey()) && contains(actual.get(entry.getKey()), entry.getValue()));
		}
		if (expected.isArray()) {
			if (!actual.isArray()) {
				return false;
			}
			for (JsonNode element : expected) {
				boolean found = false;
				for (JsonNode candidate : actual) {
					found = found || contains(candidate, element);
				}
				if (!found) {
					return false;
				}
			}
			return true;
		}
		return expected.equals(actual);
	}

}
