package io.saasstack.auth.supabase.hooks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.saasstack.core.SaasJson;
import io.saasstack.webhooks.StandardWebhookVerifier;
import io.saasstack.webhooks.WebhookReceived;
import io.saasstack.webhooks.WebhookResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.saasstack.auth.supabase.hooks.SupabaseHookRequests.answered;
import static io.saasstack.auth.supabase.hooks.SupabaseHookRequests.documented;
import static io.saasstack.auth.supabase.hooks.SupabaseHookRequests.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SupabaseAuthHooks}: the custom access token, MFA and password verification
 * attempt hooks, sent as Supabase sends them (the payloads of Supabase's documentation, signed
 * with the hook secret) and answered in the shapes Supabase Auth reads; claims Supabase would
 * refuse are refused here with an error naming them; no callback keeps the {@code {}} answer.
 */
class SupabaseAuthHooksTests {

	static final String ACCESS_TOKEN = documented("custom-access-token");

	static SupabaseHookRequests withAccessTokenHook(SupabaseAccessTokenHook hook) {
		return new SupabaseHookRequests(new SupabaseAuthHooks(hook, null, null, null));
	}

	/** The documented claims with these fields replaced (a null value removes the field). */
	static String claimsWith(Map<String, ?> changes) {
		ObjectNode claims = (ObjectNode) tree(ACCESS_TOKEN).get("claims");
		changes.forEach((name, value) -> {
			if (value == null) {
				claims.remove(name);
			}
			else {
				claims.set(name, tree(SaasJson.mapper().writeValueAsString(value)));
			}
		});
		return "{\"claims\":" + claims + "}";
	}

	@Test
	void accessTokenHookAnswersTheClaimsWithTheApplicationsChanges() {
		AtomicReference<SupabaseAccessTokenRequest> seen = new AtomicReference<>();
		SupabaseHookRequests requests = withAccessTokenHook((request) -> {
			seen.set(request);
			return Map.of("plan", "pro", "user_role", "admin", "app_metadata", Map.of("tenant", "acme"));
		});
		WebhookResponse response = requests.send("msg_1", ACCESS_TOKEN);
		answered(response, claimsWith(Map.of("plan", "pro", "user_role", "admin", "app_metadata",
				Map.of("tenant", "acme"))));
		SupabaseAccessTokenRequest request = seen.get();
		assertThat(request.userId()).isEqualTo("8ccaa7af-909f-44e7-84cb-67cdccb56be6");
		assertThat(request.authenticationMethod()).isEqualTo("anonymous");
		assertThat(request.isAnonymous()).isTrue();
		assertThat(request.role()).isEqualTo("authenticated");
		assertThat(request.email()).isNull();
		assertThat(request.appMetadata()).isEmpty();
		assertThat(request.claims()).containsEntry("session_id", "4b938a09-5372-4177-a314-cfa292099ea2")
			.containsEntry("exp", 1715690221);
		// the generic event is still published, for listeners that audit hooks
		assertThat(requests.published).singleElement()
			.isInstanceOfSatisfying(WebhookReceived.class,
					(received) -> assertThat(received.type()).isEqualTo("custom_access_token"));
	}

	@Test
	void noChangesAnswersTheClaimsAsTheyCame() {
		answered(withAccessTokenHook((request) -> Map.of()).send("msg_1", ACCESS_TOKEN), claimsWith(Map.of()));
	}

	@Test
	void aNullValueRemovesAnOptionalClaimAndAnAudienceMayBeAList() {
		Map<String, Object> changes = new HashMap<>();
		changes.put("user_metadata", null);
		changes.put("client_id", null);
		changes.put("aud", List.of("authenticated", "reports"));
		changes.put("exp", 1715690000L);
		answered(withAccessTokenHook((request) -> changes).send("msg_1", ACCESS_TOKEN), claimsWith(changes));
	}

	@ParameterizedTest
	@ValueSource(strings = { "aud", "exp", "iat", "sub", "email", "phone", "role", "aal", "session_id",
			"is_anonymous" })
	void removingARequiredClaimIsRefusedWithAnErrorNamingIt(String claim) {
		Map<String, Object> changes = new HashMap<>();
		changes.put(claim, null);
		WebhookResponse response = withAccessTokenHook((request) -> changes).send("msg_1", ACCESS_TOKEN);
		answered(response, """
				{"error":{"http_code":500,"message":"The access token hook returned claims Supabase refuses: \
				the claims do not conform to what Supabase accepts: required claim '%s' is missing"}}
				""".formatted(claim));
	}

