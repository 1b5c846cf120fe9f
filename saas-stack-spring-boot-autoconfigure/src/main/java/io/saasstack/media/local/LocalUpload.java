package io.saasstack.media.local;

import java.time.Instant;
import java.util.List;

import io.saasstack.media.UploadResult;
import org.jspecify.annotations.Nullable;

/**
 * An upload {@link LocalMediaStorage} kept in memory instead of storing it.
 *
 * @since 0.1.0
 */
public final class LocalUpload {

	private final UploadResult result;

	private final @Nullable String fileName;

	private final @Nullable String folder;

	private final List<String> tags;

	private final @Nullable String sourceUrl;

	private final @Nullable String contentType;

	private final Instant uploadedAt;

	private final byte @Nullable [] content;

	LocalUpload(UploadResult result, @Nullable String fileName, @Nullable String folder, List<String> tags,
			@Nullable String sourceUrl, @Nullable String contentType, Instant uploadedAt, byte @Nullable [] content) {
		this.result = result;
		this.fileName = fileName;
		this.folder = folder;
		this.tags = List.copyOf(tags);
		this.sourceUrl = sourceUrl;
		this.contentType = contentType;
		this.uploadedAt = uploadedAt;
		this.content = content;
	}

	/** What the upload returned: id, path, URL, size, format and image dimensions. */
	public UploadResult result() {
		return this.result;
	}

	/** Shortcut for {@code result().id()}. */
	public String id() {
		return this.result.id();
	}

	/** The file name of the request (or the one derived from the file), or null. */
	public @Nullable String fileName() {
		return this.fileName;
	}

	/** The folder of the request, or null. */
	public @Nullable String folder() {
		return this.folder;
	}

	/** The tags of the request. */
	public List<String> tags() {
		return this.tags;
	}

	/** The remote URL of an upload from a URL (not fetched), or null for an upload of content. */
	public @Nullable String sourceUrl() {
		return this.sourceUrl;
	}

	/** The media type guessed from the file name, or null. */
	public @Nullable String contentType() {
		return this.contentType;
	}

	/** When it was uploaded. */
	public Instant uploadedAt() {
		return this.uploadedAt;
	}

	/**
	 * A copy of the content, or null for an upload from a URL and for content that was larger
	 * than the storage keeps ({@code result().bytes()} still gives its size).
	 */
	public byte @Nullable [] content() {
		return (this.content != null) ? this.content.clone() : null;
	}

	/** Bytes of content held in memory. */
	long keptBytes() {
		return (this.content != null) ? this.content.length : 0;
	}

	@Override
	public String toString() {
		return "LocalUpload[id=" + this.result.id() + ", path=" + this.result.path() + ", bytes=" + this.result.bytes()
				+ ((this.sourceUrl != null) ? ", sourceUrl=" + withoutQuery(this.sourceUrl) : "") + "]";
	}

	/** The URL without its query, which carries the credentials of signed URLs. */
	static String withoutQuery(String url) {
		int query = url.indexOf('?');
		return (query != -1) ? url.substring(0, query) + "?…" : url;
	}

}
