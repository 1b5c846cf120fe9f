package io.saasstack.core;

/**
 * Turns a provider's error response into a {@link ProviderError}. Implementations must not
 * throw: whatever the body, return the best description available.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProviderErrorDecoder {

	/**
	 * A decoder for APIs with no documented error format: it reads the usual fields
	 * ({@code message}, {@code error}, {@code code}, ...) and the usual request-id headers.
	 */
	ProviderErrorDecoder GENERIC = GenericErrorDecoder::decode;

	ProviderError decode(ErrorResponse response);

}
