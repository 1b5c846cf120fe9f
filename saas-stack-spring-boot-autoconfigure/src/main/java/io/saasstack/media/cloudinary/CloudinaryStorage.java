package io.saasstack.media.cloudinary;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.saasstack.core.SaasClientProperties;
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
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;

/**
 * {@link ReactiveMediaStorage} on Cloudinary's Upload API (reference {@code media-cloudinary.md}
 * §4-5), with signed requests: {@code api_key}, {@code timestamp} (epoch seconds) and the
 * {@link CloudinarySignatures#uploadSignature signature} of every other parameter.
 * <p>
 * Uploads go to {@code POST /v1_1/<cloud>/auto/upload} as {@code multipart/form-data}:
 * {@code auto} rather than the SDK's default {@code image}, because an {@link UploadRequest}
 * does not say what the file is, and {@code image} rejects PDFs, videos and other files that
 * {@code auto} stores as the right resource type. The parameters are {@code public_id} (the
 * file name, when given), {@code folder}, {@code tags} (comma-joined), {@code overwrite}
 * (always sent: Cloudinary's own default is to overwrite) and, when overwriting,
 * {@code invalidate=true} so that CDN copies of the old file are purged. A
 * {@link Resource} is streamed from its stream or channel in 64 KiB buffers and never held
 * in memory whole, nor read twice to learn its length (streams are read off the event loop); a
 * URL is sent as the {@code file} parameter for Cloudinary to fetch. The public id is the file
 * name without its extension when the name is of an image, a PDF, a video or an audio file (as
 * Cloudinary's own {@code use_filename} does: Cloudinary adds the format to delivery URLs, so a
 * kept extension would be doubled), and the file name as it is for any other file, which
 * Cloudinary stores as raw with the extension in its public id. The result's id and path are
 * the {@link CloudinaryAssetId} of the asset,
 * {@code <resource_type>/<type>/v<version>/<public_id>[.<format>]}: it names the asset for
 * {@link #delete(String)} and for {@link CloudinaryUrls}, whose URL of it is the
 * {@code secure_url} returned as the result's URL (with the default delivery settings).
 * <p>
 * An upload is retried only when Cloudinary rate-limits it (420) or the connection was never
 * made; the retry reads the resource again, which an {@code InputStreamResource} cannot do. The
 * whole upload must complete within the client's connect plus response timeout: raise
 * {@code response-timeout} for large files.
 * <p>
 * Deletes are {@code POST /v1_1/<cloud>/<resource_type>/destroy} with {@code invalidate=true},
 * the resource type read from the id (a bare public id is an image). Cloudinary answers
 * {@code {"result":"not found"}} (status 200) for an unknown public id: that completes like
 * {@code ok}, since the asset is absent either way and a retried delete must not fail.
 *
 * @since 0.1.0
 */
public final class CloudinaryStorage implements ReactiveMediaStorage {

	/** Cloudinary's API, where browsers post direct uploads. */
	public static final URI DEFAULT_API_URL = URI.create("https://api.cloudinary.com");

	/**
	 * How long Cloudinary accepts a signed request after its timestamp ("valid for one hour",
	 * docs {@code authentication_signatures}).
	 */
	public static final Duration SIGNATURE_VALIDITY = Duration.ofHours(1);

	private static final int BUFFER_SIZE = 64 * 1024;

	private final SaasHttpClient http;

	private final CloudinaryUrlSettings settings;

	private final Clock clock;

	private final String directUploadUrl;

	/**
	 * @param http client of the Cloudinary API, see {@link #httpClient}
	 * @param settings the account: cloud name, API key and secret, signature algorithm
	 * @param clock the clock of request timestamps
	 */
	public CloudinaryStorage(SaasHttpClient http, CloudinaryUrlSettings settings, Clock clock) {
		this(http, settings, clock, DEFAULT_API_URL);
	}

