package io.saasstack.media;

/**
 * How an image is fitted to the requested width and height.
 *
 * @since 0.1.0
 */
public enum Crop {

	/** Fill the box exactly, cropping what overflows (Cloudinary {@code c_fill}, ImageKit {@code c-maintain_ratio}). */
	FILL,

	/** Fit inside the box, keeping the aspect ratio (Cloudinary {@code c_fit}, ImageKit {@code c-at_max_enlarge}). */
	FIT,

	/** Fit inside the box, never enlarging (Cloudinary {@code c_limit}, ImageKit {@code c-at_max}). */
	LIMIT,

	/** Fit inside the box and pad the rest with the background (Cloudinary {@code c_pad}, ImageKit {@code cm-pad_resize}). */
	PAD,

	/** Stretch to the box, ignoring the aspect ratio (Cloudinary {@code c_scale}, ImageKit {@code c-force}). */
	SCALE,

	/** Cut the box out of the original, no resizing (Cloudinary {@code c_crop}, ImageKit {@code cm-extract}). */
	CROP,

	/** A thumbnail around the gravity, typically a face (Cloudinary {@code c_thumb}; not supported by ImageKit). */
	THUMB

}
