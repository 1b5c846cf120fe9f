package io.saasstack.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;

/**
 * A file to upload: bytes, a {@link Resource} (streamed, never loaded whole into memory) or a
 * remote URL the provider fetches.
 *
 * @param file the content, or null when {@code url} is set
 * @param url a remote file the provider downloads, or null when {@code file} is set
 * @param fileName name of the file (ImageKit) or public id (Cloudinary), null to let the provider choose
 * @param folder folder to upload into, or null
 * @param tags tags of the asset
 * @param overwrite whether an existing asset with the same name is replaced
 * @since 0.1.0
 */
public record UploadRequest(@Nullable Resource file, @Nullable String url, @Nullable String fileName,
		@Nullable String folder, List<String> tags, boolean overwrite) {

	public UploadRequest {
		Assert.isTrue((file == null) != (url == null), "set exactly one of file and url");
		tags = List.copyOf(tags);
	}

	/** An upload of bytes. */
	public static UploadRequest of(byte[] content, String fileName) {
		return new UploadRequest(new ByteArrayResource(content), null, fileName, null, List.of(), false);
	}

	/** An upload streamed from a resource (a file, a classpath entry, a multipart upload). */
	public static UploadRequest of(Resource resource, @Nullable String fileName) {
		return new UploadRequest(resource, null, fileName, null, List.of(), false);
	}

	/** An upload the provider fetches from a URL. */
	public static UploadRequest fromUrl(String url, @Nullable String fileName) {
		return new UploadRequest(null, url, fileName, null, List.of(), false);
	}

	public UploadRequest inFolder(String folder) {
		return new UploadRequest(this.file, this.url, this.fileName, folder, this.tags, this.overwrite);
	}

	public UploadRequest withTags(String... tags) {
		List<String> all = new ArrayList<>(this.tags);
		all.addAll(Arrays.asList(tags));
		return new UploadRequest(this.file, this.url, this.fileName, this.folder, all, this.overwrite);
	}

	public UploadRequest overwrite(boolean overwrite) {
		return new UploadRequest(this.file, this.url, this.fileName, this.folder, this.tags, overwrite);
	}

}
