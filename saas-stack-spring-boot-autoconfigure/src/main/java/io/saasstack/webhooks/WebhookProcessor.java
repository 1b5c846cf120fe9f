package io.saasstack.webhooks;

import java.security.MessageDigest;
import java.time.Clock;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.core.LogLines;
import io.saasstack.core.SaasJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.util.Assert;

/**
 * Processes a webhook request, for the servlet and the reactive endpoints alike:
 * <ol>
 * <li>verifies the signature on the raw bytes: a {@link WebhookVerificationException} answers 401,
 * nothing is published;</li>
 * <li>checks the message id with the {@link WebhookReplayGuard} (the SHA-256 of the body when the
 * scheme has no id, as Cloudinary's): a replay is acknowledged with the usual 2xx, not published
 * again;</li>
 * <li>parses the JSON body: anything but a JSON object answers 400;</li>
 * <li>publishes {@link WebhookReceived}, then the typed event when there is one
 * ({@link ClerkUserEvent}, {@link ClerkSessionEvent}, {@link ResendEmailEvent},
 * {@link MediaUploadEvent}).</li>
 * </ol>
 * A listener's exception is logged at WARN (never the body) and the request is still acknowledged,
 * since the provider would otherwise retry a message that was received; with
 * {@code failOnListenerError} it answers 500 instead, and the id is released from the replay guard
 * so that the provider's retry is processed again.
 * <p>
 * Answers 204, except Supabase Auth hooks: 200 with {@code {}}, the response the send-email and
 * send-SMS hooks expect, unless a {@link WebhookAnswerer} answers the hook (the Supabase hooks
 * whose answer carries data: custom access token, MFA and password verification attempts, and
 * the send-email hook routed through the mail client). An answerer runs on the first delivery of
 * a message only, before the events are published; an answer with an error releases the id from
 * the replay guard. The Supabase event type is the hook kind:
 * {@code metadata.name} when present, else {@code send_email}, {@code send_sms},
 * {@code custom_access_token}, {@code mfa_verification_attempt},
 * {@code password_verification_attempt} from the payload's fields, else {@code hook}.
 *
 * @since 0.1.0
 */
public class WebhookProcessor {

	/** The largest body the endpoints read (1 MiB): webhooks are small, a larger body gets 413. */
	public static final int MAX_BODY_BYTES = 1024 * 1024;

	private static final Log logger = LogFactory.getLog(WebhookProcessor.class);

	private static final WebhookResponse UNAUTHORIZED = WebhookResponse.text(401, "invalid webhook signature");

	private static final WebhookResponse MALFORMED = WebhookResponse.text(400, "malformed webhook payload");

	private static final WebhookResponse LISTENER_FAILED = WebhookResponse.text(500, "webhook listener failed");

	private final ApplicationEventPublisher publisher;

	private final WebhookReplayGuard replayGuard;

	private final boolean failOnListenerError;

	private final List<WebhookAnswerer> answerers;

	private final WebhookRecorder recorder;

	private final Clock clock;

	public WebhookProcessor(ApplicationEventPublisher publisher, WebhookReplayGuard replayGuard,
			boolean failOnListenerError) {
		this(publisher, replayGuard, failOnListenerError, List.of(), WebhookRecorder.NONE);
	}

	/**
	 * @param publisher publishes the events
	 * @param replayGuard remembers the ids of processed messages
	 * @param failOnListenerError whether a failed listener answers 500
	 * @param answerers asked in order for the answer of a verified, first-time message
	 */
	public WebhookProcessor(ApplicationEventPublisher publisher, WebhookReplayGuard replayGuard,
			boolean failOnListenerError, List<WebhookAnswerer> answerers) {
		this(publisher, replayGuard, failOnListenerError, answerers, WebhookRecorder.NONE);
	}

	/**
	 * @param recorder told of the outcome of every request
	 */
	public WebhookProcessor(ApplicationEventPublisher publisher, WebhookReplayGuard replayGuard,
			boolean failOnListenerError, WebhookRecorder recorder) {
		this(publisher, replayGuard, failOnListenerError, List.of(), recorder);
	}

