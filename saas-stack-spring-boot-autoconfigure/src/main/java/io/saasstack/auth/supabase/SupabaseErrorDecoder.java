package io.saasstack.auth.supabase;

import java.util.Set;


import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.ProviderErrorDecoder;

/**
 * Decodes Supabase Auth (GoTrue) errors (reference {@code auth-supabase.md} §6 "Errors" and §8
 * "Surprises" 4; vectors {@code supabase/error-shape}).
 * <p>
 * Three body shapes are read:
 * <ul>
 * <li>legacy (no or an older {@code X-Supabase-Api-Version}):
 * {@code {"code":<http status int>,"error_code":"<code>","msg":"<text>","error_id":"<id>"}};</li>
 * <li>{@code X-Supabase-Api-Version: 2024-01-01}: {@code {"code":"<code>","message":"<text>"}}, a
 * string {@code code} and {@code message}, not {@code msg};</li>
 * <li>OAuth-style endpoints: {@code {"error":"<code>","error_description":"<text>"}}.</li>
 * </ul>
 * The code is the string {@code code}, else {@code error_code}, else the OAuth {@code error},
 * else the {@code x-sb-error-code} header GoTrue always sends. The message is {@code msg}, else
 * {@code message}, else {@code error_description} (the order of auth-js), else a snippet of a
 * non-JSON body. The request id is {@code error_id} (legacy 5xx only); otherwise the client's
 * request-id headers apply.
 * <p>
 * Retry verdicts: 500–504 and 520–530 are retryable, as in auth-js (so 501 too, unlike the
 * client's default classification); {@code over_request_rate_limit} is rate-limited and
 * retryable. {@code over_email_send_rate_limit} and {@code over_sms_send_rate_limit} are
 * rate-limited but not retryable: GoTrue sends them for a per-user cooldown ("you can only
 * request this once every 60 seconds") or the project's hourly email/SMS limit, which a retry
 * within the retry policy's bounds cannot outwait. Anything else is left to the HTTP status.
 *
 * @since 0.1.0
 */
public final class SupabaseErrorDecoder implements ProviderErrorDecoder {

	/** A shared instance; the decoder is stateless. */
	public static final SupabaseErrorDecoder INSTANCE = new SupabaseErrorDecoder();

	/** The header GoTrue sets on every error with its error code. */
	public static final String ERROR_CODE_HEADER = "x-sb-error-code";

	private static final String OVER_REQUEST_RATE_LIMIT = "over_request_rate_limit";

	private static final Set<String> SEND_RATE_LIMITS = Set.of("over_email_send_rate_limit",
			"over_sms_send_rate_limit");

	public SupabaseErrorDecoder() {
	}

	@Override
	public ProviderError decode(ErrorResponse response) {
		String code = ErrorResponse.firstOf(response.string("code"), response.text("error_code"), response.text("error"),
				response.header(ERROR_CODE_HEADER));
		String message = ErrorResponse.firstOf(response.text("msg"), response.text("message"), response.text("error_description"),
				response.snippetIfNotJson());
		ProviderError error = ProviderError.of(code, message, response.text("error_id"));
		if (OVER_REQUEST_RATE_LIMIT.equals(code)) {
			return error.asRateLimited().withRetryable(true);
		}
		if (code != null && SEND_RATE_LIMITS.contains(code)) {
			return error.asRateLimited().withRetryable(false);
		}
		if (isRetryableStatus(response.status())) {
			return error.withRetryable(true);
		}
		return error;
	}

	/** 500–504 and 520–530, the statuses auth-js treats as retryable. */
	static boolean isRetryableStatus(int status) {
		return (status >= 500 && status <= 504) || (status >= 520 && status <= 530);
	}

	/** The 2024-01-01 {@code code}, which is a string; the legacy one is the HTTP status number. */



}
