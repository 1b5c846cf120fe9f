package io.saasstack.media.imagekit;

import org.jspecify.annotations.Nullable;

import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.ProviderErrorDecoder;

/**
 * Decodes ImageKit API errors (reference {@code media-imagekit.md} §4 "Upload (V1) and management
 * API", "Errors").
 * <p>
 * The body is {@code {"message":"…","help":"…"}}: the message is {@code message}; {@code help} is
 * a fixed support pointer ("For support kindly contact us at support@imagekit.io .") and is left
 * out. ImageKit sends no error code, so the code is null. A non-JSON body gives a snippet of
 * itself as message. The request id is left to the client's request-id headers.
 * <p>
 * An {@code x-should-retry: true|false} response header is the server's own retry verdict, which
 * the official v7 client honours before looking at the status; any other value, or no header,
 * leaves the decision to the HTTP status.
 *
 * @since 0.1.0
 * @see ImageKitRateLimitParser
 */
public final class ImageKitErrorDecoder implements ProviderErrorDecoder {

	/** A shared instance; the decoder is stateless. */
	public static final ImageKitErrorDecoder INSTANCE = new ImageKitErrorDecoder();

	/** The header carrying the server's retry verdict. */
	public static final String SHOULD_RETRY_HEADER = "x-should-retry";

	public ImageKitErrorDecoder() {
	}

	@Override
	public ProviderError decode(ErrorResponse response) {
		String message = response.text("message");
		if (message == null) {
			message = response.snippetIfNotJson();
		}
		ProviderError error = ProviderError.of(null, message, null);
		Boolean shouldRetry = shouldRetry(response.header(SHOULD_RETRY_HEADER));
		return (shouldRetry != null) ? error.withRetryable(shouldRetry) : error;
	}

	private static @Nullable Boolean shouldRetry(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.equalsIgnoreCase("true")) {
			return Boolean.TRUE;
		}
		if (trimmed.equalsIgnoreCase("false")) {
			return Boolean.FALSE;
		}
		return null;
	}

}
