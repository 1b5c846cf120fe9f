package io.saasstack.events;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Sets the value of an insight ({@code POST /v1/insight}). The title identifies the insight.
 *
 * @param title insight title, kept stable across updates
 * @param value a string, a number or a boolean
 * @param icon optional single emoji
 * @since 0.1.0
 */
public record Insight(String title, Object value, @Nullable String icon) implements LogSnagRequest {

	public Insight {
		Assert.notNull(title, "title must not be null");
		Assert.notNull(value, "value must not be null");
	}

}
