package io.saasstack.webhooks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.saasstack.Vectors;
import org.junit.jupiter.params.provider.Arguments;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;

/**
 * Helpers of the webhook verifier tests.
 */
final class WebhookTestSupport {

	private WebhookTestSupport() {
	}

	/** The cases of a vector file, named by {@code name}, {@code id}, or kind and index. */
	static Stream<Arguments> vectors(String resource, String kindPrefix) {
		List<Arguments> arguments = new ArrayList<>();
		int index = 0;
		for (JsonNode vector : Vectors.load(resource)) {
			String kind = vector.get("kind").asString();
			if (kind.startsWith(kindPrefix)) {
				String name = vector.has("name") ? vector.get("name").asString()
						: vector.has("id") ? vector.get("id").asString() : kind + " #" + index;
				arguments.add(Arguments.of(name, vector));
			}
			index++;
		}
		return arguments.stream();
	}

	static Clock clockAt(long epochSeconds) {
		return Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
	}

	static Clock clockAtMillis(long epochMillis) {
		return Clock.fixed(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
	}

	static HttpHeaders headers(JsonNode object) {
		HttpHeaders headers = new HttpHeaders();
		for (Map.Entry<String, JsonNode> entry : object.properties()) {
			headers.add(entry.getKey(), entry.getValue().asString());
		}
		return headers;
	}

	static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
