package io.saasstack.console;

import java.awt.image.BufferedImage;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.saasstack.media.Crop;
import io.saasstack.media.Format;
import io.saasstack.media.Gravity;
import io.saasstack.media.MediaUrls;
import io.saasstack.media.Quality;
import io.saasstack.media.Transformation;
import io.saasstack.media.UploadResult;
import io.saasstack.media.local.LocalMediaStorage;
import io.saasstack.media.local.LocalUpload;
import org.jspecify.annotations.Nullable;

/**
 * The uploads {@link LocalMediaStorage} kept: {@code GET /api/uploads} (newest first),
 * {@code /api/uploads/detail?id=} with sample transformations, {@code /api/uploads/content?id=}
 * (the kept bytes) and {@code /api/uploads/render?id=&t=} (a transformation rendered locally).
 * Ids are query parameters: Cloudinary public ids hold slashes.
 */
final class UploadsSection {

	/** Width and height of the grid's thumbnails and of the sample fill. */
	private static final int THUMB_WIDTH = 320;

	private static final int THUMB_HEIGHT = 240;

	private final LocalMediaStorage storage;

	private final @Nullable MediaUrls urls;

	UploadsSection(LocalMediaStorage storage, @Nullable MediaUrls urls) {
		this.storage = storage;
		this.urls = urls;
	}

	ConsoleResponse handle(List<String> segments, ConsoleRequest request) {
		if (segments.isEmpty()) {
			List<LocalUpload> newestFirst = new ArrayList<>(this.storage.uploads());
			Collections.reverse(newestFirst);
			return ConsoleResponse.json(newestFirst.stream().map(this::summary).toList());
		}
		String id = request.parameter("id");
		Optional<LocalUpload> found = (id != null) ? this.storage.get(id) : Optional.empty();
		if (segments.size() != 1 || found.isEmpty()) {
			return ConsoleResponse.error(404, "No kept upload has this id (only the newest are kept)");
		}
		LocalUpload upload = found.get();
		return switch (segments.get(0)) {
			case "detail" -> ConsoleResponse.json(detail(upload));
			case "content" -> content(upload);
			case "render" -> render(upload, request.parameter("t"));
			default -> ConsoleResponse.notFound();
		};
	}

	private Map<String, Object> summary(LocalUpload upload) {
		UploadResult result = upload.result();
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("id", upload.id());
		item.put("path", result.path());
		item.put("url", url(result.path(), Transformation.create()));
		item.put("size", result.bytes());
		item.put("width", result.width());
		item.put("height", result.height());
		item.put("format", result.format());
		item.put("resourceType", result.resourceType().name().toLowerCase(java.util.Locale.ROOT));
		item.put("folder", upload.folder());
		item.put("fileName", upload.fileName());
		item.put("tags", upload.tags());
		item.put("sourceUrl", upload.sourceUrl());
		item.put("uploadedAt", upload.uploadedAt().toString());
		boolean image = renderable(upload);
		item.put("contentKept", upload.content() != null);
		item.put("thumbnail", image ? "api/uploads/render?t=thumb&id=" + encode(upload.id()) : null);
		return item;
	}

	private Map<String, Object> detail(LocalUpload upload) {
		Map<String, Object> item = summary(upload);
		String path = upload.result().path();
		boolean image = renderable(upload);
		String id = encode(upload.id());
		List<Map<String, Object>> samples = new ArrayList<>();
		samples.add(sample("fill", "Fill 400×300",
				url(path, Transformation.create().width(400).height(300).crop(Crop.FILL)),
				image ? "api/uploads/render?t=fill&id=" + id : null,
				"scaled to cover 400×300 and cropped around the centre"));
		samples.add(sample("face", "Face crop 200×200",
				url(path, Transformation.create().width(200).height(200).crop(Crop.THUMB).gravity(Gravity.FACE)),
				null, "face detection happens at the provider: not rendered locally"));
		samples.add(sample("auto", "f_auto, q_auto",
				url(path, Transformation.create().format(Format.AUTO).quality(Quality.AUTO)),
				image ? "api/uploads/render?t=auto&id=" + id : null,
				"the provider picks format and quality per browser; rendered here as a JPEG of quality 80"));
		item.put("transformations", samples);
		item.put("original", image ? "api/uploads/content?id=" + id : null);
		return item;
	}

	private static Map<String, Object> sample(String key, String name, @Nullable String url, @Nullable String rendered,
			String note) {
		Map<String, Object> sample = new LinkedHashMap<>();
		sample.put("key", key);
		sample.put("name", name);
		sample.put("url", url);
		sample.put("rendered", rendered);
		sample.put("note", note);
		return sample;
	}

	private @Nullable String url(String path, Transformation transformation) {
		return (this.urls != null) ? this.urls.url(path, transformation) : null;
	}

	private static boolean renderable(LocalUpload upload) {
		return upload.content() != null && upload.result().width() != null;
	}

	private static ConsoleResponse content(LocalUpload upload) {
		byte[] content = upload.content();
		if (content == null) {
			return ConsoleResponse.error(404, "The content of this upload was not kept (larger than "
					+ "saas.media.capture.max-bytes, or uploaded from a URL)");
		}
		String type = (upload.contentType() != null) ? upload.contentType() : "application/octet-stream";
		// an SVG or HTML upload must not run as a page of the application
		return ConsoleResponse.bytes(200, type, content)
			.header("Content-Security-Policy", "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox");
	}

	private static ConsoleResponse render(LocalUpload upload, @Nullable String transformation) {
		BufferedImage image = (upload.content() != null) ? LocalImages.read(upload.content()) : null;
		if (image == null) {
			return ConsoleResponse.error(404, "This upload is not an image whose bytes were kept");
		}
		if ("thumb".equals(transformation)) {
			return ConsoleResponse.bytes(200, "image/png", LocalImages.fill(image, THUMB_WIDTH, THUMB_HEIGHT));
		}
		if ("fill".equals(transformation)) {
			return ConsoleResponse.bytes(200, "image/png", LocalImages.fill(image, 400, 300));
		}
		if ("auto".equals(transformation)) {
			return ConsoleResponse.bytes(200, "image/jpeg", LocalImages.jpeg(image, 0.8f));
		}
		return ConsoleResponse.error(400, "t must be thumb, fill or auto");
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
