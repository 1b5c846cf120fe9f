package io.saasstack.media.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import io.saasstack.core.KeptItems;
import io.saasstack.core.LogLines;
import io.saasstack.media.DirectUpload;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.ResourceType;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaTypeFactory;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * {@link ReactiveMediaStorage} that keeps uploads in memory instead of storing them: used when no
 * storage credentials are set, and by application tests. An upload is read whole (an upload from
 * a URL is recorded without fetching it), kept among the newest {@code maxKept}, and written as
 * one INFO line:
 * <pre>
 * Media upload (kept in memory, not stored) path=avatars/ada bytes=48213 id=avatars/ada
 * </pre>
 * Ids and paths follow the conventions of the provider of the {@link MediaUrls} given, so that
 * code and URLs look as they will in production:
 * <ul>
 * <li>Cloudinary (and no {@code MediaUrls}): id and path are the public id, {@code folder/fileName},
 * or {@code folder/} plus a random 20 character id when the request names no file. An upload to
 * an existing public id replaces it when the request overwrites, and otherwise returns the kept
 * asset unchanged, as Cloudinary does.</li>
 * <li>ImageKit: the path is {@code /folder/fileName} with a random {@code _xxxxxxxxx} suffix before
 * the extension unless the request overwrites; the id a random 24 hex digit file id (kept when an
 * upload overwrites a kept path). A file name is required, as by ImageKit: the request's, or
 * the name of the resource or the last segment of the URL.</li>
 * </ul>
 * The URL is {@link MediaUrls#url(String) built} by the given {@code MediaUrls} (it points to the
 * provider, where nothing was stored), or {@code local:<path>} without one. Width, height and
 * format come from the content when {@link ImageIO} can read it, else the format is the file
 * name's extension.
 * <p>
 * Memory is bounded twice: at most {@code maxKept} uploads, and at most {@code maxBytes} of content
 * over all of them. The oldest uploads are dropped to stay within both; a single upload larger than
 * {@code maxBytes} is kept without its content ({@link LocalUpload#content()} is null, its size is
 * still counted). {@link #delete} removes a kept upload and completes for an unknown id.
 * {@link #directUpload} fails: a browser cannot upload to the application's memory. Nothing
 * happens until the returned {@link Mono} is subscribed. Thread-safe; it never touches the
 * network.
 * <pre class="code">
 * photos.upload(file);
 * assertThat(media.awaitUploads(1, Duration.ofSeconds(5))).isTrue();
 * assertThat(media.uploads()).singleElement().extracting(LocalUpload::folder).isEqualTo("photos");
 * </pre>
 *
 * @since 0.1.0
 */
public final class LocalMediaStorage implements ReactiveMediaStorage {

	/** Provider id when no {@link MediaUrls} is given. */
	public static final String PROVIDER = "local";

	private static final Log logger = LogFactory.getLog(LocalMediaStorage.class);

	private static final String PREFIX = "Media upload (kept in memory, not stored) ";

	/** What is always read into memory to learn an image's dimensions. */
	private static final int HEAD_BYTES = 64 * 1024;

	private static final String LOWER_ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final String HEX = "0123456789abcdef";

	private final int maxKept;

	private final long maxBytes;

	private final @Nullable MediaUrls urls;

	private final boolean imageKit;

	private final Clock clock;

	private final RandomGenerator random;

	private final KeptItems<LocalUpload> kept;

	/**
	 * @param maxKept how many of the newest uploads to keep, at least 1
	 * @param maxBytes the most bytes of content kept over all uploads, at least 0
	 * @param urls the URLs of the provider whose conventions to follow, or null
	 */
	public LocalMediaStorage(int maxKept, long maxBytes, @Nullable MediaUrls urls) {
		this(maxKept, maxBytes, urls, Clock.systemUTC(), new Random());
	}

	LocalMediaStorage(int maxKept, long maxBytes, @Nullable MediaUrls urls, Clock clock, RandomGenerator random) {
		Assert.isTrue(maxKept > 0, "maxKept must be positive");
		Assert.isTrue(maxBytes >= 0, "maxBytes must not be negative");
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(random, "random must not be null");
		this.maxKept = maxKept;
		this.maxBytes = maxBytes;
		this.urls = urls;
		this.imageKit = (urls != null) && "imagekit".equals(urls.provider());
		this.clock = clock;
		this.random = random;
		this.kept = new KeptItems<>(maxKept, maxBytes, LocalUpload::keptBytes);
	}

	/** The provider of the {@link MediaUrls} given, or {@value #PROVIDER}. */
	@Override
	public String provider() {
		return (this.urls != null) ? this.urls.provider() : PROVIDER;
	}

	@Override
	public Mono<UploadResult> upload(UploadRequest request) {
		Mono<UploadResult> upload = Mono.fromCallable(() -> store(request));
		// reading a resource may block
		return (request != null && request.file() != null) ? upload.subscribeOn(Schedulers.boundedElastic()) : upload;
	}

	@Override
	public Mono<Void> delete(String id) {
		return Mono.fromRunnable(() -> {
			Assert.hasText(id, "id must not be empty");
			this.kept.removeIf((upload) -> upload.id().equals(id));
		});
	}

	/**
	 * Fails: a browser cannot upload to the application's memory.
	 * @throws IllegalStateException always, naming the properties that configure a provider
	 */
	@Override
	public DirectUpload directUpload(@Nullable String folder, Duration expiresIn) {
		throw new IllegalStateException("Direct uploads need a media provider, but uploads are kept in memory "
				+ "(no storage credentials, or saas.media.capture.enabled=true). Set saas.media.cloudinary.cloud-name, "
				+ "saas.media.cloudinary.api-key and saas.media.cloudinary.api-secret (Cloudinary), or "
				+ "saas.media.imagekit.url-endpoint, saas.media.imagekit.public-key and "
				+ "saas.media.imagekit.private-key (ImageKit), and leave saas.media.capture.enabled unset.");
	}

	/** The kept uploads, oldest first. */
	public List<LocalUpload> uploads() {
		return this.kept.list();
	}

	/** The kept upload of the given {@link UploadResult#id() id}, if it is still kept. */
	public Optional<LocalUpload> get(String id) {
		Assert.notNull(id, "id must not be null");
		return find(id);
	}

	/** Forgets every upload, and restarts the count of {@link #awaitUploads}. */
	public void clear() {
		this.kept.clear();
	}

	/**
	 * Waits until at least {@code count} uploads were kept since creation or the last
	 * {@link #clear()}, for uploads made in the background. Uploads no longer kept count too.
	 * @return whether that many were kept within the timeout (false if interrupted)
	 */
	public boolean awaitUploads(int count, Duration timeout) {
		return this.kept.await(count, timeout);
	}

	private UploadResult store(UploadRequest request) {
		Assert.notNull(request, "request must not be null");
		String name = this.imageKit ? requiredFileName(request) : blankToNull(request.fileName());
		Resource file = request.file();
		Content content = (file != null) ? read(file) : Content.NONE;
		String nameForType = (name != null) ? name : nameOf(request);
		String format = (content.format() != null) ? content.format() : extension(nameForType);
		String contentType = (nameForType != null)
				? MediaTypeFactory.getMediaType(nameForType).map(Object::toString).orElse(null) : null;
		List<LocalUpload> added = new ArrayList<>(1);
		UploadResult stored = this.kept.atomically(() -> {
			Target target = this.imageKit ? imageKitTarget(request, name) : cloudinaryTarget(request, name);
			LocalUpload existing = target.existing();
			if (existing != null && !request.overwrite() && !this.imageKit) {
				return existing.result();
			}
			if (existing != null) {
				this.kept.removeIf((upload) -> upload == existing);
			}
			String url = (this.urls != null) ? this.urls.url(target.path()) : "local:" + target.path();
			UploadResult result = new UploadResult(target.id(), target.path(), url, content.width(), content.height(),
					format, content.size(), resourceType(content, nameForType));
			LocalUpload upload = new LocalUpload(result, name, blankToNull(request.folder()), request.tags(),
					request.url(), contentType, this.clock.instant(), content.bytes());
			this.kept.add(upload);
			added.add(upload);
			return result;
		});
		added.forEach(LocalMediaStorage::log);
		return stored;
	}

	// Called within this.kept.atomically.
	private Target cloudinaryTarget(UploadRequest request, @Nullable String name) {
		String publicId = inFolder(request.folder(), (name != null) ? name : random(LOWER_ALPHANUMERIC, 20));
		return new Target(publicId, publicId, find(publicId).orElse(null));
	}

	// Called within this.kept.atomically.
	private Target imageKitTarget(UploadRequest request, String name) {
		String stored = request.overwrite() ? name : withSuffix(name, "_" + random(ALPHANUMERIC, 9));
		String path = "/" + inFolder(request.folder(), stored);
		LocalUpload existing = null;
		if (request.overwrite()) {
			existing = this.kept.find((upload) -> upload.result().path().equals(path)).orElse(null);
		}
		String id = (existing != null) ? existing.id() : random(HEX, 24);
		return new Target(id, path, existing);
	}

	private Optional<LocalUpload> find(String id) {
		return this.kept.find((upload) -> upload.id().equals(id));
	}

	// an image whose dimensions were read, else what the name says (raw when it says nothing)
	private static ResourceType resourceType(Content content, @Nullable String name) {
		if (content.width() != null) {
			return ResourceType.IMAGE;
		}
		ResourceType byName = ResourceType.ofFileName(name);
		return (byName != null) ? byName : ResourceType.RAW;
	}

	private Content read(Resource file) {
		// the head is kept even past maxBytes, to read an image's dimensions from it
		long limit = Math.max(this.maxBytes, HEAD_BYTES);
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		long size = 0;
		byte[] chunk = new byte[8192];
		try (InputStream in = file.getInputStream()) {
			int read;
			while ((read = in.read(chunk)) != -1) {
				int room = (int) Math.max(0, Math.min(read, limit - size));
				buffer.write(chunk, 0, room);
				size += read;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the upload " + file.getDescription(), ex);
		}
		byte[] bytes = buffer.toByteArray();
		Content image = image(bytes, size);
		return (size <= this.maxBytes) ? image : new Content(null, size, image.width(), image.height(),
				image.format());
	}

	private static Content image(byte[] bytes, long size) {
		try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
			Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
			if (readers.hasNext()) {
				ImageReader reader = readers.next();
				try {
					reader.setInput(in, true, true);
					String format = reader.getFormatName().toLowerCase(Locale.ROOT);
					return new Content(bytes, size, reader.getWidth(0), reader.getHeight(0),
							"jpeg".equals(format) ? "jpg" : format);
				}
				finally {
					reader.dispose();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not an image ImageIO can read: no dimensions
		}
		return new Content(bytes, size, null, null, null);
	}

	private static String requiredFileName(UploadRequest request) {
		String name = (request.fileName() != null) ? blankToNull(request.fileName()) : nameOf(request);
		if (name == null) {
			throw new IllegalArgumentException("ImageKit needs a file name: set the upload request's file name "
					+ "(the file has no name to derive it from)");
		}
		return name;
	}

	/** The name of the resource, or the last segment of the URL's path. */
	private static @Nullable String nameOf(UploadRequest request) {
		if (request.file() != null) {
			return blankToNull(request.file().getFilename());
		}
		try {
			String path = URI.create(request.url()).getPath();
			return (path != null) ? blankToNull(StringUtils.getFilename(StringUtils.trimTrailingCharacter(path, '/')))
					: null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String inFolder(@Nullable String folder, String name) {
		String trimmed = (folder != null)
				? StringUtils.trimTrailingCharacter(StringUtils.trimLeadingCharacter(folder.strip(), '/'), '/') : "";
		return trimmed.isEmpty() ? name : trimmed + "/" + name;
	}

	private static String withSuffix(String name, String suffix) {
		int dot = name.lastIndexOf('.');
		return (dot > 0) ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
	}

	private static @Nullable String extension(@Nullable String name) {
		String extension = StringUtils.getFilenameExtension(name);
		return StringUtils.hasText(extension) ? extension.toLowerCase(Locale.ROOT) : null;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return StringUtils.hasText(value) ? value : null;
	}

	private String random(String alphabet, int length) {
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(alphabet.charAt(this.random.nextInt(alphabet.length())));
		}
		return value.toString();
	}

	private static void log(LocalUpload upload) {
		if (logger.isInfoEnabled()) {
			logger.info(PREFIX + describe(upload));
		}
	}

	/** One line describing an upload: path, size, source URL without its query, and id; never the content. */
	static String describe(LocalUpload upload) {
		UploadResult result = upload.result();
		StringBuilder line = new StringBuilder("path=").append(LogLines.oneLine(result.path()));
		String sourceUrl = upload.sourceUrl();
		if (sourceUrl != null) {
			line.append(" url=").append(LogLines.oneLine(LocalUpload.withoutQuery(sourceUrl))).append(" (not fetched)");
		}
		else {
			line.append(" bytes=").append(result.bytes());
		}
		if (result.width() != null) {
			line.append(" size=").append(result.width()).append('x').append(result.height());
		}
		return line.append(" id=").append(LogLines.oneLine(result.id())).toString();
	}

	@Override
	public String toString() {
		return "LocalMediaStorage[" + this.kept.size() + " of at most " + this.maxKept + " kept]";
	}

	/** Where an upload goes, and the kept upload already there. */
	private record Target(String id, String path, @Nullable LocalUpload existing) {
	}

	/** What was read of an upload's content: the bytes when kept, the size, and image facts. */
	private record Content(byte @Nullable [] bytes, long size, @Nullable Integer width, @Nullable Integer height,
			@Nullable String format) {

		static final Content NONE = new Content(null, 0, null, null, null);

	}

}
