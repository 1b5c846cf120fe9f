package io.saasstack.media;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded asset.
 *
 * @param id what {@link MediaStorage#delete} takes: Cloudinary public id, ImageKit file id
 * @param path what {@link MediaUrls#url} takes: Cloudinary public id, ImageKit file path
 * @param url delivery URL of the original
 * @param width width in pixels, null for non-images
 * @param height height in pixels, null for non-images
 * @param format file format, for example {@code jpg}
 * @param bytes size in bytes
 * @since 0.1.0
 */
public record UploadResult(String id, String path, String url, @Nullable Integer width, @Nullable Integer height,
		@Nullable String format, long bytes) {

}
