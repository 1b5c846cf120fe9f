package io.saasstack.media;

import java.time.Duration;

import io.saasstack.core.BlockingCalls;
import org.jspecify.annotations.Nullable;

/**
 * {@link MediaStorage} over a {@link ReactiveMediaStorage}.
 *
 * @since 0.1.0
 */
public final class BlockingMediaStorage implements MediaStorage {

	private final ReactiveMediaStorage storage;

	public BlockingMediaStorage(ReactiveMediaStorage storage) {
		this.storage = storage;
	}

	@Override
	public String provider() {
		return this.storage.provider();
	}

	@Override
	public UploadResult upload(UploadRequest request) {
		BlockingCalls.requireBlockingAllowed("MediaStorage.upload", "ReactiveMediaStorage");
		return this.storage.upload(request).block();
	}

	@Override
	public void delete(String id) {
		BlockingCalls.requireBlockingAllowed("MediaStorage.delete", "ReactiveMediaStorage");
		this.storage.delete(id).block();
	}

	@Override
	public DirectUpload directUpload(@Nullable String folder, Duration expiresIn) {
		return this.storage.directUpload(folder, expiresIn);
	}

}