	/**
	 * @param http client of the Cloudinary API, see {@link #httpClient}
	 * @param settings the account: cloud name, API key and secret, signature algorithm
	 * @param clock the clock of request timestamps
	 * @param apiUrl the API URL browsers post direct uploads to
	 */
	public CloudinaryStorage(SaasHttpClient http, CloudinaryUrlSettings settings, Clock clock, URI apiUrl) {
		Assert.notNull(http, "http must not be null");
		Assert.notNull(settings, "settings must not be null");
		Assert.notNull(clock, "clock must not be null");
		Assert.notNull(apiUrl, "apiUrl must not be null");
		this.http = http;
		this.settings = settings;
		this.clock = clock;
		String base = apiUrl.toString();
		this.directUploadUrl = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1_1/"
				+ settings.cloudName() + "/auto/upload";
	}

	/**
	 * The HTTP client of the Cloudinary API: base URL, timeouts and retries from the properties,
	 * HTTP Basic authentication with the API key and secret (the Admin API's; the Upload API
	 * accepts it beside the signature), Cloudinary's error decoding and rate-limit headers, and
	 * the secret kept out of messages.
	 * @param factory the factory of provider clients
	 * @param properties the Cloudinary client properties
	 * @param apiKey the API key
	 * @param apiSecret the API secret
	 * @return the client to give to {@link CloudinaryStorage} and {@link CloudinaryHealthCheck}
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			String apiKey, String apiSecret) {
		Assert.hasText(apiKey, "apiKey must not be empty");
		Assert.hasText(apiSecret, "apiSecret must not be empty");
		String basic = HttpHeaders.encodeBasicAuth(apiKey, apiSecret, null);
		return factory.client(CloudinaryTransformations.PROVIDER)
			.properties(properties)
			.errorDecoder(CloudinaryErrorDecoder.INSTANCE)
			.rateLimitParser(CloudinaryRateLimitParser.INSTANCE)
			.defaultHeaders((headers) -> headers.setBasicAuth(basic))
			.secrets(apiSecret, basic)
			.build();
	}

	@Override
	public String provider() {
		return CloudinaryTransformations.PROVIDER;
	}

	@Override
	public Mono<UploadResult> upload(UploadRequest request) {
		return Mono.fromCallable(() -> uploadRequest(request))
			.flatMap((upload) -> this.http.exchange(upload, UploadBody.class))
			.map(CloudinaryStorage::uploadResult);
	}

	private SaasRequest uploadRequest(UploadRequest request) {
		Assert.notNull(request, "request must not be null");
		Map<String, Object> params = new TreeMap<>();
		putIfText(params, "folder", request.folder());
		putIfText(params, "public_id", publicId(request.fileName()));
		if (!request.tags().isEmpty()) {
			params.put("tags", String.join(",", request.tags()));
		}
		params.put("overwrite", String.valueOf(request.overwrite()));
		if (request.overwrite()) {
			params.put("invalidate", "true");
		}
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		signed(params).forEach(parts::part);
		Resource file = request.file();
		if (file != null) {
			String filename = filename(request, file);
			// a publisher part: written as it is read, with no Content-Length that would make Spring
			// call Resource.contentLength(), which reads a whole stream of unknown length
			parts.asyncPart("file", StreamedContent.buffersOf(file, BUFFER_SIZE), DataBuffer.class)
				.filename(filename)
				.contentType(MediaTypeFactory.getMediaType(filename).orElse(MediaType.APPLICATION_OCTET_STREAM));
		}
		else {
			parts.part("file", request.url());
		}
		return SaasRequest.post("upload", "/v1_1/{cloud}/auto/upload", this.settings.cloudName())
			.multipart(parts.build())
			.build();
	}

	private static String filename(UploadRequest request, Resource file) {
		String name = (request.fileName() != null) ? request.fileName() : file.getFilename();
		if (name == null || name.isBlank()) {
			return "file";
		}
		int slash = name.lastIndexOf('/');
		return (slash >= 0 && slash < name.length() - 1) ? name.substring(slash + 1) : name;
	}

	/**
	 * The public id for a file name: without the extension when the name is of a file Cloudinary
	 * stores as an image or a video (it keeps the extension as the format, and would otherwise
	 * deliver {@code avatar.png} as {@code avatar.png.png}), as its own {@code use_filename} does;
	 * with it for any other file, which Cloudinary stores as raw, extension included.
	 */
	static @Nullable String publicId(@Nullable String fileName) {
		if (fileName == null || fileName.isBlank()) {
			return null;
		}
		ResourceType type = ResourceType.ofFileName(fileName);
		int dot = fileName.lastIndexOf('.');
		if (type == null || type == ResourceType.RAW || dot <= fileName.lastIndexOf('/') + 1) {
			return fileName;
		}
		return fileName.substring(0, dot);
	}

