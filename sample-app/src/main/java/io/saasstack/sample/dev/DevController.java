package io.saasstack.sample.dev;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.logsnag.LoggingLogSnagClient;
import io.saasstack.mail.local.CapturedEmail;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.media.UploadResult;
import io.saasstack.media.local.LocalMediaStorage;
import io.saasstack.media.local.LocalUpload;
import io.saasstack.webhooks.StandardWebhookVerifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * Developer tools, only in the {@code dev} profile: mint a token for any user, simulate Clerk's
 * sign-up webhook, read what the local stand-ins kept instead of sending.
 */
@RestController
@Profile("dev")
@RequestMapping("/dev")
class DevController {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ObjectProvider<LocalTokenIssuer> tokenIssuer;

	private final ObjectProvider<CapturingMailClient> mails;

	private final ObjectProvider<LoggingLogSnagClient> events;

	private final ObjectProvider<LocalMediaStorage> uploads;

	private final EventTracker eventTracker;

	private final Environment environment;

	DevController(ObjectProvider<LocalTokenIssuer> tokenIssuer, ObjectProvider<CapturingMailClient> mails,
			ObjectProvider<LoggingLogSnagClient> events, ObjectProvider<LocalMediaStorage> uploads,
			EventTracker eventTracker, Environment environment) {
		this.tokenIssuer = tokenIssuer;
		this.eventTracker = eventTracker;
		this.mails = mails;
		this.events = events;
		this.uploads = uploads;
		this.environment = environment;
	}

	/** A token for any user, signed by the in-memory development key (text, for {@code TOKEN=$(curl ...)}). */
	@PostMapping(path = "/token", produces = MediaType.TEXT_PLAIN_VALUE)
	String token(@RequestParam(defaultValue = "user_dev") String user, @RequestParam(required = false) @Nullable String email,
			@RequestParam(required = false) @Nullable String org,
			@RequestParam(name = "org-role", defaultValue = "org:admin") String orgRole) {
		LocalToken.Builder token = LocalToken.user(user).email(email).expiresIn(Duration.ofHours(1));
		if (org != null) {
			token.organization(org, org, orgRole);
		}
		return issuer().issue(token.build());
	}

	/**
	 * What Clerk does when someone signs up: a signed {@code user.created} webhook, sent to this
	 * application's own {@code /webhooks/clerk} endpoint, which verifies it like any other.
	 */
	@PostMapping("/sign-up")
	Map<String, Object> signUp(@RequestParam(required = false) @Nullable String user, @RequestParam String email,
			@RequestParam(defaultValue = "") String name) {
		String secret = this.environment.getProperty("saas.auth.clerk.webhook-secret");
		if (secret == null) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "saas.auth.clerk.webhook-secret is not set");
		}
		String userId = (user != null) ? user : "user_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
		byte[] body = json.writeValueAsString(userCreated(userId, email, name)).getBytes(StandardCharsets.UTF_8);
		String messageId = "msg_" + UUID.randomUUID();
		long timestamp = Instant.now().getEpochSecond();
		ResponseEntity<Void> delivered = RestClient.create()
			.post()
			.uri("http://localhost:" + this.environment.getRequiredProperty("local.server.port")
					+ this.environment.getProperty("saas.webhooks.clerk.path", "/webhooks/clerk"))
			.contentType(MediaType.APPLICATION_JSON)
			.header("svix-id", messageId)
			.header("svix-timestamp", Long.toString(timestamp))
			.header("svix-signature", StandardWebhookVerifier.sign(secret, messageId, timestamp, body))
			.body(body)
			.retrieve()
			.toBodilessEntity();
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("userId", userId);
		result.put("webhookStatus", delivered.getStatusCode().value());
		result.put("token", issuer().issue(LocalToken.user(userId).email(email).build()));
		return result;
	}

	/** What the local stand-ins kept instead of sending: mails, LogSnag events (queued ones first delivered), uploads. */
	@GetMapping("/outbox")
	Map<String, Object> outbox() {
		this.eventTracker.flush(Duration.ofSeconds(5));
		Map<String, Object> outbox = new LinkedHashMap<>();
		CapturingMailClient mails = this.mails.getIfAvailable();
		outbox.put("mails", (mails != null) ? mails.captured().stream().map(DevController::mail).toList() : List.of());
		LoggingLogSnagClient events = this.events.getIfAvailable();
		outbox.put("events", (events != null) ? events.recent().stream().map(DevController::event).toList() : List.of());
		LocalMediaStorage uploads = this.uploads.getIfAvailable();
		outbox.put("uploads", (uploads != null) ? uploads.uploads().stream().map(DevController::upload).toList() : List.of());
		return outbox;
	}

	private LocalTokenIssuer issuer() {
		LocalTokenIssuer issuer = this.tokenIssuer.getIfAvailable();
		if (issuer == null) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Local tokens are off: an identity provider is "
					+ "configured (use its tokens) or saas.auth.local-tokens.enabled is not true");
		}
		return issuer;
	}

	private static Map<String, Object> userCreated(String userId, String email, String name) {
		String[] names = name.strip().split("\\s+", 2);
		Map<String, Object> address = Map.of("id", "idn_" + UUID.randomUUID(), "object", "email_address",
				"email_address", email);
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", userId);
		data.put("object", "user");
		data.put("first_name", names[0].isEmpty() ? null : names[0]);
		data.put("last_name", (names.length > 1) ? names[1] : null);
		data.put("primary_email_address_id", address.get("id"));
		data.put("email_addresses", List.of(address));
		data.put("created_at", System.currentTimeMillis());
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "user.created");
		event.put("object", "event");
		event.put("timestamp", System.currentTimeMillis());
		event.put("data", data);
		return event;
	}

	private static Map<String, Object> mail(CapturedEmail captured) {
		Map<String, Object> mail = new LinkedHashMap<>();
		mail.put("id", captured.id());
		mail.put("to", captured.email().to());
		mail.put("subject", captured.email().subject());
		mail.put("idempotencyKey", captured.idempotencyKey());
		mail.put("text", captured.email().text());
		return mail;
	}

	private static Map<String, Object> upload(LocalUpload upload) {
		UploadResult result = upload.result();
		Map<String, Object> kept = new LinkedHashMap<>();
		kept.put("id", upload.id());
		kept.put("fileName", upload.fileName());
		kept.put("tags", upload.tags());
		kept.put("url", result.url());
		kept.put("format", result.format());
		kept.put("width", result.width());
		kept.put("height", result.height());
		kept.put("bytes", result.bytes());
		return kept;
	}

	private static Map<String, Object> event(LogSnagRequest request) {
		return json.convertValue(request, Map.class);
	}

}
