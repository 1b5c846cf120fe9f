package io.saasstack.events;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Adds to a numeric insight ({@code PATCH /v1/insight} with {@code {"$inc": by}}); a missing
 * insight starts from 0. Not idempotent: a failed increment is never repeated unless LogSnag
 * certainly did not apply it.
 *
 * @param title insight title
 * @param by amount to add, negative to subtract
 * @param icon optional single emoji
 * @since 0.1.0
 */
public record InsightIncrement(String title, Number by, @Nullable String icon) implements LogSnagRequest {

	public InsightIncrement {
		Assert.notNull(title, "title must not be null");
		Assert.notNull(by, "by must not be null");
	}

}
