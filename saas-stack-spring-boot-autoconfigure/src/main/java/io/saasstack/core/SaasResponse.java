package io.saasstack.core;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * A successful provider response: status, headers, decoded body and rate-limit information.
 *
 * @param <T> the body type
 * @param status HTTP status code
 * @param headers response headers
 * @param body decoded body, null for an empty body or a {@code Void} response
 * @param rateLimit rate-limit headers of the response
 * @param requestId provider request or trace id, when sent
 * @since 0.1.0
 */
public record SaasResponse<T>(int status, HttpHeaders headers, @Nullable T body, RateLimit rateLimit,
		@Nullable String requestId) {

}