	private static UploadResult uploadResult(SaasResponse<UploadBody> response) {
		UploadBody body = response.body();
		if (body == null || body.publicId() == null) {
			throw malformed(response, "upload", "no public_id in the response");
		}
		String url = (body.secureUrl() != null) ? body.secureUrl() : body.url();
		if (url == null) {
			throw malformed(response, "upload", "no secure_url in the response");
		}
		ResourceType resourceType;
		try {
			resourceType = ResourceType.of((body.resourceType() != null) ? body.resourceType() : "image");
		}
		catch (IllegalArgumentException ex) {
			throw malformed(response, "upload", "unknown resource_type '" + body.resourceType() + "'");
		}
		String format = (resourceType != ResourceType.RAW) ? body.format() : null;
		String id = new CloudinaryAssetId(resourceType, (body.type() != null) ? body.type() : "upload", body.version(),
				body.publicId(), format).value();
		return new UploadResult(id, id, url, body.width(), body.height(), formatOf(resourceType, body),
				(body.bytes() != null) ? body.bytes() : 0, resourceType);
	}

	// a raw file's format is its public id's extension (Cloudinary sends none, or that extension)
	private static @Nullable String formatOf(ResourceType resourceType, UploadBody body) {
		if (resourceType != ResourceType.RAW || body.format() != null) {
			return body.format();
		}
		String extension = StringUtils.getFilenameExtension(body.publicId());
		return (extension != null && !extension.isBlank()) ? extension.toLowerCase(Locale.ROOT) : null;
	}

	/**
	 * Deletes the asset of an {@link UploadResult#id() upload's id}, of whatever resource type it
	 * names; a bare public id names an image.
	 */
	@Override
	public Mono<Void> delete(String id) {
		return Mono.fromCallable(() -> CloudinaryAssetId.parse(id))
			.flatMap((asset) -> destroy(asset.publicId(), asset.resourceType().id(), asset.type()));
	}

	/**
	 * Deletes an asset of any resource type; an unknown public id completes normally.
	 * @param publicId the public id
	 * @param resourceType {@code image}, {@code video} or {@code raw}
	 */
	public Mono<Void> delete(String publicId, String resourceType) {
		return destroy(publicId, resourceType, "upload");
	}

	private Mono<Void> destroy(String publicId, String resourceType, String type) {
		return Mono.fromCallable(() -> {
			Assert.hasText(publicId, "publicId must not be empty");
			Assert.hasText(resourceType, "resourceType must not be empty");
			Map<String, Object> params = new TreeMap<>();
			params.put("public_id", publicId);
			params.put("invalidate", "true");
			if (!"upload".equals(type)) {
				params.put("type", type);
			}
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			signed(params).forEach(form::add);
			// destroying twice leaves the same state, so the call may be retried
			return SaasRequest.post("destroy", "/v1_1/{cloud}/{resourceType}/destroy", this.settings.cloudName(),
					resourceType)
				.form(form)
				.idempotent(true)
				.build();
		}).flatMap((request) -> this.http.exchange(request, DestroyBody.class)).flatMap((response) -> {
			DestroyBody body = response.body();
			String result = (body != null) ? body.result() : null;
			if ("ok".equals(result) || "not found".equals(result)) {
				return Mono.empty();
			}
			return Mono.error(malformed(response, "destroy", "unexpected result '" + result + "'"));
		});
	}

