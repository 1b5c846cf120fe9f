package io.saasstack.media;

import org.jspecify.annotations.Nullable;

/**
 * An uploaded asset.
 *
 * @param id what {@link MediaStorage#delete} takes: with Cloudinary the asset's
 * {@code <resource_type>/<type>/v<version>/<public_id>[.<format>]}, which also names it for
 * {@link MediaUrls#url}; with ImageKit the file id
 * @param path what {@link MediaUrls#url} takes: with Cloudinary the same as {@code id}, with
 * ImageKit the file path
 * @param url delivery URL of the original, the same asset as {@code mediaUrls.url(path)}
 * @param width width in pixels, null for non-images
 * @param height height in pixels, null for non-images
 * @param format file format, for example {@code jpg}
 * @param bytes size in bytes
 * @param resourceType what the provider stored the file as: image, video or raw file
 * @since 0.1.0
 */
public record UploadResult(String id, String path, String url, @Nullable Integer width, @Nullable Integer height,
		@Nullable String format, long bytes, ResourceType resourceType) {

}
