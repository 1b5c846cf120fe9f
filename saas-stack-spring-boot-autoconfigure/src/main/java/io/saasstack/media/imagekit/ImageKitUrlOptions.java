package io.saasstack.media.imagekit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * ImageKit's own URL options, as its SDKs name them ({@code src}, {@code transformation},
 * {@code transformationPosition}, {@code queryParameters}, {@code signed}, {@code expiresIn}),
 * for {@link ImageKitUrls#url(ImageKitUrlOptions)}: what the provider-neutral
 * {@link io.saasstack.media.Transformation} does not cover, such as overlays and effects.
 * Immutable; created with {@link #builder(String)}.
 *
 * @since 0.1.0
 */
public final class ImageKitUrlOptions {

	private final String src;

	private final List<Object> steps;

	private final @Nullable TransformationPosition position;

	private final Map<String, Object> queryParameters;

	private final boolean signed;

	private final @Nullable Duration expiresIn;

	private final @Nullable Instant expiresAt;

	private ImageKitUrlOptions(Builder builder) {
		this.src = builder.src;
		this.steps = Collections.unmodifiableList(new ArrayList<>(builder.steps));
		this.position = builder.position;
		this.queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(builder.queryParameters));
		this.signed = builder.signed;
		this.expiresIn = builder.expiresIn;
		this.expiresAt = builder.expiresAt;
	}

	/**
	 * Starts the options of a file.
	 * @param src file path relative to the URL endpoint, or an absolute {@code http(s)} URL
	 */
	public static Builder builder(String src) {
		return new Builder(src);
	}

	/** The file path or absolute URL. */
	public String src() {
		return this.src;
	}

	/** The transformation steps: maps of ImageKit options, or raw strings. */
	public List<Object> steps() {
		return this.steps;
	}

	/** Where the transformation goes, or null for the {@link ImageKitUrls}' default. */
	public @Nullable TransformationPosition position() {
		return this.position;
	}

	/** Extra query parameters; written sorted by name, as the Java SDK does. */
	public Map<String, Object> queryParameters() {
		return this.queryParameters;
	}

	/** Whether the URL is signed even without an expiry. */
	public boolean signed() {
		return this.signed;
	}

	/** Lifetime of a signed URL, or null. */
	public @Nullable Duration expiresIn() {
		return this.expiresIn;
	}

	/** Expiry of a signed URL, or null. */
	public @Nullable Instant expiresAt() {
		return this.expiresAt;
	}

	@Override
	public String toString() {
		return "ImageKitUrlOptions[src=" + this.src + ", steps=" + this.steps + ", position=" + this.position
				+ ", signed=" + this.signed + ", expiresIn=" + this.expiresIn + ", expiresAt=" + this.expiresAt + "]";
	}

	/**
	 * Builder of {@link ImageKitUrlOptions}.
	 */
	public static final class Builder {

		private final String src;

		private final List<Object> steps = new ArrayList<>();

		private @Nullable TransformationPosition position;

		private final Map<String, Object> queryParameters = new LinkedHashMap<>();

		private boolean signed;

		private @Nullable Duration expiresIn;

		private @Nullable Instant expiresAt;

		private Builder(String src) {
			Assert.hasLength(src, "src must not be empty");
			this.src = src;
		}

		/**
		 * Adds a step of ImageKit options ({@code width}, {@code cropMode}, {@code overlay},
		 * {@code raw}, ...), rendered in the SDK's order; see {@link ImageKitTransformations#of(List)}.
		 */
		public Builder step(Map<String, ?> options) {
			Assert.notNull(options, "options must not be null");
			this.steps.add(new LinkedHashMap<>(options));
			return this;
		}

		/** Adds a step of raw ImageKit syntax, for example {@code w-300,e-grayscale}. */
		public Builder rawStep(String raw) {
			Assert.hasText(raw, "raw must not be empty");
			this.steps.add(raw);
			return this;
		}

		/** Adds steps, each a map of options or a raw string. */
		public Builder steps(List<?> steps) {
			for (Object step : steps) {
				Assert.isTrue(step instanceof Map || step instanceof CharSequence,
						"a step is a map of options or a raw string");
				this.steps.add(step);
			}
			return this;
		}

		/** Where the transformation goes; by default the {@link ImageKitUrls}' position. */
		public Builder position(TransformationPosition position) {
			this.position = position;
			return this;
		}

		/** Adds a query parameter. */
		public Builder queryParameter(String name, Object value) {
			Assert.hasText(name, "name must not be empty");
			Assert.notNull(value, "value must not be null");
			this.queryParameters.put(name, value);
			return this;
		}

		/** Adds query parameters. */
		public Builder queryParameters(Map<String, ?> parameters) {
			parameters.forEach(this::queryParameter);
			return this;
		}

		/** Signs the URL; without an expiry, the signature does not expire. */
		public Builder signed(boolean signed) {
			this.signed = signed;
			return this;
		}

		/** Signs the URL with this lifetime ({@code ik-t}), counted from the clock of the {@link ImageKitUrls}. */
		public Builder expiresIn(Duration expiresIn) {
			Assert.isTrue(!expiresIn.isNegative(), "expiresIn must not be negative");
			this.expiresIn = expiresIn;
			return this;
		}

		/** Signs the URL with this expiry ({@code ik-t}, in epoch seconds). */
		public Builder expiresAt(Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		public ImageKitUrlOptions build() {
			return new ImageKitUrlOptions(this);
		}

	}

}
