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

	/** The cases of a vector file as parameterized-test arguments: the case name, then the case. */
	public static Stream<Arguments> arguments(String resource) {
		List<Arguments> arguments = new ArrayList<>();
		for (JsonNode vector : load(resource)) {
			JsonNode name = (vector.has("name")) ? vector.get("name") : vector.get("id");
			arguments.add(Arguments.of(name.asString(), vector));
		}
		return arguments.stream();
	}

}
