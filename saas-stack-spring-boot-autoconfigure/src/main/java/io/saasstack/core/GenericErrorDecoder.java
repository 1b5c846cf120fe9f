package io.saasstack.core;

import org.jspecify.annotations.Nullable;

/**
 * Best-effort decoding of error bodies with the common field names.
 */
final class GenericErrorDecoder {

	private static final String[] REQUEST_ID_HEADERS = { "x-request-id", "request-id", "x-amzn-requestid",
			"cf-ray" };

	private GenericErrorDecoder() {
	}

	static ProviderError decode(ErrorResponse response) {
		String code = ErrorResponse.firstOf(response.text("code"), response.text("error_code"), response.text("name"),
				response.text("error", "code"), response.text("error"));
		String message = ErrorResponse.firstOf(response.text("message"), response.text("error", "message"), response.text("msg"),
				response.text("error_description"), response.snippetIfNotJson());
		return ProviderError.of(code, message, requestId(response));
	}

	static @Nullable String requestId(ErrorResponse response) {
		for (String header : REQUEST_ID_HEADERS) {
			String value = response.header(header);
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}


}
