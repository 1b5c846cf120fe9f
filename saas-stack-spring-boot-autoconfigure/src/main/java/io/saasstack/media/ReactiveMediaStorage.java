package io.saasstack.media;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Uploads and deletes for reactive code.
 *
 * @since 0.1.0
 * @see MediaStorage
 */
public interface ReactiveMediaStorage {

	/** Provider id: {@code imagekit} or {@code cloudinary}. */
	String provider();

	/** Uploads a file; a {@link org.springframework.core.io.Resource} is streamed. */
	Mono<UploadResult> upload(UploadRequest request);

	/** Deletes an asset by the {@link UploadResult#id()} of its upload. */
	Mono<Void> delete(String id);

	/**
	 * Signed parameters for a browser upload straight to the provider.
	 * @param folder folder the browser uploads into, or null
	 * @param expiresIn lifetime of the signature (short: minutes)
	 */
	DirectUpload directUpload(@Nullable String folder, Duration expiresIn);

}
