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
import io.saasstack.console.ConsoleRequest;
import io.saasstack.console.ConsoleResponse;
import io.saasstack.console.LocalConsole;
import io.saasstack.events.EventTracker;
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
 * sign-up webhook, read what the local stand-ins kept instead of sending (through the local console).
 */
@RestController
@Profile("dev")
@RequestMapping("/dev")
class DevController {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ObjectProvider<LocalTokenIssuer> tokenIssuer;

	private final ObjectProvider<LocalConsole> console;

	private final EventTracker eventTracker;

	private final Environment environment;

	DevController(ObjectProvider<LocalTokenIssuer> tokenIssuer, ObjectProvider<LocalConsole> console,
			EventTracker eventTracker, Environment environment) {
		this.tokenIssuer = tokenIssuer;
		this.eventTracker = eventTracker;
		this.console = console;
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

	/**
	 * What the local stand-ins kept instead of sending (queued events first delivered): the local
	 * console's data endpoints ({@code /saas/console/api/...}) in one answer.
	 */
	@GetMapping("/outbox")
	Map<String, Object> outbox() {
		this.eventTracker.flush(Duration.ofSeconds(5));
		Map<String, Object> outbox = new LinkedHashMap<>();
		outbox.put("mails", console("/api/mails"));
		Object events = console("/api/events");
		outbox.put("events", (events instanceof Map<?, ?> timeline) ? timeline.get("requests") : List.of());
		outbox.put("uploads", console("/api/uploads"));
		return outbox;
	}

	/** A console data endpoint's answer, or an empty list when its section runs on a real provider. */
	private Object console(String path) {
		LocalConsole console = this.console.getIfAvailable();
		if (console == null) {
			return List.of();
		}
		ConsoleResponse response = console.handle(new ConsoleRequest("GET", path, Map.of(), null, new byte[0]));
		return (response.status() == 200) ? json.readValue(response.body(), Object.class) : List.of();
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

}
