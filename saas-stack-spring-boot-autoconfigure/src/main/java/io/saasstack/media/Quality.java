package io.saasstack.media;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Compression quality: a number from 1 to 100, or automatic with an optional level (Cloudinary's
 * {@code auto:good}, {@code auto:eco}, ...).
 *
 * @param value the quality, or null for automatic
 * @param autoLevel the level of automatic quality, or null for the provider's default
 * @since 0.1.0
 */
public record Quality(@Nullable Integer value, @Nullable String autoLevel) {

	/** Automatic quality. */
	public static final Quality AUTO = new Quality(null, null);

	public Quality {
		Assert.isTrue(value == null || (value >= 1 && value <= 100), "quality must be between 1 and 100");
		Assert.isTrue(value == null || autoLevel == null, "a numeric quality has no automatic level");
	}

	/** A fixed quality from 1 to 100. */
	public static Quality of(int value) {
		return new Quality(value, null);
	}

	/** Automatic quality at a level such as {@code good}, {@code best}, {@code eco}, {@code low}. */
	public static Quality auto(String level) {
		return new Quality(null, level);
	}

	/** Whether the quality is chosen by the provider. */
	public boolean isAuto() {
		return this.value == null;
	}

}
