package io.saasstack.media.cloudinary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.saasstack.media.ResourceType;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What names one Cloudinary asset: its resource type, delivery type, public id, and the version
 * and format of its delivery URL. Its text form, the id of an
 * {@link io.saasstack.media.UploadResult}, is the one Cloudinary's SDKs store for uploaded files
 * ({@code PreloadedFile}, the CarrierWave integration):
 * {@code <resource_type>/<type>/v<version>/<public_id>[.<format>]}, for example
 * {@code image/upload/v1700000001/avatars/ada.png} or {@code raw/upload/v1700000002/docs/notes.txt}
 * (a raw file has no format: its extension is part of its public id).
 * <p>
 * Any other text is a bare public id of an image of the {@code upload} type, as ids were before
 * 0.1.0 and as users write them; so a bare public id that happens to look like
 * {@code image/upload/v1/x} is read as the stored form.
 *
 * @param resourceType {@code image}, {@code video} or {@code raw}
 * @param type the delivery type, {@code upload} for uploads
 * @param version the version, or null when unknown (URLs then use Cloudinary's {@code v1} rule)
 * @param publicId the public id
 * @param format the format, or null (always null for raw files)
 * @since 0.1.0
 */
public record CloudinaryAssetId(ResourceType resourceType, String type, @Nullable Long version, String publicId,
		@Nullable String format) {

	private static final Pattern STORED = Pattern
		.compile("(image|video|raw)/(upload|private|authenticated)/v(\\d{1,18})/(.+)");

	public CloudinaryAssetId {
		Assert.notNull(resourceType, "resourceType must not be null");
		Assert.hasText(type, "type must not be empty");
		Assert.hasText(publicId, "publicId must not be empty");
		Assert.isTrue(resourceType != ResourceType.RAW || format == null,
				"a raw file has no format: its extension is part of its public id");
		format = (format != null && !format.isBlank()) ? format : null;
	}

	/**
	 * Reads an id: the stored form, or a bare public id of an uploaded image.
	 * @throws IllegalArgumentException if the id is empty
	 */
	public static CloudinaryAssetId parse(String id) {
		Assert.hasText(id, "id must not be empty");
		Matcher stored = STORED.matcher(id);
		if (!stored.matches()) {
			return new CloudinaryAssetId(ResourceType.IMAGE, "upload", null, id, null);
		}
		ResourceType resourceType = ResourceType.of(stored.group(1));
		String file = stored.group(4);
		String format = null;
		String publicId = file;
		if (resourceType != ResourceType.RAW) {
			int dot = file.lastIndexOf('.');
			if (dot > file.lastIndexOf('/') + 1 && dot < file.length() - 1) {
				publicId = file.substring(0, dot);
				format = file.substring(dot + 1);
			}
		}
		return new CloudinaryAssetId(resourceType, stored.group(2), Long.parseLong(stored.group(3)), publicId, format);
	}

	/** Whether this is an image of the {@code upload} type named by its public id alone. */
	boolean isBare() {
		return this.resourceType == ResourceType.IMAGE && "upload".equals(this.type) && this.version == null
				&& this.format == null;
	}

	/**
	 * The text form: {@code <resource_type>/<type>/v<version>/<public_id>[.<format>]} (version 1
	 * when unknown: Cloudinary delivers the current version whatever the number), or the bare
	 * public id of an uploaded image without version and format.
	 */
	public String value() {
		if (isBare()) {
			return this.publicId;
		}
		return this.resourceType.id() + "/" + this.type + "/v" + ((this.version != null) ? this.version : 1L) + "/"
				+ this.publicId + ((this.format != null) ? "." + this.format : "");
	}

}