	@Test
	void removingTheIssuerIsRefusedWhenItWasThere() {
		String withIssuer = ACCESS_TOKEN.replace("\"aud\": \"authenticated\",",
				"\"iss\": \"https://ref.supabase.co/auth/v1\", \"aud\": \"authenticated\",");
		Map<String, Object> changes = new HashMap<>();
		changes.put("iss", null);
		JsonNode answer = tree(withAccessTokenHook((request) -> changes).send("msg_1", withIssuer).body());
		assertThat(answer.at("/error/message").asString()).endsWith("required claim 'iss' is missing");
	}

	@Test
	void wrongTypesAreRefusedNamingEveryClaimButNoValue() {
		Map<String, Object> changes = new HashMap<>();
		changes.put("exp", "1715690221");
		changes.put("iat", 1.5);
		changes.put("role", 7);
		changes.put("aud", 5);
		changes.put("app_metadata", "secret-tenant");
		changes.put("amr", "password");
		changes.put("is_anonymous", "true");
		WebhookResponse response = withAccessTokenHook((request) -> changes).send("msg_1", ACCESS_TOKEN);
		String message = tree(response.body()).at("/error/message").asString();
		assertThat(tree(response.body()).at("/error/http_code").asInt()).isEqualTo(500);
		assertThat(message).startsWith("The access token hook returned claims Supabase refuses: ")
			.contains("claim 'exp' must be an integer", "claim 'iat' must be an integer", "claim 'role' must be a string",
					"claim 'aud' must be a string or an array of strings", "claim 'app_metadata' must be an object",
					"claim 'amr' must be an array of strings or objects", "claim 'is_anonymous' must be a boolean")
			.doesNotContain("secret-tenant", "1715690221");
	}

	@Test
	void aRejectionReachesSupabaseWithItsStatusAndMessage() {
		SupabaseHookRequests requests = withAccessTokenHook((request) -> {
			throw new SupabaseHookRejection(403, "Your account is suspended.");
		});
		answered(requests.send("msg_1", ACCESS_TOKEN),
				"{\"error\":{\"http_code\":403,\"message\":\"Your account is suspended.\"}}");
	}

	@Test
	void aFailingCallbackAnswersAGenericErrorAndTheSameMessageIsProcessedAgain() {
		AtomicInteger calls = new AtomicInteger();
		SupabaseHookRequests requests = withAccessTokenHook((request) -> {
			if (calls.incrementAndGet() == 1) {
				throw new IllegalStateException("database password is hunter2");
			}
			return Map.of("plan", "pro");
		});
		WebhookResponse failed = requests.send("msg_1", ACCESS_TOKEN);
		answered(failed, "{\"error\":{\"http_code\":500,\"message\":\"The custom access token hook failed.\"}}");
		// an error answer releases the id: a redelivery of the same message is answered, not acknowledged
		answered(requests.send("msg_1", ACCESS_TOKEN), claimsWith(Map.of("plan", "pro")));
		assertThat(calls).hasValue(2);
	}

	@Test
	void aNullFromTheCallbackIsAnError() {
		WebhookResponse response = withAccessTokenHook((request) -> null).send("msg_1", ACCESS_TOKEN);
		assertThat(tree(response.body()).at("/error/http_code").asInt()).isEqualTo(500);
	}

	@Test
	void mfaAttemptContinuesOrIsRejectedWithAMessage() {
		AtomicReference<SupabaseMfaVerificationHook.Attempt> seen = new AtomicReference<>();
		SupabaseHookRequests requests = new SupabaseHookRequests(new SupabaseAuthHooks(null, (attempt) -> {
			seen.set(attempt);
			return attempt.valid() ? SupabaseHookDecision.proceed()
					: SupabaseHookDecision.reject("Too many attempts, try again later.");
		}, null, null));
		String valid = documented("mfa-verification-attempt");
		answered(requests.send("msg_1", valid), "{\"decision\":\"continue\"}");
		assertThat(seen.get()).isEqualTo(new SupabaseMfaVerificationHook.Attempt(
				"3919cb6e-4215-4478-a960-6d3454326cec", "6eab6a69-7766-48bf-95d8-bd8f606894db", null, true));
		answered(requests.send("msg_2", valid.replace("true", "false")),
				"{\"decision\":\"reject\",\"message\":\"Too many attempts, try again later.\"}");
		answered(requests.send("msg_3", valid.replace("\"valid\"", "\"factor_type\": \"totp\", \"valid\"")),
				"{\"decision\":\"continue\"}");
		assertThat(seen.get().factorType()).isEqualTo("totp");
	}

