package io.saasstack.mail;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.util.Assert;

/**
 * A file attached to an email: its bytes, or a URL the provider downloads ({@code path}). With a
 * content id it is inline and the HTML shows it with {@code <img src="cid:logo">}.
 *
 * @param filename file name shown to the recipient
 * @param content the bytes, or null when {@code path} is set
 * @param path URL of a remote file, or null when {@code content} is set
 * @param contentType MIME type, or null to derive it from the file name
 * @param contentId content id making the attachment inline, or null
 * @since 0.1.0
 */
public record Attachment(@Nullable String filename, byte @Nullable [] content, @Nullable String path,
		@Nullable String contentType, @Nullable String contentId) {

	/** An attachment of the given bytes. */
	public static Attachment of(String filename, byte[] content) {
		Assert.notNull(content, "content must not be null");
		return new Attachment(filename, content.clone(), null, null, null);
	}

	/** An attachment read from a Spring {@link Resource} (read once, now). */
	public static Attachment of(String filename, Resource resource) {
		try {
			return of(filename, resource.getContentAsByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read attachment " + filename + " from " + resource, ex);
		}
	}

	/** An attachment the provider downloads from a URL. */
	public static Attachment fromUrl(String url, @Nullable String filename) {
		Assert.hasText(url, "url must not be empty");
		return new Attachment(filename, null, url, null, null);
	}

	/** A copy with an explicit MIME type. */
	public Attachment withContentType(String contentType) {
		return new Attachment(this.filename, this.content, this.path, contentType, this.contentId);
	}

	/** A copy shown inline, referenced in HTML as {@code cid:<contentId>}. */
	public Attachment inline(String contentId) {
		return new Attachment(this.filename, this.content, this.path, this.contentType, contentId);
	}

	@Override
	public String toString() {
		return "Attachment[" + this.filename + ", " + ((this.content != null) ? this.content.length + " bytes" : this.path)
				+ ((this.contentId != null) ? ", cid:" + this.contentId : "") + "]";
	}

}
