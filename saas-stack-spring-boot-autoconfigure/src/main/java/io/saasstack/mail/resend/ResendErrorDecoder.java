package io.saasstack.mail.resend;

import java.util.Map;
import java.util.Set;

import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.ProviderErrorDecoder;

/**
 * Decodes Resend error responses (reference {@code mail-resend.md} §7 "Error model", §6
 * "Idempotency" and §8 "Rate limits").
 * <p>
 * JSON errors are {@code {"statusCode":422,"name":"missing_required_field","message":"…"}}: the
 * code is {@code name} and the message is {@code message}. The body carries no request id, so
 * it is left to the client's request-id headers. Non-JSON bodies (the Cloudflare 403 "error
 * code: 1010" page, an empty or HTML 5xx) give a snippet of the body as message and no code.
 * <p>
 * Retry verdicts follow the table of §7, by {@code name}:
 * <ul>
 * <li>{@code rate_limit_exceeded}: rate-limited and retryable (honour {@code retry-after});</li>
 * <li>{@code daily_quota_exceeded}, {@code monthly_quota_exceeded}: rate-limited but not
 * retryable, the quota resets hours or days later;</li>
 * <li>{@code concurrent_idempotent_requests}, {@code resource_locked} (409): retryable later,
 * with the same idempotency key;</li>
 * <li>{@code application_error}, {@code internal_server_error}, {@code service_unavailable}:
 * retryable;</li>
 * <li>every other documented name ({@code validation_error}, {@code invalid_idempotent_request},
 * {@code missing_api_key}, ...): not retryable;</li>
 * <li>an unknown name or no name: no verdict, the HTTP status decides (§7: "classify by HTTP
 * status first and {@code name} second, and never fail on an unknown {@code name}").</li>
 * </ul>
 * Resend sends the standard {@code ratelimit-*} and {@code retry-after} headers, so
 * {@link io.saasstack.core.RateLimitParser#STANDARD} applies and no Resend parser is needed.
 *
 * @since 0.1.0
 */
public final class ResendErrorDecoder implements ProviderErrorDecoder {

	/** A shared instance; the decoder is stateless. */
	public static final ResendErrorDecoder INSTANCE = new ResendErrorDecoder();

	/** Quota rejections: rate limits that waiting seconds does not lift (§7 "Key surprise"). */
	private static final Set<String> QUOTAS = Set.of("daily_quota_exceeded", "monthly_quota_exceeded");

	/** The retry column of the §7 table; names not listed get no verdict. */
	private static final Map<String, Boolean> RETRYABLE = Map.ofEntries(
			// 400
			Map.entry("invalid_idempotency_key", false), Map.entry("validation_error", false),
			// 401 / 403
			Map.entry("missing_api_key", false), Map.entry("restricted_api_key", false),
			Map.entry("invalid_api_key", false), Map.entry("invalid_from_address", false),
			Map.entry("invalid_to_address", false), Map.entry("email_above_quota", false),
			Map.entry("invalid_permission", false), Map.entry("suspended_api_key", false),
			// 404 / 405
			Map.entry("not_found", false), Map.entry("method_not_allowed", false),
			// 409
			Map.entry("invalid_idempotent_request", false), Map.entry("concurrent_idempotent_requests", true),
			Map.entry("resource_locked", true),
			// 422
			Map.entry("invalid_attachment", false), Map.entry("invalid_parameter", false),
			Map.entry("missing_required_field", false), Map.entry("missing_required_parameter", false),
			Map.entry("invalid_access", false), Map.entry("invalid_region", false), Map.entry("invalid_scope", false),
			// 429
			Map.entry("daily_quota_exceeded", false), Map.entry("monthly_quota_exceeded", false),
			Map.entry("rate_limit_exceeded", true),
			// status unknown
			Map.entry("security_error", false),
			// 5xx
			Map.entry("application_error", true), Map.entry("internal_server_error", true),
			Map.entry("service_unavailable", true));

	public ResendErrorDecoder() {
	}

	@Override
	public ProviderError decode(ErrorResponse response) {
		String name = response.text("name");
		String message = response.text("message");
		if (message == null) {
			message = response.snippetIfNotJson();
		}
		ProviderError error = ProviderError.of(name, message, null);
		if (name == null) {
			return error;
		}
		Boolean retryable = RETRYABLE.get(name);
		if (retryable != null) {
			error = error.withRetryable(retryable);
		}
		if (QUOTAS.contains(name) || "rate_limit_exceeded".equals(name)) {
			error = error.asRateLimited();
		}
		return error;
	}

}
