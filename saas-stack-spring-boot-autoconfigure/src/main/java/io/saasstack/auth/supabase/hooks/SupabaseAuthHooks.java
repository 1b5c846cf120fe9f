package io.saasstack.auth.supabase.hooks;

import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.core.LogLines;
import io.saasstack.core.SaasJson;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.webhooks.VerifiedWebhook;
import io.saasstack.webhooks.WebhookAnswerer;
import io.saasstack.webhooks.WebhookResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Answers the Supabase Auth HTTP hooks the application handles, in the shapes Supabase Auth reads
 * ({@code supabase/auth:internal/hooks/v0hooks}; Supabase's auth hook documentation):
 * <ul>
 * <li>custom access token, with a {@link SupabaseAccessTokenHook}: {@code {"claims":{...}}};</li>
 * <li>MFA verification attempt, with a {@link SupabaseMfaVerificationHook}:
 * {@code {"decision":"continue"}} or {@code {"decision":"reject","message":"..."}};</li>
 * <li>password verification attempt, with a {@link SupabasePasswordVerificationHook}: the same,
 * with {@code "should_logout_user"} on a rejection;</li>
 * <li>send email, with a {@link SupabaseSendEmailHook}: {@code {}} once Resend accepted every
 * message.</li>
 * </ul>
 * A hook without its callback keeps the usual {@code {}} answer. Errors are answered
 * {@code {"error":{"http_code":N,"message":"..."}}} with status 200: Supabase reads that body only
 * from a 2xx answer (any other status becomes its generic "Unexpected status code returned from
 * hook"), and then answers its own caller with {@code http_code} and {@code message}. So a
 * {@link SupabaseHookRejection} reaches the user as thrown; claims Supabase would refuse, a
 * failed callback and a failed send answer 500 (429 when Resend rate-limits) with a message that
 * names no value, and are logged at WARN.
 * <p>
 * The hook is recognised by {@code metadata.name} ({@code customize-access-token},
 * {@code send-email}, {@code mfa-verification}, {@code password-verification}), else by its
 * fields, as the payloads of Supabase's documentation carry no metadata.
 *
 * @since 0.1.0
 */
public final class SupabaseAuthHooks implements WebhookAnswerer {

	private static final Log logger = LogFactory.getLog(SupabaseAuthHooks.class);

	private final @Nullable SupabaseAccessTokenHook accessTokenHook;

	private final @Nullable SupabaseMfaVerificationHook mfaVerificationHook;

	private final @Nullable SupabasePasswordVerificationHook passwordVerificationHook;

	private final @Nullable SupabaseSendEmailHook sendEmailHook;

	/**
	 * @param accessTokenHook the claims of access tokens, or null
	 * @param mfaVerificationHook the decision on MFA attempts, or null
	 * @param passwordVerificationHook the decision on password attempts, or null
	 * @param sendEmailHook the sender of Supabase's emails, or null
	 */
	public SupabaseAuthHooks(@Nullable SupabaseAccessTokenHook accessTokenHook,
			@Nullable SupabaseMfaVerificationHook mfaVerificationHook,
			@Nullable SupabasePasswordVerificationHook passwordVerificationHook,
			@Nullable SupabaseSendEmailHook sendEmailHook) {
		this.accessTokenHook = accessTokenHook;
		this.mfaVerificationHook = mfaVerificationHook;
		this.passwordVerificationHook = passwordVerificationHook;
		this.sendEmailHook = sendEmailHook;
	}

	/** The hooks of Supabase Auth this class answers. */
	enum Hook {

		ACCESS_TOKEN, MFA_VERIFICATION, PASSWORD_VERIFICATION, SEND_EMAIL, OTHER

	}

	@Override
	public @Nullable Answer answer(String provider, String type, VerifiedWebhook webhook, Map<String, Object> payload) {
		if (!"supabase".equals(provider)) {
			return null;
		}
		Hook hook = hook(payload);
		try {
			return switch (hook) {
				case ACCESS_TOKEN -> (this.accessTokenHook != null) ? accessToken(this.accessTokenHook, payload) : null;
				case MFA_VERIFICATION -> (this.mfaVerificationHook != null)
						? decision(this.mfaVerificationHook.decide(mfaAttempt(payload)), false) : null;
				case PASSWORD_VERIFICATION -> (this.passwordVerificationHook != null)
						? decision(this.passwordVerificationHook.decide(passwordAttempt(payload)), true) : null;
				case SEND_EMAIL -> (this.sendEmailHook != null) ? sendEmail(this.sendEmailHook, webhook, payload) : null;
				case OTHER -> null;
			};
		}
		catch (SupabaseHookRejection ex) {
			return error(ex.getHttpCode(), ex.getMessage());
		}
		catch (SaasRateLimitException ex) {
			logger.warn(LogLines.oneLine("The Supabase " + name(hook) + " hook (webhook-id " + webhook.id()
					+ ") was rate-limited: " + ex.getMessage()));
			return error(429, "Too many requests, try again later.");
		}
		catch (RuntimeException ex) {
			logger.warn(LogLines.oneLine("The Supabase " + name(hook) + " hook (webhook-id " + webhook.id()
					+ ") failed and was answered with an error: " + ex.getMessage()), ex);
			return error(500, "The " + name(hook) + " hook failed.");
		}
	}

	static Hook hook(Map<String, Object> payload) {
		Object name = (payload.get("metadata") instanceof Map<?, ?> metadata) ? metadata.get("name") : null;
		if (name instanceof String hookName) {
			return switch (hookName) {
				case "customize-access-token", "custom-access-token" -> Hook.ACCESS_TOKEN;
				case "mfa-verification" -> Hook.MFA_VERIFICATION;
				case "password-verification" -> Hook.PASSWORD_VERIFICATION;
				case "send-email" -> Hook.SEND_EMAIL;
				default -> Hook.OTHER;
			};
		}
		if (payload.containsKey("email_data")) {
			return Hook.SEND_EMAIL;
		}
		if (payload.containsKey("claims") && payload.containsKey("authentication_method")) {
			return Hook.ACCESS_TOKEN;
		}
		if (payload.containsKey("factor_id")) {
			return Hook.MFA_VERIFICATION;
		}
		if (payload.containsKey("valid") && payload.containsKey("user_id")) {
			return Hook.PASSWORD_VERIFICATION;
		}
		return Hook.OTHER;
	}

	@SuppressWarnings("unchecked")
	private static Answer accessToken(SupabaseAccessTokenHook hook, Map<String, Object> payload) {
		if (!(payload.get("claims") instanceof Map<?, ?> claims)) {
			throw new IllegalArgumentException("the payload has no claims object");
		}
		SupabaseAccessTokenRequest request = new SupabaseAccessTokenRequest(text(payload, "user_id"),
				text(payload, "authentication_method"), (Map<String, Object>) claims);
		Map<String, ?> changes = hook.claims(request);
		if (changes == null) {
			throw new IllegalStateException("the SupabaseAccessTokenHook returned null instead of a map");
		}
		Map<String, Object> result;
		try {
			result = SupabaseAccessTokenClaims.apply(request.claims(), changes);
		}
		catch (IllegalArgumentException ex) {
			// the application's bug: Supabase would refuse the token anyway, with a vaguer message
			logger.warn("The SupabaseAccessTokenHook was refused: " + ex.getMessage());
			return error(500, "The access token hook returned claims Supabase refuses: " + ex.getMessage());
		}
		return ok(Map.of("claims", result));
	}

	private static SupabaseMfaVerificationHook.Attempt mfaAttempt(Map<String, Object> payload) {
		return new SupabaseMfaVerificationHook.Attempt(text(payload, "user_id"), text(payload, "factor_id"),
				(payload.get("factor_type") instanceof String type) ? type : null, valid(payload));
	}

	private static SupabasePasswordVerificationHook.Attempt passwordAttempt(Map<String, Object> payload) {
		return new SupabasePasswordVerificationHook.Attempt(text(payload, "user_id"), valid(payload));
	}

	private static Answer decision(SupabaseHookDecision decision, boolean password) {
		if (decision == null) {
			throw new IllegalStateException("the hook returned null instead of a decision");
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("decision", decision.reject() ? "reject" : "continue");
		if (decision.reject()) {
			body.put("message", decision.message());
			if (password) {
				// a boolean: Supabase decodes it into a bool (the documentation's example shows a string)
				body.put("should_logout_user", decision.logOutUser());
			}
		}
		return ok(body);
	}

	private static Answer sendEmail(SupabaseSendEmailHook hook, VerifiedWebhook webhook, Map<String, Object> payload) {
		if (webhook.id() == null) {
			throw new IllegalArgumentException("the hook has no webhook-id");
		}
		hook.send(webhook.id(), SupabaseEmailRequest.of(payload));
		return ok(Map.of());
	}

	private static String text(Map<String, Object> payload, String field) {
		if (payload.get(field) instanceof String value && !value.isEmpty()) {
			return value;
		}
		throw new IllegalArgumentException("the payload has no " + field);
	}

	private static boolean valid(Map<String, Object> payload) {
		if (payload.get("valid") instanceof Boolean valid) {
			return valid;
		}
		throw new IllegalArgumentException("the payload has no boolean valid");
	}

	private static String name(Hook hook) {
		return switch (hook) {
			case ACCESS_TOKEN -> "custom access token";
			case MFA_VERIFICATION -> "MFA verification attempt";
			case PASSWORD_VERIFICATION -> "password verification attempt";
			case SEND_EMAIL -> "send email";
			case OTHER -> "auth";
		};
	}

	private static Answer ok(Map<String, ?> body) {
		return new Answer(WebhookResponse.json(200, SaasJson.mapper().writeValueAsString(body)), false);
	}

	static Answer error(int httpCode, String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("http_code", httpCode);
		error.put("message", message);
		return new Answer(WebhookResponse.json(200, SaasJson.mapper().writeValueAsString(Map.of("error", error))),
				true);
	}

	@Override
	public String toString() {
		return "SupabaseAuthHooks[accessToken=" + (this.accessTokenHook != null) + ", mfaVerification="
				+ (this.mfaVerificationHook != null) + ", passwordVerification="
				+ (this.passwordVerificationHook != null) + ", sendEmail=" + (this.sendEmailHook != null) + "]";
	}

}
