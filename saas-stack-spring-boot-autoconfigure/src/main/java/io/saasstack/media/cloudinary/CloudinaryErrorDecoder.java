package io.saasstack.media.cloudinary;


import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.ProviderErrorDecoder;

/**
 * Decodes Cloudinary Upload and Admin API errors (reference {@code media-cloudinary.md} §6 "Admin
 * API", "Errors", and the delivery-error note below it).
 * <p>
 * The body is {@code {"error":{"message":"…"}}}; the message is kept whole, since it often holds
 * the string Cloudinary expected to be signed ("Invalid Signature … String to sign - '…'"), the
 * key to debugging signature errors. Cloudinary sends no error code, so the code is null. When
 * the body has no message (empty, or not JSON), the {@code X-Cld-Error} header, where Cloudinary
 * puts delivery errors, is the message, and failing that a snippet of the body. The request id
 * is left to the client's request-id headers ({@code X-Request-Id}).
 * <p>
 * Status 420 is Cloudinary's "rate limited" (the official Java SDK maps it to
 * {@code RateLimited}): it is marked rate-limited and retryable, so that the client raises a
 * {@link io.saasstack.core.SaasRateLimitException} and waits for the reset sent in the
 * {@code X-FeatureRateLimit-*} headers ({@link CloudinaryRateLimitParser}).
 *
 * @since 0.1.0
 * @see CloudinaryRateLimitParser
 */
public final class CloudinaryErrorDecoder implements ProviderErrorDecoder {

	/** A shared instance; the decoder is stateless. */
	public static final CloudinaryErrorDecoder INSTANCE = new CloudinaryErrorDecoder();

	/** Cloudinary's non-standard "rate limited" status. */
	public static final int RATE_LIMITED_STATUS = 420;

	/** The header holding delivery (CDN) errors. */
	public static final String ERROR_HEADER = "X-Cld-Error";

	public CloudinaryErrorDecoder() {
	}

	@Override
	public ProviderError decode(ErrorResponse response) {
		String message = ErrorResponse.firstOf(response.text("error", "message"), response.text("error"), response.text("message"),
				response.header(ERROR_HEADER), response.snippetIfNotJson());
		ProviderError error = ProviderError.of(null, message, null);
		if (response.status() == RATE_LIMITED_STATUS) {
			return error.asRateLimited().withRetryable(true);
		}
		return error;
	}



}