	/**
	 * @param publisher publishes the events
	 * @param replayGuard remembers the ids of processed messages
	 * @param failOnListenerError whether a failed listener answers 500
	 * @param answerers asked in order for the answer of a verified, first-time message
	 * @param recorder told of the outcome of every request
	 */
	public WebhookProcessor(ApplicationEventPublisher publisher, WebhookReplayGuard replayGuard,
			boolean failOnListenerError, List<WebhookAnswerer> answerers, WebhookRecorder recorder) {
		Assert.notNull(recorder, "recorder must not be null");
		this.publisher = publisher;
		this.replayGuard = replayGuard;
		this.failOnListenerError = failOnListenerError;
		this.answerers = List.copyOf(answerers);
		this.recorder = recorder;
		this.clock = Clock.systemUTC();
	}

	/**
	 * Processes one request.
	 * @param endpoint the endpoint it was sent to
	 * @param headers the request headers
	 * @param body the raw body, exactly as received
	 * @return the response to send
	 */
	public WebhookResponse process(WebhookEndpoint endpoint, HttpHeaders headers, byte[] body) {
		String provider = endpoint.provider();
		VerifiedWebhook verified;
		try {
			verified = endpoint.verifier().verify(headers, body);
		}
		catch (WebhookVerificationException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug(LogLines.oneLine(ex.getMessage()));
			}
			record(provider, null, null, WebhookOutcome.Result.REFUSED, ex.getMessage());
			return UNAUTHORIZED;
		}
		byte[] raw = verified.body();
		String replayKey = (verified.id() != null) ? verified.id() : "sha256:" + sha256(raw);
		if (!this.replayGuard.firstDelivery(provider, replayKey)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Ignoring a replayed " + provider + " webhook " + LogLines.oneLine(replayKey));
			}
			record(provider, null, verified.id(), WebhookOutcome.Result.REPLAYED, null);
			return success(provider);
		}
		Map<String, Object> payload = parse(raw);
		if (payload == null) {
			this.replayGuard.release(provider, replayKey);
			record(provider, null, verified.id(), WebhookOutcome.Result.MALFORMED, "the body is not a JSON object");
			return MALFORMED;
		}
		String type = type(provider, payload);
		WebhookAnswerer.Answer answer = answer(provider, type, verified, payload);
		boolean failed = !publish(new WebhookReceived(provider, verified.id(), type, payload, raw), provider, type,
				verified.id());
		Object typed = typedEvent(provider, type, payload);
		if (typed != null) {
			failed |= !publish(typed, provider, type, verified.id());
		}
		record(provider, type, verified.id(),
				failed ? WebhookOutcome.Result.LISTENER_FAILED : WebhookOutcome.Result.PUBLISHED,
				failed ? "a listener failed (see the WARN log)" : null);
		if (failed && this.failOnListenerError) {
			this.replayGuard.release(provider, replayKey);
			return LISTENER_FAILED;
		}
		if (answer != null) {
			if (answer.failed()) {
				this.replayGuard.release(provider, replayKey);
			}
			return answer.response();
		}
		return success(provider);
	}

	private WebhookAnswerer.@Nullable Answer answer(String provider, String type, VerifiedWebhook verified,
			Map<String, Object> payload) {
		for (WebhookAnswerer answerer : this.answerers) {
			WebhookAnswerer.Answer answer = answerer.answer(provider, type, verified, payload);
			if (answer != null) {
				return answer;
			}
		}
		return null;
	}

	private void record(String provider, @Nullable String type, @Nullable String id, WebhookOutcome.Result result,
			@Nullable String reason) {
		try {
			this.recorder.record(new WebhookOutcome(this.clock.instant(), provider, type, id, result, reason));
		}
		catch (RuntimeException ex) {
			logger.warn("The webhook recorder failed", ex);
		}
	}

	private static WebhookResponse success(String provider) {
		return "supabase".equals(provider) ? WebhookResponse.json(200, "{}") : WebhookResponse.noContent();
	}

	private boolean publish(Object event, String provider, String type, @Nullable String id) {
		try {
			this.publisher.publishEvent(event);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn(LogLines.oneLine("A listener of " + event.getClass().getSimpleName() + " failed on the "
					+ provider + " webhook " + type + " (id " + id + ")"), ex);
			return false;
		}
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Map<String, Object> parse(byte[] raw) {
		try {
			Object value = SaasJson.mapper().readValue(raw, Object.class);
			return (value instanceof Map<?, ?> map) ? Collections.unmodifiableMap((Map<String, Object>) map) : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	static String type(String provider, Map<String, Object> payload) {
		return switch (provider) {
			case "cloudinary" -> orElse(string(payload, "notification_type"), "unknown");
			case "supabase" -> supabaseHook(payload);
			default -> orElse(string(payload, "type"), "unknown");
		};
	}

	private static String supabaseHook(Map<String, Object> payload) {
		String name = string(map(payload, "metadata"), "name");
		if (name != null) {
			return name;
		}
		if (payload.containsKey("email_data")) {
			return "send_email";
		}
		if (payload.containsKey("sms")) {
			return "send_sms";
		}
		if (payload.containsKey("claims")) {
			return "custom_access_token";
		}
		if (payload.containsKey("factor_id")) {
			return "mfa_verification_attempt";
		}
		if (payload.containsKey("valid")) {
			return "password_verification_attempt";
		}
		return orElse(string(payload, "type"), "hook");
	}

	static @Nullable Object typedEvent(String provider, String type, Map<String, Object> payload) {
		Map<String, Object> data = map(payload, "data");
		switch (provider) {
			case "clerk" -> {
				String id = string(data, "id");
				if (id == null) {
					return null;
				}
				if (type.equals("user.created") || type.equals("user.updated") || type.equals("user.deleted")) {
					return new ClerkUserEvent(type, id, primaryEmail(data), data);
				}
				if (type.startsWith("session.")) {
					return new ClerkSessionEvent(type, id, string(data, "user_id"));
				}
				return null;
			}
			case "resend" -> {
				String emailId = string(data, "email_id");
				if (!type.startsWith("email.") || emailId == null) {
					return null;
				}
				Map<String, Object> bounce = map(data, "bounce");
				return new ResendEmailEvent(type, emailId, strings(data.get("to")), string(data, "subject"),
						tags(data.get("tags")),
						bounce.isEmpty() ? null
								: new ResendEmailEvent.Bounce(string(bounce, "type"), string(bounce, "subType"),
										string(bounce, "message")),
						type.equals("email.complained"), string(map(data, "failed"), "reason"), data);
			}
			case "imagekit" -> {
				if (!type.startsWith("upload.") && !type.startsWith("file.")) {
					return null;
				}
				return new MediaUploadEvent(provider, type, firstNonNull(string(data, "fileId"), string(data, "id")),
						string(data, "url"), payload);
			}
			case "cloudinary" -> {
				if (!type.equals("upload")) {
					return null;
				}
				return new MediaUploadEvent(provider, type, string(payload, "public_id"),
						firstNonNull(string(payload, "secure_url"), string(payload, "url")), payload);
			}
			default -> {
				return null;
			}
		}
	}

	private static @Nullable String primaryEmail(Map<String, Object> data) {
		String primaryId = string(data, "primary_email_address_id");
		if (primaryId == null || !(data.get("email_addresses") instanceof List<?> addresses)) {
			return null;
		}
		for (Object address : addresses) {
			if (address instanceof Map<?, ?> map && primaryId.equals(map.get("id"))
					&& map.get("email_address") instanceof String email) {
				return email;
			}
		}
		return null;
	}

	private static Map<String, String> tags(@Nullable Object tags) {
		Map<String, String> result = new LinkedHashMap<>();
		if (tags instanceof Map<?, ?> map) {
			map.forEach((name, value) -> {
				if (value != null) {
					result.put(String.valueOf(name), String.valueOf(value));
				}
			});
		}
		else if (tags instanceof List<?> list) {
			// the request shape [{name, value}], in case a delivery uses it
			for (Object tag : list) {
				if (tag instanceof Map<?, ?> map && map.get("name") != null && map.get("value") != null) {
					result.put(String.valueOf(map.get("name")), String.valueOf(map.get("value")));
				}
			}
		}
		return Collections.unmodifiableMap(result);
	}

	private static List<String> strings(@Nullable Object value) {
		if (value instanceof String single) {
			return List.of(single);
		}
		List<String> result = new ArrayList<>();
		if (value instanceof List<?> list) {
			for (Object item : list) {
				if (item != null) {
					result.add(String.valueOf(item));
				}
			}
		}
		return List.copyOf(result);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Map<String, Object> source, String key) {
		return (source.get(key) instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
	}

	private static @Nullable String string(Map<String, Object> source, String key) {
		Object value = source.get(key);
		return (value instanceof String || value instanceof Number || value instanceof Boolean)
				? String.valueOf(value) : null;
	}

	private static String orElse(@Nullable String value, String fallback) {
		return (value != null) ? value : fallback;
	}

	private static @Nullable String firstNonNull(@Nullable String value, @Nullable String fallback) {
		return (value != null) ? value : fallback;
	}

	private static String sha256(byte[] raw) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
