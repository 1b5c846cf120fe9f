package io.saasstack.media.imagekit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.saasstack.core.RandomUuids;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.SaasResponse;
import io.saasstack.media.DirectUpload;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.ResourceType;
import io.saasstack.media.StreamedContent;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Uploads to and deletes from the ImageKit media library (reference {@code media-imagekit.md}
 * §4), authenticated with the private key (HTTP Basic, the key as user name, no password).
 * <ul>
 * <li>Upload: {@code POST /api/v1/files/upload} on the upload API, a multipart form with
 * {@code file} (the content, streamed from the {@link Resource} without reading it whole or asking
 * its length, or the remote URL ImageKit fetches), {@code fileName}, {@code folder}, {@code tags}
 * (comma-joined) and {@code useUniqueFileName}: {@code true} unless the request overwrites (ImageKit
 * then adds a random suffix to the name, so an existing file is never replaced and the result's path
 * differs from the name sent), while {@code useUniqueFileName=false} and {@code overwriteFile=true}
 * make an overwriting upload replace the file at the same path. ImageKit requires a file name: when the request has none, it is the
 * {@link Resource#getFilename() resource's file name}, or the last path segment of the remote URL.
 * The result's id is ImageKit's {@code fileId} (which {@link #delete} takes, whatever the kind of
 * file), its path the {@code filePath} (which {@link ImageKitUrls} takes: its URL of the path is
 * the upload's {@code url}), its format the lower-case extension of the stored name and its
 * resource type {@code IMAGE} for ImageKit's {@code fileType} {@code image}, else {@code VIDEO}
 * for a file with a video or audio codec or duration (or a video or audio extension), else
 * {@code RAW}.</li>
 * <li>Delete: {@code DELETE /v1/files/{fileId}} on the API (204); an unknown id fails with a
 * {@link io.saasstack.core.SaasApiException} of status 404.</li>
 * <li>Direct upload: ImageKit's V2 upload ({@code POST /api/v2/files/upload}), whose
 * {@code token} is a JWT binding every parameter the browser sends (see
 * {@link ImageKitUploadToken}): {@code fileName} (the one given, or a random one),
 * {@code folder} (when given), {@code useUniqueFileName=true} and {@code overwriteFile=false}. A
 * browser that changes any of them, or adds one, is refused by ImageKit, so it cannot choose where
 * its file lands nor replace an existing file. The V1 upload signs only a token and an expiry,
 * leaving the folder and the file name to the browser: it is not used for browser uploads.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class ImageKitStorage implements ReactiveMediaStorage {

	/** Where browsers post direct uploads: the V2 upload, whose token binds the parameters. */
	public static final URI UPLOAD_URL = URI.create("https://upload.imagekit.io/api/v2/files/upload");

	/** The longest lifetime ImageKit accepts for upload signatures. */
	public static final Duration MAX_DIRECT_UPLOAD_LIFETIME = Duration.ofHours(1);

	static final String UPLOAD_PATH = "/api/v1/files/upload";

	static final String DIRECT_UPLOAD_PATH = "/api/v2/files/upload";

	private static final String PROVIDER = "imagekit";

	private static final int BUFFER_SIZE = 32 * 1024;

	private final SaasHttpClient uploadHttp;

	private final SaasHttpClient apiHttp;

	private final @Nullable String publicKey;

	private final ImageKitSigner signer;

	private final String privateKey;

	private final URI urlEndpoint;

	private final URI directUploadUrl;

	private final Clock clock;

	/** Names of direct uploads. */
	private final RandomUuids names = RandomUuids.shared();

	/**
	 * Storage whose browser uploads go to {@link #UPLOAD_URL}.
	 * @param uploadHttp client of the upload API, see {@link #uploadHttpClient}
	 * @param apiHttp client of the API, see {@link #apiHttpClient}
	 * @param publicKey the public key, or null when browsers do not upload directly
	 * @param privateKey the private key
	 * @param urlEndpoint the URL endpoint, for results whose response lacks a URL
	 * @param clock the clock of direct upload expiries
	 */
	public ImageKitStorage(SaasHttpClient uploadHttp, SaasHttpClient apiHttp, @Nullable String publicKey,
			String privateKey, URI urlEndpoint, Clock clock) {
		this(uploadHttp, apiHttp, publicKey, privateKey, urlEndpoint, clock, UPLOAD_URL);
	}

	/**
	 * Storage whose browser uploads go to the given URL.
	 * @param directUploadUrl where browsers post direct uploads, see {@link #uploadUrl(URI)}
	 */
	public ImageKitStorage(SaasHttpClient uploadHttp, SaasHttpClient apiHttp, @Nullable String publicKey,
			String privateKey, URI urlEndpoint, Clock clock, URI directUploadUrl) {
		Assert.notNull(uploadHttp, "uploadHttp must not be null");
		Assert.notNull(apiHttp, "apiHttp must not be null");
		Assert.notNull(urlEndpoint, "urlEndpoint must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(directUploadUrl, "directUploadUrl must not be null");
		this.uploadHttp = uploadHttp;
		this.apiHttp = apiHttp;
		this.publicKey = StringUtils.hasText(publicKey) ? publicKey : null;
		this.signer = new ImageKitSigner(privateKey);
		this.privateKey = privateKey;
		this.urlEndpoint = urlEndpoint;
		this.clock = clock;
		this.directUploadUrl = directUploadUrl;
	}

	/**
	 * The browser upload URL (the V2 upload) of an upload API base URL such as
	 * {@code https://upload.imagekit.io}.
	 */
	public static URI uploadUrl(URI uploadBaseUrl) {
		String base = uploadBaseUrl.toString();
		return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + DIRECT_UPLOAD_PATH);
	}

	/**
	 * The client of ImageKit's API ({@code https://api.imagekit.io} by default): base URL,
	 * timeouts and retries from the properties, Basic authentication with the private key.
	 */
	public static SaasHttpClient apiHttpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			String privateKey) {
		return builder(factory, privateKey).properties(properties).build();
	}

	/**
	 * The client of ImageKit's upload API ({@code https://upload.imagekit.io}): timeouts and retries
	 * from the properties, Basic authentication with the private key. Each attempt of an upload,
	 * transfer included, is bounded by the connect and response timeouts: allow for the largest
	 * file.
	 */
	public static SaasHttpClient uploadHttpClient(SaasHttpClientFactory factory, URI uploadBaseUrl,
			SaasClientProperties properties, String privateKey) {
		return builder(factory, privateKey).properties(properties).baseUrl(uploadBaseUrl).build();
	}

	private static SaasHttpClientFactory.Builder builder(SaasHttpClientFactory factory, String privateKey) {
		Assert.hasText(privateKey, "privateKey must not be empty");
		String credentials = Base64.getEncoder()
			.encodeToString((privateKey + ":").getBytes(StandardCharsets.UTF_8));
		return factory.client(PROVIDER)
			.errorDecoder(ImageKitErrorDecoder.INSTANCE)
			.rateLimitParser(ImageKitRateLimitParser.INSTANCE)
			.defaultHeaders((headers) -> headers.set(HttpHeaders.AUTHORIZATION, "Basic " + credentials))
			.secrets(privateKey, credentials);
	}

	@Override
	public String provider() {
		return PROVIDER;
	}

	/**
	 * @throws IllegalArgumentException (as an error signal) when no file name is given or derivable
	 */
	@Override
	public Mono<UploadResult> upload(UploadRequest request) {
		Assert.notNull(request, "request must not be null");
		return Mono.fromCallable(() -> uploadRequest(request))
			.flatMap((call) -> this.uploadHttp.exchange(call, UploadResponse.class))
			.map(this::result);
	}

	private SaasRequest uploadRequest(UploadRequest request) {
		String fileName = fileName(request);
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		Resource file = request.file();
		if (file != null) {
			// read as buffers on demand: a Resource part would have its length asked, which
			// reads a stream whose length is unknown to the end
			parts.asyncPart("file", StreamedContent.buffersOf(file, BUFFER_SIZE), DataBuffer.class)
				.filename(fileName)
				.contentType(MediaTypeFactory.getMediaType(fileName).orElse(MediaType.APPLICATION_OCTET_STREAM));
		}
		else {
			parts.part("file", request.url());
		}
		parts.part("fileName", fileName);
		if (StringUtils.hasText(request.folder())) {
			parts.part("folder", request.folder());
		}
		if (!request.tags().isEmpty()) {
			parts.part("tags", String.join(",", request.tags()));
		}
		if (request.overwrite()) {
			parts.part("useUniqueFileName", "false");
			parts.part("overwriteFile", "true");
		}
		else {
			parts.part("useUniqueFileName", "true");
		}
		return SaasRequest.post("files.upload", UPLOAD_PATH).multipart(parts.build()).build();
	}

	static String fileName(UploadRequest request) {
		if (StringUtils.hasText(request.fileName())) {
			return request.fileName();
		}
		String derived = null;
		if (request.file() != null) {
			derived = request.file().getFilename();
		}
		else if (request.url() != null) {
			derived = lastSegment(request.url());
		}
		if (!StringUtils.hasText(derived)) {
			throw new IllegalArgumentException("ImageKit needs a file name: set the upload request's file name "
					+ "(the file has no name to derive it from)");
		}
		return derived;
	}

	private static @Nullable String lastSegment(String url) {
		int end = url.length();
		int query = url.indexOf('?');
		int fragment = url.indexOf('#');
		if (query != -1) {
			end = query;
		}
		if (fragment != -1 && fragment < end) {
			end = fragment;
		}
		int schemeEnd = url.indexOf("://");
		int pathStart = url.indexOf('/', (schemeEnd != -1) ? schemeEnd + 3 : 0);
		if (pathStart == -1 || pathStart >= end) {
			return null;
		}
		String path = url.substring(pathStart, end);
		while (path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private UploadResult result(SaasResponse<UploadResponse> response) {
		UploadResponse body = response.body();
		if (body == null || !StringUtils.hasText(body.fileId()) || !StringUtils.hasText(body.filePath())) {
			String detail = "no fileId or filePath in the response";
			throw new SaasMalformedResponseException(PROVIDER, "files.upload", response.status(), detail);
		}
		String url = StringUtils.hasText(body.url()) ? body.url() : fileUrl(body.filePath());
		String name = StringUtils.hasText(body.name()) ? body.name() : body.filePath();
		return new UploadResult(body.fileId(), body.filePath(), url, integer(body.width()), integer(body.height()),
				extension(name), (body.size() != null) ? body.size().longValue() : 0L, resourceType(body, name));
	}

	/**
	 * ImageKit's {@code fileType} tells images from other files; of these, a video or audio file is
	 * told by its video or audio codec or duration, or else by its extension.
	 */
	private static ResourceType resourceType(UploadResponse body, String name) {
		if ("image".equals(body.fileType())) {
			return ResourceType.IMAGE;
		}
		if (StringUtils.hasText(body.videoCodec()) || StringUtils.hasText(body.audioCodec())
				|| body.duration() != null) {
			return ResourceType.VIDEO;
		}
		ResourceType byName = ResourceType.ofFileName(name);
		return (byName == ResourceType.VIDEO) ? ResourceType.VIDEO
				: (byName == ResourceType.IMAGE && body.fileType() == null) ? ResourceType.IMAGE : ResourceType.RAW;
	}

	private String fileUrl(String filePath) {
		String endpoint = this.urlEndpoint.toString();
		return (endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint)
				+ (filePath.startsWith("/") ? "" : "/") + filePath;
	}

	private static @Nullable Integer integer(@Nullable Double value) {
		return (value != null) ? value.intValue() : null;
	}

	private static @Nullable String extension(String name) {
		String extension = StringUtils.getFilenameExtension(name);
		return StringUtils.hasText(extension) ? extension.toLowerCase(Locale.ROOT) : null;
	}

	@Override
	public Mono<Void> delete(String id) {
		return Mono.fromCallable(() -> {
			Assert.hasText(id, "id must not be empty");
			return SaasRequest.delete("files.delete", "/v1/files/{fileId}", id).build();
		})
			.flatMap((request) -> this.apiHttp.exchange(request, Void.class))
			// deleting what is already gone succeeds, as with Cloudinary: a retried delete cannot fail
			.onErrorResume(SaasApiException.class, (ex) -> (ex.getStatus() == 404) ? Mono.empty() : Mono.error(ex))
			.then();
	}

	/**
	 * Fields for a browser upload of one file under a random name (ImageKit adds a suffix, as it
	 * always does with {@code useUniqueFileName}), see {@link #directUpload(String, String, Duration)}.
	 * @throws IllegalArgumentException if the lifetime is not positive or longer than an hour
	 * @throws IllegalStateException if no public key was given
	 */
	@Override
	public DirectUpload directUpload(@Nullable String folder, Duration expiresIn) {
		return directUpload(folder, this.names.next().toString().replace("-", ""), expiresIn);
	}

	/**
	 * Fields for a browser upload of one file with this name into this folder: the browser posts
	 * them unchanged, with {@code file}, to {@code uploadUrl}. The {@code token} binds every field:
	 * ImageKit refuses an upload with another folder or file name, with {@code overwriteFile} or
	 * {@code useUniqueFileName} changed, with any field added, or with a token used before.
	 * @param folder the folder, or null for the root
	 * @param fileName the file name; ImageKit adds a random suffix, so no existing file is replaced
	 * @param expiresIn how long the token is accepted, at most one hour
	 * @throws IllegalArgumentException if the lifetime is not positive or longer than an hour
	 * @throws IllegalStateException if no public key was given
	 */
	public DirectUpload directUpload(@Nullable String folder, String fileName, Duration expiresIn) {
		Assert.hasText(fileName, "fileName must not be empty");
		Assert.notNull(expiresIn, "expiresIn must not be null");
		Assert.isTrue(!expiresIn.isNegative() && !expiresIn.isZero(), "expiresIn must be positive");
		Assert.isTrue(expiresIn.compareTo(MAX_DIRECT_UPLOAD_LIFETIME) <= 0,
				() -> "expiresIn must be at most 1 hour: ImageKit refuses upload signatures expiring later (was "
						+ expiresIn + ")");
		String publicKey = this.publicKey;
		Assert.state(publicKey != null, "ImageKit direct uploads need the public key");
		long now = this.clock.instant().getEpochSecond();
		long expire = now + expiresIn.getSeconds();
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("fileName", fileName);
		if (StringUtils.hasText(folder)) {
			fields.put("folder", folder);
		}
		fields.put("useUniqueFileName", "true");
		fields.put("overwriteFile", "false");
		fields.put("token", ImageKitUploadToken.sign(publicKey, this.privateKey, fields, now, expire));
		return new DirectUpload(this.directUploadUrl.toString(), fields, Instant.ofEpochSecond(expire));
	}

	/** ImageKit's authentication parameters: {@code token}, {@code expire} and their {@code signature}. */
	Map<String, String> authenticationParameters(String token, long expire) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("token", token);
		parameters.put("expire", Long.toString(expire));
		parameters.put("signature", this.signer.sign(token + expire));
		return parameters;
	}

	@Override
	public String toString() {
		return "ImageKitStorage[" + this.uploadHttp + ", " + this.apiHttp + "]";
	}

	/** The part of ImageKit's upload response read here. */
	private record UploadResponse(@Nullable String fileId, @Nullable String name, @Nullable String filePath,
			@Nullable String url, @Nullable String fileType, @Nullable Double width, @Nullable Double height,
			@Nullable Double size, @Nullable String videoCodec, @Nullable String audioCodec,
			@Nullable Double duration) {
	}

}
