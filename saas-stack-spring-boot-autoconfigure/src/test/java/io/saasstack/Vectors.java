package io.saasstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.saasstack.core.SaasJson;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Test vectors copied unchanged from the official SDKs into {@code src/test/resources/vectors}.
 */
public final class Vectors {

	private Vectors() {
	}

	/** Every case of a vector file, a JSON array; fails when the file is missing or empty. */
	public static JsonNode load(String resource) {
		try (InputStream in = Vectors.class.getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			JsonNode cases = SaasJson.mapper().readTree(in);
			assertThat(cases.isArray() && !cases.isEmpty()).as("%s holds a non-empty array", resource).isTrue();
			return cases;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The cases of a vector file as parameterized-test arguments: the case name (its {@code name},
	 * else its {@code id}, else its kind and position from 1), then the case.
	 */
	public static Stream<Arguments> arguments(String resource) {
		List<Arguments> arguments = new ArrayList<>();
		int index = 0;
		for (JsonNode vector : load(resource)) {
			index++;
			String name = vector.has("name") ? vector.get("name").asString()
					: vector.has("id") ? vector.get("id").asString() : vector.get("kind").asString() + " #" + index;
			arguments.add(Arguments.of(name, vector));
		}
		return arguments.stream();
	}

	/** The names of a runner's selected cases, for {@link VectorRuns#assertEveryCaseRan}. */
	public static List<String> names(Stream<Arguments> arguments) {
		return arguments.map((argument) -> (String) argument.get()[0]).toList();
	}

}