	/**
	 * Fields for a browser upload to {@code <api>/v1_1/<cloud>/auto/upload}: {@code api_key},
	 * {@code timestamp}, {@code folder} (when given) and the {@code signature} of the timestamp and
	 * folder. The browser adds {@code file}; any other parameter it adds must be signed too, so
	 * it cannot choose another folder. Cloudinary accepts the signature for
	 * {@link #SIGNATURE_VALIDITY one hour} after the timestamp and has no way to shorten that:
	 * {@code expiresAt} is always the timestamp plus one hour, whatever the lifetime asked.
	 * @param expiresIn lifetime wanted, at most one hour
	 * @throws IllegalArgumentException if the lifetime is not positive or longer than one hour
	 */
	@Override
	public DirectUpload directUpload(@Nullable String folder, Duration expiresIn) {
		Assert.notNull(expiresIn, "expiresIn must not be null");
		Assert.isTrue(!expiresIn.isNegative() && !expiresIn.isZero(), "expiresIn must be positive");
		Assert.isTrue(expiresIn.compareTo(SIGNATURE_VALIDITY) <= 0,
				"Cloudinary accepts an upload signature for one hour after its timestamp: expiresIn must not exceed PT1H");
		Instant now = this.clock.instant();
		Map<String, Object> params = new TreeMap<>();
		putIfText(params, "folder", folder);
		params.put("timestamp", String.valueOf(now.getEpochSecond()));
		Map<String, String> signed = signed(params);
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("api_key", signed.get("api_key"));
		fields.put("timestamp", signed.get("timestamp"));
		if (signed.containsKey("folder")) {
			fields.put("folder", signed.get("folder"));
		}
		fields.put("signature", signed.get("signature"));
		Instant expiresAt = Instant.ofEpochSecond(now.getEpochSecond()).plus(SIGNATURE_VALIDITY);
		return new DirectUpload(this.directUploadUrl, fields, expiresAt);
	}

	/** The parameters with {@code timestamp}, {@code api_key} and {@code signature} added. */
	private Map<String, String> signed(Map<String, Object> params) {
		String apiKey = this.settings.apiKey();
		String apiSecret = this.settings.apiSecret();
		Assert.state(apiKey != null && apiSecret != null,
				"Cloudinary uploads and deletes need the API key and secret (saas.media.cloudinary.api-key and api-secret)");
		params.putIfAbsent("timestamp", String.valueOf(this.clock.instant().getEpochSecond()));
		Map<String, String> signed = new LinkedHashMap<>();
		params.forEach((key, value) -> signed.put(key, String.valueOf(value)));
		signed.put("api_key", apiKey);
		signed.put("signature", CloudinarySignatures.uploadSignature(params, apiSecret, this.settings.algorithm()));
		return signed;
	}

	private static void putIfText(Map<String, Object> params, String name, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			params.put(name, value);
		}
	}

	private static SaasMalformedResponseException malformed(SaasResponse<?> response, String operation, String detail) {
		return new SaasMalformedResponseException(CloudinaryTransformations.PROVIDER, operation, response.status(),
				detail);
	}

	@Override
	public String toString() {
		return "CloudinaryStorage[" + this.settings.cloudName() + "]";
	}

	/** The part of the upload response read here. */
	record UploadBody(@JsonProperty("public_id") @Nullable String publicId,
			@JsonProperty("secure_url") @Nullable String secureUrl, @Nullable String url, @Nullable Integer width,
			@Nullable Integer height, @Nullable String format, @Nullable Long bytes,
			@JsonProperty("resource_type") @Nullable String resourceType, @Nullable String type,
			@Nullable Long version) {

	}

	/** The destroy response. */
	record DestroyBody(@Nullable String result) {

	}

}
