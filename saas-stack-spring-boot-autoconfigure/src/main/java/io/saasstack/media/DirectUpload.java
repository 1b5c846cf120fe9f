package io.saasstack.media;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a browser needs to upload a file straight to the provider, without the file passing
 * through the application: the URL to post the multipart form to and the signed fields to add.
 *
 * @param uploadUrl where the browser posts the file
 * @param fields form fields to send with the file (signature, timestamp or token, key, ...)
 * @param expiresAt when the signature stops being accepted
 * @since 0.1.0
 */
public record DirectUpload(String uploadUrl, Map<String, String> fields, Instant expiresAt) {

	public DirectUpload {
		fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
	}

}
