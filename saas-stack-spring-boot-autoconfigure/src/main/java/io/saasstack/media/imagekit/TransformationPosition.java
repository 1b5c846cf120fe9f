package io.saasstack.media.imagekit;

/**
 * Where ImageKit transformations go in a delivery URL (reference {@code media-imagekit.md} §1).
 * Transformations of an absolute source URL always go in the query.
 *
 * @since 0.1.0
 */
public enum TransformationPosition {

	/** A {@code tr} query parameter, {@code /photo.jpg?tr=w-300}: the default of ImageKit's SDKs. */
	QUERY,

	/** A path segment before the file path, {@code /tr:w-300/photo.jpg}. */
	PATH

}
