package io.saasstack.media;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to do to an image before delivery, independent of the provider: immutable, every method
 * returns a new instance. Steps are applied in order: {@link #then()} starts a new step, as in
 * {@code Transformation.create().width(400).height(300).crop(Crop.FILL).gravity(Gravity.AUTO).then().format(Format.AUTO).quality(Quality.AUTO)}.
 * Each provider renders it in its own syntax ({@code c_fill,g_auto,h_300,w_400/f_auto,q_auto} for
 * Cloudinary, {@code w-400,h-300,c-maintain_ratio,fo-auto:f-auto} for ImageKit, which has no
 * automatic-quality parameter and optimises quality by default); {@link #raw(String, String)}
 * adds provider syntax for what the model does not cover.
 *
 * @since 0.1.0
 */
public final class Transformation {

	private static final Transformation NONE = new Transformation(List.of(Step.EMPTY));

	private final List<Step> steps;

	private Transformation(List<Step> steps) {
		this.steps = List.copyOf(steps);
	}

	/** An empty transformation: the original image. */
	public static Transformation create() {
		return NONE;
	}

	/** The steps, in order; the last one is the step being built. */
	public List<Step> steps() {
		return this.steps;
	}

	/** Whether no step has any parameter. */
	public boolean isEmpty() {
		return this.steps.stream().allMatch(Step::isEmpty);
	}

	/** Starts a new chained step, applied to the result of the previous ones. */
	public Transformation then() {
		List<Step> steps = new ArrayList<>(this.steps);
		steps.add(Step.EMPTY);
		return new Transformation(steps);
	}

	/** Width in pixels. */
	public Transformation width(int width) {
		Assert.isTrue(width > 0, "width must be positive");
		return with(last().withWidth(width));
	}

	/** Height in pixels. */
	public Transformation height(int height) {
		Assert.isTrue(height > 0, "height must be positive");
		return with(last().withHeight(height));
	}

	/** Aspect ratio, for example 16 and 9. */
	public Transformation aspectRatio(int width, int height) {
		Assert.isTrue(width > 0 && height > 0, "aspect ratio parts must be positive");
		return with(last().withAspectRatio(width + ":" + height));
	}

	public Transformation crop(Crop crop) {
		return with(last().withCrop(crop));
	}

	public Transformation gravity(Gravity gravity) {
		return with(last().withGravity(gravity));
	}

	public Transformation quality(Quality quality) {
		return with(last().withQuality(quality));
	}

	/** A fixed quality from 1 to 100. */
	public Transformation quality(int quality) {
		return quality(Quality.of(quality));
	}

	public Transformation format(Format format) {
		return with(last().withFormat(format));
	}

	/** Device pixel ratio, for example 2.0 for retina screens. */
	public Transformation dpr(double dpr) {
		Assert.isTrue(dpr > 0, "dpr must be positive");
		return with(last().withDpr(dpr));
	}

	/** Corner radius in pixels. */
	public Transformation radius(int radius) {
		Assert.isTrue(radius >= 0, "radius must not be negative");
		return with(last().withRadius(radius));
	}

	/** The largest radius: an ellipse, a circle for a square. */
	public Transformation maxRadius() {
		return with(last().withRadius(Step.MAX_RADIUS));
	}

	/** Gaussian blur, 1 to 2000 (Cloudinary's scale; ImageKit's 1-100 is derived). */
	public Transformation blur(int strength) {
		Assert.isTrue(strength > 0, "blur must be positive");
		return with(last().withBlur(strength));
	}

	/** Background colour for padding, as RGB hex ({@code FF0000}) or a colour name ({@code white}). */
	public Transformation background(String color) {
		Assert.hasText(color, "background must not be empty");
		return with(last().withBackground(color));
	}

	/**
	 * Provider syntax appended to this step for that provider only, for example
	 * {@code raw("cloudinary", "e_sepia:50")} or {@code raw("imagekit", "e-grayscale")}.
	 */
	public Transformation raw(String provider, String raw) {
		Assert.hasText(provider, "provider must not be empty");
		Assert.hasText(raw, "raw must not be empty");
		return with(last().withRaw(provider, raw));
	}

	private Step last() {
		return this.steps.get(this.steps.size() - 1);
	}

	private Transformation with(Step step) {
		List<Step> steps = new ArrayList<>(this.steps);
		steps.set(steps.size() - 1, step);
		return new Transformation(steps);
	}

	@Override
	public boolean equals(@Nullable Object obj) {
		return (obj instanceof Transformation other) && this.steps.equals(other.steps);
	}

	@Override
	public int hashCode() {
		return this.steps.hashCode();
	}

	@Override
	public String toString() {
		return "Transformation" + this.steps;
	}

	/**
	 * The parameters of one step; null when not set.
	 *
	 * @param width width in pixels
	 * @param height height in pixels
	 * @param aspectRatio aspect ratio as {@code w:h}
	 * @param crop crop mode
	 * @param gravity gravity or focus
	 * @param quality quality
	 * @param format format
	 * @param dpr device pixel ratio
	 * @param radius corner radius, {@link #MAX_RADIUS} for the largest
	 * @param blur blur strength
	 * @param background background colour
	 * @param raw provider syntax by provider id
	 */
	public record Step(@Nullable Integer width, @Nullable Integer height, @Nullable String aspectRatio,
			@Nullable Crop crop, @Nullable Gravity gravity, @Nullable Quality quality, @Nullable Format format,
			@Nullable Double dpr, @Nullable Integer radius, @Nullable Integer blur, @Nullable String background,
			Map<String, String> raw) {

		/** The radius value meaning "as large as possible". */
		public static final int MAX_RADIUS = -1;

		static final Step EMPTY = new Step(null, null, null, null, null, null, null, null, null, null, null, Map.of());

		public Step {
			raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
		}

		/** Whether no parameter is set. */
		public boolean isEmpty() {
			return equals(EMPTY);
		}

		/** The raw syntax for a provider, or null. */
		public @Nullable String raw(String provider) {
			return this.raw.get(provider);
		}

		Step withWidth(int width) {
			return new Step(width, this.height, this.aspectRatio, this.crop, this.gravity, this.quality, this.format,
					this.dpr, this.radius, this.blur, this.background, this.raw);
		}

		Step withHeight(int height) {
			return new Step(this.width, height, this.aspectRatio, this.crop, this.gravity, this.quality, this.format,
					this.dpr, this.radius, this.blur, this.background, this.raw);
		}

		Step withAspectRatio(String aspectRatio) {
			return new Step(this.width, this.height, aspectRatio, this.crop, this.gravity, this.quality, this.format,
					this.dpr, this.radius, this.blur, this.background, this.raw);
		}

		Step withCrop(Crop crop) {
			return new Step(this.width, this.height, this.aspectRatio, crop, this.gravity, this.quality, this.format,
					this.dpr, this.radius, this.blur, this.background, this.raw);
		}

		Step withGravity(Gravity gravity) {
			return new Step(this.width, this.height, this.aspectRatio, this.crop, gravity, this.quality, this.format,
					this.dpr, this.radius, this.blur, this.background, this.raw);
		}

		Step withQuality(Quality quality) {
			return new Step(this.width, this.height, this.aspectRatio, this.crop, this.gravity, quality, this.format,
					this.dpr, this.radius, this.blur, this.background, this.raw);
		}

		Step withFormat(Format format) {
			return new Step(this.width, this.height, this.aspectRatio, this.crop, this.gravity, this.quality, format,
					this.dpr, this.radius, this.blur, this.background, this.raw);
		}

		Step withDpr(double dpr) {
			return new Step(this.width, this.height, this.aspectRatio, this.crop, this.gravity, this.quality,
					this.format, dpr, this.radius, this.blur, this.background, this.raw);
		}

		Step withRadius(int radius) {
			return new Step(this.width, this.height, this.aspectRatio, this.crop, this.gravity, this.quality,
					this.format, this.dpr, radius, this.blur, this.background, this.raw);
		}

		Step withBlur(int blur) {
			return new Step(this.width, this.height, this.aspectRatio, this.crop, this.gravity, this.quality,
					this.format, this.dpr, this.radius, blur, this.background, this.raw);
		}

		Step withBackground(String background) {
			return new Step(this.width, this.height, this.aspectRatio, this.crop, this.gravity, this.quality,
					this.format, this.dpr, this.radius, this.blur, background, this.raw);
		}

		Step withRaw(String provider, String raw) {
			Map<String, String> merged = new LinkedHashMap<>(this.raw);
			merged.merge(provider, raw, (a, b) -> a + "," + b);
			return new Step(this.width, this.height, this.aspectRatio, this.crop, this.gravity, this.quality,
					this.format, this.dpr, this.radius, this.blur, this.background, merged);
		}

	}

}
