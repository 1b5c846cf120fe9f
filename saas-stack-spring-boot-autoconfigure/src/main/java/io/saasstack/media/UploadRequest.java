package io.saasstack.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.util.Assert;

/**
 * A file to upload: bytes, a {@link Resource} or a stream of buffers such as a WebFlux
 * {@link FilePart} (both streamed, never loaded whole into memory), or a remote URL the provider
 * fetches.
 * <p>
 * The provider fetches a remote URL with its own credentials: Cloudinary also fetches
 * {@code s3://}, {@code gs://}, {@code ftp://} and {@code data:} URLs, so a user-supplied URL
 * could copy objects of a private bucket the account can read into the (usually public) media
 * library. Only {@code https} URLs are accepted unless the request names the other schemes it
 * allows, {@code http} included: {@code UploadRequest.fromUrl(url, name, "http")}.
 *
 * @param file the content, or null when {@code url} is set
 * @param url a remote file the provider downloads, or null when {@code file} is set
 * @param fileName name of the file (ImageKit) or public id (Cloudinary), null to let the provider choose
 * @param folder folder to upload into, or null
 * @param tags tags of the asset
 * @param overwrite whether an existing asset with the same name is replaced
 * @param urlSchemes the schemes a remote URL may have, lower case; {@code https} by default
 * @since 0.1.0
 */
public record UploadRequest(@Nullable Resource file, @Nullable String url, @Nullable String fileName,
		@Nullable String folder, List<String> tags, boolean overwrite, Set<String> urlSchemes) {

	/** The scheme of remote URLs accepted without asking. */
	public static final String HTTPS = "https";

	private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

	public UploadRequest {
		Assert.isTrue((file == null) != (url == null), "set exactly one of file and url");
		tags = List.copyOf(tags);
		urlSchemes = schemes(urlSchemes);
		if (url != null) {
			checkScheme(url, urlSchemes);
		}
	}

	/** A request accepting {@code https} remote URLs only. */
	public UploadRequest(@Nullable Resource file, @Nullable String url, @Nullable String fileName,
			@Nullable String folder, List<String> tags, boolean overwrite) {
		this(file, url, fileName, folder, tags, overwrite, Set.of(HTTPS));
	}

	/** An upload of bytes. */
	public static UploadRequest of(byte[] content, String fileName) {
		return new UploadRequest(new ByteArrayResource(content), null, fileName, null, List.of(), false);
	}

	/** An upload streamed from a resource (a file, a classpath entry, a multipart upload). */
	public static UploadRequest of(Resource resource, @Nullable String fileName) {
		return new UploadRequest(resource, null, fileName, null, List.of(), false);
	}

	/**
	 * An upload streamed from a WebFlux multipart file as it arrives, under the file name the
	 * browser gave; the length is the part's {@code Content-Length} when it has one. The part can be
	 * read once: see {@link StreamedContent}.
	 */
	public static UploadRequest of(FilePart part) {
		Assert.notNull(part, "part must not be null");
		return of(part.content(), part.headers().getContentLength(), part.filename());
	}

	/**
	 * An upload streamed from buffers of unknown length as they arrive; read once, see
	 * {@link StreamedContent}.
	 */
	public static UploadRequest of(Publisher<? extends DataBuffer> content, @Nullable String fileName) {
		return of(content, -1, fileName);
	}

	/**
	 * An upload streamed from buffers as they arrive, which fails if they do not add up to the
	 * length declared; read once, see {@link StreamedContent}.
	 * @param contentLength the length in bytes, or {@code -1} when unknown
	 */
	public static UploadRequest of(Publisher<? extends DataBuffer> content, long contentLength,
			@Nullable String fileName) {
		return of(new StreamedContent(content, contentLength, fileName), fileName);
	}

	/**
	 * An upload the provider fetches from an {@code https} URL.
	 * @throws IllegalArgumentException if the URL has another scheme
	 */
	public static UploadRequest fromUrl(String url, @Nullable String fileName) {
		return new UploadRequest(null, url, fileName, null, List.of(), false);
	}

	/**
	 * An upload the provider fetches from a URL of {@code https} or one of the schemes given,
	 * for URLs the application trusts: {@code "http"}, or {@code "s3"} for a bucket it means to
	 * import from.
	 * @throws IllegalArgumentException if the URL has a scheme not allowed
	 */
	public static UploadRequest fromUrl(String url, @Nullable String fileName, String... alsoAllowedSchemes) {
		Set<String> schemes = new LinkedHashSet<>();
		schemes.add(HTTPS);
		schemes.addAll(Arrays.asList(alsoAllowedSchemes));
		return new UploadRequest(null, url, fileName, null, List.of(), false, schemes);
	}

	public UploadRequest inFolder(String folder) {
		return new UploadRequest(this.file, this.url, this.fileName, folder, this.tags, this.overwrite,
				this.urlSchemes);
	}

	public UploadRequest withTags(String... tags) {
		List<String> all = new ArrayList<>(this.tags);
		all.addAll(Arrays.asList(tags));
		return new UploadRequest(this.file, this.url, this.fileName, this.folder, all, this.overwrite,
				this.urlSchemes);
	}

	public UploadRequest overwrite(boolean overwrite) {
		return new UploadRequest(this.file, this.url, this.fileName, this.folder, this.tags, overwrite,
				this.urlSchemes);
	}

	private static Set<String> schemes(Set<String> schemes) {
		Assert.notNull(schemes, "urlSchemes must not be null");
		Set<String> normalized = new LinkedHashSet<>();
		for (String scheme : schemes) {
			Assert.hasText(scheme, "a URL scheme must not be empty");
			String lowerCase = scheme.toLowerCase(Locale.ROOT);
			Assert.isTrue(SCHEME.matcher(lowerCase).matches(), () -> "not a URL scheme: '" + scheme + "'");
			normalized.add(lowerCase);
		}
		return Set.copyOf(normalized);
	}

	private static void checkScheme(String url, Set<String> allowed) {
		int colon = url.indexOf(':');
		String scheme = (colon > 0) ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
		if (!SCHEME.matcher(scheme).matches()) {
			throw new IllegalArgumentException("The remote upload URL is not an absolute URL: the provider "
					+ "fetches https URLs (" + url.length() + " characters given)");
		}
		if (!allowed.contains(scheme)) {
			throw new IllegalArgumentException("The remote upload URL has the scheme '" + scheme
					+ "', which is not allowed: only " + String.join(", ", allowed.stream().sorted().toList())
					+ " URLs are fetched, since the provider reads them with the account's own access (private "
					+ "buckets included). A URL the application trusts can allow it: "
					+ "UploadRequest.fromUrl(url, fileName, \"" + scheme + "\")");
		}
		if ((scheme.equals("https") || scheme.equals("http")) && !url.regionMatches(colon, "://", 0, 3)) {
			throw new IllegalArgumentException("The remote upload URL is not an absolute " + scheme + " URL");
		}
	}

}
