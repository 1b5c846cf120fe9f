package io.saasstack.media;

/**
 * Delivery format of an image.
 *
 * @since 0.1.0
 */
public enum Format {

	/** The best format the browser accepts (WebP, AVIF, ...): Cloudinary {@code f_auto}, ImageKit {@code f-auto}. */
	AUTO,

	JPG, PNG, WEBP, AVIF, GIF

}
