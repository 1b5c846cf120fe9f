package io.saasstack.media.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

/**
 * Native-image hints of the media area: the Cloudinary and ImageKit response bodies Jackson
 * reads by reflection (named: they are private to their client).
 */
class MediaRuntimeHints implements RuntimeHintsRegistrar {

	static final String[] JSON_TYPES = {
			"io.saasstack.media.cloudinary.CloudinaryStorage$UploadBody",
			"io.saasstack.media.cloudinary.CloudinaryStorage$DestroyBody",
			"io.saasstack.media.cloudinary.CloudinaryHealthCheck$PingBody",
			"io.saasstack.media.imagekit.ImageKitStorage$UploadResponse"
	};

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();
		for (String type : JSON_TYPES) {
			bindings.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(type, classLoader));
		}
	}

}