	@Test
	void passwordAttemptContinuesIsRejectedOrLogsTheUserOut() {
		AtomicReference<SupabaseHookDecision> decision = new AtomicReference<>(SupabaseHookDecision.proceed());
		AtomicReference<SupabasePasswordVerificationHook.Attempt> seen = new AtomicReference<>();
		SupabaseHookRequests requests = new SupabaseHookRequests(new SupabaseAuthHooks(null, null, (attempt) -> {
			seen.set(attempt);
			return decision.get();
		}, null));
		String attempt = documented("password-verification-attempt");
		answered(requests.send("msg_1", attempt), "{\"decision\":\"continue\"}");
		assertThat(seen.get())
			.isEqualTo(new SupabasePasswordVerificationHook.Attempt("3919cb6e-4215-4478-a960-6d3454326cec", true));
		decision.set(SupabaseHookDecision.reject("Wrong password."));
		answered(requests.send("msg_2", attempt),
				"{\"decision\":\"reject\",\"message\":\"Wrong password.\",\"should_logout_user\":false}");
		decision.set(SupabaseHookDecision.rejectAndLogOut("Too many attempts, signed out everywhere."));
		answered(requests.send("msg_3", attempt), """
				{"decision":"reject","message":"Too many attempts, signed out everywhere.","should_logout_user":true}
				""");
	}

	@Test
	void aRateLimitRejectionFromAnAttemptHook() {
		SupabaseHookRequests requests = new SupabaseHookRequests(new SupabaseAuthHooks(null, null, (attempt) -> {
			throw new SupabaseHookRejection(429, "Slow down.");
		}, null));
		answered(requests.send("msg_1", documented("password-verification-attempt")),
				"{\"error\":{\"http_code\":429,\"message\":\"Slow down.\"}}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "custom-access-token", "mfa-verification-attempt", "password-verification-attempt",
			"send-email" })
	void withoutACallbackEveryHookKeepsTheEmptyAnswer(String payload) {
		SupabaseHookRequests requests = new SupabaseHookRequests(new SupabaseAuthHooks(null, null, null, null));
		answered(requests.send("msg_1", documented(payload)), "{}");
		assertThat(requests.published).hasSize(1);
	}

	@Test
	void aCallbackOfAnotherHookDoesNotAnswer() {
		SupabaseHookRequests requests = withAccessTokenHook((request) -> Map.of("plan", "pro"));
		answered(requests.send("msg_1", documented("password-verification-attempt")), "{}");
	}

	@Test
	void theHookIsRecognisedByItsMetadataName() {
		SupabaseHookRequests requests = withAccessTokenHook((request) -> Map.of("plan", "pro"));
		String named = ACCESS_TOKEN.replaceFirst("\\{",
				"{\"metadata\": {\"uuid\": \"8b34dcdd-9df1-4c10-850a-b3277c653040\", \"time\": \"2024-05-14T12:56:33Z\", "
						+ "\"name\": \"customize-access-token\", \"ip_address\": \"127.0.0.1\"},");
		answered(requests.send("msg_1", named), claimsWith(Map.of("plan", "pro")));
		// a name of another hook wins over the fields
		answered(requests.send("msg_2", named.replace("customize-access-token", "send-sms")), "{}");
	}

	@Test
	void unsignedForgedOrStaleHooksAreRefusedBeforeAnyCallback() {
		AtomicInteger calls = new AtomicInteger();
		SupabaseHookRequests requests = withAccessTokenHook((request) -> {
			calls.incrementAndGet();
			return Map.of();
		});
		byte[] body = ACCESS_TOKEN.getBytes(StandardCharsets.UTF_8);
		long now = Instant.now().getEpochSecond();
		String otherKey = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
		assertThat(requests.send("msg_1", now, StandardWebhookVerifier.sign(otherKey, "msg_1", now, body), body)
			.status()).isEqualTo(401);
		String signature = StandardWebhookVerifier.sign("whsec_" + SupabaseHookRequests.KEY, "msg_2", now - 301, body);
		assertThat(requests.send("msg_2", now - 301, signature, body).status()).isEqualTo(401);
		assertThat(requests.send("msg_3", now, "v1,", body).status()).isEqualTo(401);
		assertThat(calls).hasValue(0);
		assertThat(requests.published).isEmpty();
	}

	@Test
	void decisionsAndRejectionsCheckTheirArguments() {
		assertThatIllegalArgumentException().isThrownBy(() -> SupabaseHookDecision.reject(" "));
		assertThatIllegalArgumentException().isThrownBy(() -> new SupabaseHookDecision(false, "message", false));
		assertThatIllegalArgumentException().isThrownBy(() -> new SupabaseHookRejection(200, "fine"));
		assertThatIllegalArgumentException().isThrownBy(() -> new SupabaseHookRejection(400, ""));
	}

	@Test
	void toStringSaysWhichCallbacksExist() {
		assertThat(new SupabaseAuthHooks((request) -> Map.of(), null, null, null)).hasToString(
				"SupabaseAuthHooks[accessToken=true, mfaVerification=false, passwordVerification=false, sendEmail=false]");
	}

}
