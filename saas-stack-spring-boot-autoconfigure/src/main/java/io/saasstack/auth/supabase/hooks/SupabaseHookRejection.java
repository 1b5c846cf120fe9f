package io.saasstack.auth.supabase.hooks;

import org.springframework.util.Assert;

/**
 * Thrown by a hook callback to refuse what Supabase asked for: Supabase gets
 * {@code {"error":{"http_code":<status>,"message":<message>}}} and answers its own caller with
 * that status and message, so the message must suit the end user.
 *
 * @since 0.1.0
 */
public class SupabaseHookRejection extends RuntimeException {

	private final int httpCode;

	/**
	 * @param httpCode the status Supabase answers with, 400 to 599
	 * @param message the message shown to the end user
	 */
	public SupabaseHookRejection(int httpCode, String message) {
		super(message);
		Assert.isTrue(httpCode >= 400 && httpCode <= 599, "httpCode must be between 400 and 599");
		Assert.hasText(message, "message must not be empty");
		this.httpCode = httpCode;
	}

	/** The status Supabase answers with. */
	public int getHttpCode() {
		return this.httpCode;
	}

}
