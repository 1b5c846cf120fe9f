package io.saasstack.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * Sets properties of a user profile ({@code POST /v1/identify}); later calls merge with and
 * override earlier ones.
 *
 * @param userId the user
 * @param properties property values (string, number or boolean) by key; keys are lowercase
 * letters and single dashes
 * @since 0.1.0
 */
public record Identify(String userId, Map<String, Object> properties) implements LogSnagRequest {

	public Identify {
		Assert.notNull(userId, "userId must not be null");
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

}
