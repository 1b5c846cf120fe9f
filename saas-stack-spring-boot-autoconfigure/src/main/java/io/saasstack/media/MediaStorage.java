package io.saasstack.media;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Uploads and deletes for blocking code.
 *
 * @since 0.1.0
 * @see ReactiveMediaStorage
 */
public interface MediaStorage {

	/** Provider id: {@code imagekit} or {@code cloudinary}. */
	String provider();

	/** Uploads a file; a {@link org.springframework.core.io.Resource} is streamed. */
	UploadResult upload(UploadRequest request);

	/** Deletes an asset by the {@link UploadResult#id()} of its upload. */
	void delete(String id);

	/** Signed parameters for a browser upload straight to the provider. */
	DirectUpload directUpload(@Nullable String folder, Duration expiresIn);

}
