package io.saasstack.media;

/**
 * Which part of the image a crop keeps.
 *
 * @since 0.1.0
 */
public enum Gravity {

	/** The provider finds the interesting part (Cloudinary {@code g_auto}, ImageKit {@code fo-auto}). */
	AUTO,

	/** The largest face (Cloudinary {@code g_face}, ImageKit {@code fo-face}). */
	FACE,

	/** All faces (Cloudinary {@code g_faces}; not supported by ImageKit). */
	FACES,

	/** The centre. */
	CENTER,

	/** Top edge. */
	NORTH,

	/** Top-right corner. */
	NORTH_EAST,

	/** Right edge. */
	EAST,

	/** Bottom-right corner. */
	SOUTH_EAST,

	/** Bottom edge. */
	SOUTH,

	/** Bottom-left corner. */
	SOUTH_WEST,

	/** Left edge. */
	WEST,

	/** Top-left corner. */
	NORTH_WEST

}
