package io.saasstack.media.autoconfigure;

import io.saasstack.core.autoconfigure.JsonBindingRuntimeHints;

/**
 * Native-image hints of the media area: the Cloudinary and ImageKit response bodies Jackson
 * reads by reflection (named: they are private to their client).
 */
class MediaRuntimeHints extends JsonBindingRuntimeHints {

	MediaRuntimeHints() {
		super("io.saasstack.media.cloudinary.CloudinaryStorage$UploadBody",
				"io.saasstack.media.cloudinary.CloudinaryStorage$DestroyBody",
				"io.saasstack.media.cloudinary.CloudinaryHealthCheck$PingBody",
				"io.saasstack.media.imagekit.ImageKitStorage$UploadResponse");
	}

}
