package io.saasstack.media;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * What kind of asset an upload became, in Cloudinary's terms (its {@code resource_type}): the
 * kinds are delivered, transformed and deleted differently.
 *
 * @since 0.1.0
 */
public enum ResourceType {

	/** An image, or a PDF (both providers render PDFs as images). */
	IMAGE,

	/** A video or an audio file. */
	VIDEO,

	/** Any other file, delivered as it was uploaded. */
	RAW;

	/** Cloudinary's name of the type: {@code image}, {@code video} or {@code raw}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The type of Cloudinary's name.
	 * @throws IllegalArgumentException for a name that is none of {@code image}, {@code video} and
	 * {@code raw}
	 */
	public static ResourceType of(String id) {
		return switch (id) {
			case "image" -> IMAGE;
			case "video" -> VIDEO;
			case "raw" -> RAW;
			default -> throw new IllegalArgumentException("Unknown resource type '" + id + "'");
		};
	}

	/**
	 * The type a file name's extension suggests, null when the extension is unknown: images and
	 * PDFs are {@link #IMAGE}, videos and audio {@link #VIDEO}, anything else {@link #RAW}.
	 */
	public static @Nullable ResourceType ofFileName(@Nullable String fileName) {
		if (fileName == null || fileName.lastIndexOf('.') < 0) {
			return null;
		}
		MediaType mediaType = MediaTypeFactory.getMediaType(fileName).orElse(null);
		if (mediaType == null) {
			return null;
		}
		if ("image".equals(mediaType.getType()) || MediaType.APPLICATION_PDF.equalsTypeAndSubtype(mediaType)) {
			return IMAGE;
		}
		if ("video".equals(mediaType.getType()) || "audio".equals(mediaType.getType())) {
			return VIDEO;
		}
		return RAW;
	}

}
