package io.saasstack.auth.supabase;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.auth.DirectoryUser;
import io.saasstack.auth.UserPage;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasAuthenticationException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.Secrets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SupabaseUsers} against a WireMock server: the exact wire format of every
 * GoTrue admin call (reference {@code auth-supabase.md} §5, {@code supabase/auth}
 * {@code openapi.yaml}), the API key headers, the mapping of the user object, errors, retries
 * and secrets.
 */
class SupabaseUsersTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	/** The Supabase CLI's default secret key (vector {@code supabase/api-key-format}): not a JWT. */
	static final String SECRET_KEY = "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz";

	/** A legacy {@code service_role} key: a JWT (payload of the Supabase CLI demo key). */
	static final String LEGACY_KEY = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU";

	static final String USER_ID = "8f1b6c1e-5d2a-4c3b-9e8f-7a6b5c4d3e2f";

	static final Instant NOW = Instant.parse("2026-09-01T12:00:00Z");

	/** A user as GoTrue's {@code models.User} serialises it (UserSchema of the OpenAPI file). */
	static final String USER = """
			{
			  "id": "8f1b6c1e-5d2a-4c3b-9e8f-7a6b5c4d3e2f",
			  "aud": "authenticated",
			  "role": "authenticated",
			  "email": "ada@example.com",
			  "email_confirmed_at": "2026-01-05T10:15:30.123456Z",
			  "phone": "",
			  "confirmation_sent_at": "2026-01-05T10:14:02.654321Z",
			  "confirmed_at": "2026-01-05T10:15:30.123456Z",
			  "last_sign_in_at": "2026-08-30T08:00:00.5Z",
			  "app_metadata": {"provider": "email", "providers": ["email"], "plan": "pro"},
			  "user_metadata": {"email_verified": true, "full_name": "Ada Lovelace"},
			  "identities": [
			    {
			      "identity_id": "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
			      "id": "8f1b6c1e-5d2a-4c3b-9e8f-7a6b5c4d3e2f",
			      "user_id": "8f1b6c1e-5d2a-4c3b-9e8f-7a6b5c4d3e2f",
			      "identity_data": {"email": "ada@example.com", "email_verified": false, "phone_verified": false,
			                        "sub": "8f1b6c1e-5d2a-4c3b-9e8f-7a6b5c4d3e2f"},
			      "provider": "email",
			      "last_sign_in_at": "2026-01-05T10:14:02.5Z",
			      "created_at": "2026-01-05T10:14:02.5Z",
			      "updated_at": "2026-01-05T10:14:02.5Z",
			      "email": "ada@example.com"
			    }
			  ],
			  "created_at": "2026-01-05T10:14:02.512345Z",
			  "updated_at": "2026-08-30T08:00:00.5Z",
			  "is_anonymous": false
			}
			""";

	static String user(String id, String bannedUntil) {
		return """
				{"id":"%s","aud":"authenticated","role":"authenticated","email":"","phone":"+15555550100",
				 "app_metadata":{"provider":"phone","providers":["phone"]},"user_metadata":{},"identities":[],
				 "created_at":"2026-02-01T00:00:00+00:00","updated_at":"2026-02-01T00:00:00+00:00",%s
				 "is_anonymous":false}
				""".formatted(id, (bannedUntil != null) ? "\"banned_until\":\"" + bannedUntil + "\"," : "");
	}

	static SupabaseUsers users() {
		return users(SECRET_KEY);
	}

	static SupabaseUsers users(String key) {
		return new SupabaseUsers(http(key), Clock.fixed(NOW, ZoneOffset.UTC));
	}

	static SaasClientProperties properties() {
		SaasClientProperties properties = new SaasClientProperties(null) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(2));
		properties.setResponseTimeout(Duration.ofSeconds(5));
		properties.getRetry().setMaxAttempts(3);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(50));
		properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(5));
		return properties;
	}

	static SaasHttpClient http(String key) {
		return SupabaseUsers.httpClient(SaasHttpClientFactory.standalone(), properties(), URI.create(wm.baseUrl()),
				key);
	}

	static List<LoggedRequest> requests() {
		return wm.findAll(anyRequestedFor(anyUrl()));
	}

	/** The headers of every admin call with the (non-JWT) secret key. */
	static RequestPatternBuilder withHeaders(RequestPatternBuilder pattern) {
		return pattern.withHeader("apikey", equalTo(SECRET_KEY))
			.withHeader("Authorization", absent())
			.withHeader("X-Supabase-Api-Version", equalTo("2024-01-01"))
			.withHeader("User-Agent", matching("saas-stack/.+"))
			.withHeader("Accept", equalTo("application/json"));
	}

	/** Asserts exactly one such call, with the common headers and no body. */
	static void verifyOne(RequestPatternBuilder pattern) {
		wm.verify(exactly(1), withHeaders(pattern).withHeader("Content-Type", absent()));
	}

	/** Asserts exactly one such call, with the common headers and exactly this JSON body. */
	static void verifyOne(RequestPatternBuilder pattern, String json) {
		wm.verify(exactly(1), withHeaders(pattern).withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(json, false, false)));
	}

	@Test
	void getsAUserAndMapsIt() {
		wm.stubFor(get("/auth/v1/admin/users/" + USER_ID).willReturn(okJson(USER)));
		DirectoryUser user = users().get(USER_ID).block();
		verifyOne(getRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)));
		assertThat(requests()).hasSize(1);
		assertThat(user).isNotNull();
		assertThat(user.id()).isEqualTo(USER_ID);
		assertThat(user.emails()).containsExactly("ada@example.com");
		assertThat(user.createdAt()).isEqualTo(Instant.parse("2026-01-05T10:14:02.512345Z"));
		assertThat(user.banned()).isFalse();
		assertThat(user.publicMetadata()).containsExactly(Map.entry("provider", "email"),
				Map.entry("providers", List.of("email")), Map.entry("plan", "pro"));
		assertThat(user.privateMetadata()).containsExactly(Map.entry("email_verified", true),
				Map.entry("full_name", "Ada Lovelace"));
		assertThat(user.raw()).hasSize(15)
			.containsEntry("role", "authenticated")
			.containsEntry("is_anonymous", false)
			.containsEntry("last_sign_in_at", "2026-08-30T08:00:00.5Z");
	}

	@Test
	void aUserIsBannedUntilBannedUntilHasPassed() {
		wm.stubFor(get("/auth/v1/admin/users/future").willReturn(okJson(user("future", "2126-08-08T12:00:00.5Z"))));
		wm.stubFor(get("/auth/v1/admin/users/past").willReturn(okJson(user("past", "2026-09-01T11:59:59+00:00"))));
		wm.stubFor(get("/auth/v1/admin/users/never").willReturn(okJson(user("never", null))));
		DirectoryUser future = users().get("future").block();
		DirectoryUser past = users().get("past").block();
		DirectoryUser never = users().get("never").block();
		assertThat(future).isNotNull();
		assertThat(future.banned()).isTrue();
		assertThat(future.emails()).isEmpty();
		assertThat(future.createdAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		assertThat(past).isNotNull();
		assertThat(past.banned()).isFalse();
		assertThat(never).isNotNull();
		assertThat(never.banned()).isFalse();
	}

	@Test
	void aLegacyServiceRoleKeyIsAlsoSentAsBearerToken() {
		wm.stubFor(get("/auth/v1/admin/users/" + USER_ID).willReturn(okJson(USER)));
		users(LEGACY_KEY).get(USER_ID).block();
		wm.verify(exactly(1), getRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID))
			.withHeader("apikey", equalTo(LEGACY_KEY))
			.withHeader("Authorization", equalTo("Bearer " + LEGACY_KEY))
			.withHeader("X-Supabase-Api-Version", equalTo("2024-01-01"))
			.withHeader("User-Agent", matching("saas-stack/.+")));
	}

	@Test
	void onlyJwtsAreRecognisedAsJwts() {
		assertThat(SupabaseUsers.isJwt(LEGACY_KEY)).isTrue();
		assertThat(SupabaseUsers.isJwt(SECRET_KEY)).isFalse();
		assertThat(SupabaseUsers.isJwt("sb_publishable_ACJWlzQHlZjBrEguHvfOxg_3BJgxAaH")).isFalse();
		assertThat(SupabaseUsers.isJwt("eyJnotajwt")).isFalse();
	}

	@Test
	void anUnknownUserIsA404UserNotFound() {
		wm.stubFor(get("/auth/v1/admin/users/" + USER_ID).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-sb-error-code", "user_not_found")
			.withHeader("X-Supabase-Api-Version", "2024-01-01")
			.withBody("{\"code\":\"user_not_found\",\"message\":\"User not found\"}")));
		assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> users().get(USER_ID).block())
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(404);
				assertThat(ex.getProvider()).isEqualTo("supabase");
				assertThat(ex.getOperation()).isEqualTo("users.get");
				assertThat(ex.getErrorCode()).isEqualTo("user_not_found");
				assertThat(ex.getProviderMessage()).isEqualTo("User not found");
				assertThat(ex.isRetryable()).isFalse();
			});
		assertThat(requests()).hasSize(1);
	}

	@Test
	void readsTheLegacyErrorShapeToo() {
		wm.stubFor(put("/auth/v1/admin/users/" + USER_ID).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":404,\"error_code\":\"user_not_found\",\"msg\":\"User not found\"}")));
		assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> users().ban(USER_ID).block())
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(404);
				assertThat(ex.getOperation()).isEqualTo("users.ban");
				assertThat(ex.getErrorCode()).isEqualTo("user_not_found");
				assertThat(ex.getProviderMessage()).isEqualTo("User not found");
			});
	}

	@Test
	void listsAPageWithTheTotalFromTheHeaders() {
		wm.stubFor(get(urlPathEqualTo("/auth/v1/admin/users")).willReturn(okJson("{\"users\":[" + USER + ","
				+ user("b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e", "2126-08-08T12:00:00Z") + "],\"aud\":\"authenticated\"}")
			.withHeader("Link",
					"</admin/users?page=10&per_page=50>; rel=\"next\", </admin/users?page=23&per_page=50>; rel=\"last\"")
			.withHeader("X-Total-Count", "1150")));
		UserPage page = users().list(9, 50).block();
		verifyOne(getRequestedFor(urlEqualTo("/auth/v1/admin/users?page=9&per_page=50")));
		assertThat(requests()).hasSize(1);
		assertThat(page).isNotNull();
		assertThat(page.users()).extracting(DirectoryUser::id)
			.containsExactly(USER_ID, "b0c1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e");
		assertThat(page.users()).extracting(DirectoryUser::banned).containsExactly(false, true);
		assertThat(page.page()).isEqualTo(9);
		assertThat(page.size()).isEqualTo(50);
		assertThat(page.total()).isEqualTo(1150L);
		assertThat(page.hasMore()).isTrue();
	}

	@Test
	void theLastPageHasNoMoreAndATotalIsOptional() {
		wm.stubFor(get(urlEqualTo("/auth/v1/admin/users?page=23&per_page=50"))
			.willReturn(okJson("{\"users\":[],\"aud\":\"authenticated\"}").withHeader("X-Total-Count", "1150")));
		wm.stubFor(get(urlEqualTo("/auth/v1/admin/users?page=1&per_page=2"))
			.willReturn(okJson("{\"users\":[" + USER + "]}")));
		UserPage last = users().list(23, 50).block();
		UserPage withoutTotal = users().list(1, 2).block();
		assertThat(last).isNotNull();
		assertThat(last.users()).isEmpty();
		assertThat(last.hasMore()).isFalse();
		assertThat(withoutTotal).isNotNull();
		assertThat(withoutTotal.total()).isNull();
		assertThat(withoutTotal.hasMore()).isFalse();
	}

	@Test
	void aListWithoutUsersIsMalformed() {
		wm.stubFor(get(urlPathEqualTo("/auth/v1/admin/users"))
			.willReturn(okJson("{\"users\":[],\"aud\":\"authenticated\",\"pagination\":null}")));
		wm.stubFor(get(urlEqualTo("/auth/v1/admin/users?page=2&per_page=50")).willReturn(okJson("{\"aud\":\"x\"}")));
		assertThat(users().list(1, 50).block()).isNotNull();
		assertThatExceptionOfType(SaasMalformedResponseException.class).isThrownBy(() -> users().list(2, 50).block())
			.withMessageContaining("no users");
	}

	@Test
	void rejectsInvalidArgumentsBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> users().list(0, 50).block());
		assertThatIllegalArgumentException().isThrownBy(() -> users().list(1, 0).block());
		assertThatIllegalArgumentException().isThrownBy(() -> users().get("").block());
		assertThatIllegalArgumentException().isThrownBy(() -> users().ban(USER_ID, Duration.ofMillis(999)).block());
		assertThatIllegalArgumentException().isThrownBy(() -> users().invite(" ", Map.of()).block());
		assertThat(requests()).isEmpty();
	}

	@Test
	void updatesMetadataAsAppAndUserMetadata() {
		wm.stubFor(put("/auth/v1/admin/users/" + USER_ID).willReturn(okJson(USER)));
		Map<String, Object> appMetadata = new LinkedHashMap<>();
		appMetadata.put("plan", "pro");
		appMetadata.put("trial", null);
		DirectoryUser user = users().updateMetadata(USER_ID, appMetadata, Map.of("full_name", "Ada Lovelace"))
			.block();
		verifyOne(putRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)), """
				{"app_metadata":{"plan":"pro","trial":null},"user_metadata":{"full_name":"Ada Lovelace"}}
				""");
		assertThat(requests().get(0).getBodyAsString()).contains("\"trial\":null");
		assertThat(user).isNotNull();
		assertThat(user.publicMetadata()).containsEntry("plan", "pro");
	}

	@Test
	void leavesEmptyMetadataAlone() {
		wm.stubFor(put("/auth/v1/admin/users/" + USER_ID).willReturn(okJson(USER)));
		users().updateMetadata(USER_ID, Map.of("plan", "pro"), Map.of()).block();
		verifyOne(putRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)),
				"{\"app_metadata\":{\"plan\":\"pro\"}}");
	}

	@Test
	void retriesAnUpdateThatFailedWithA503() {
		wm.stubFor(put("/auth/v1/admin/users/" + USER_ID).inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		wm.stubFor(put("/auth/v1/admin/users/" + USER_ID).inScenario("retry")
			.whenScenarioStateIs("up")
			.willReturn(okJson(USER)));
		users().unban(USER_ID).block();
		wm.verify(exactly(2), withHeaders(putRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)))
			.withRequestBody(equalToJson("{\"ban_duration\":\"none\"}")));
	}

	@Test
	void bansForAHundredYearsOrForATimeAndUnbans() {
		wm.stubFor(put("/auth/v1/admin/users/" + USER_ID).willReturn(okJson(user(USER_ID, "2126-08-08T12:00:00Z"))));
		DirectoryUser banned = users().ban(USER_ID).block();
		verifyOne(putRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)), "{\"ban_duration\":\"876000h\"}");
		assertThat(banned).isNotNull();
		assertThat(banned.banned()).isTrue();
		wm.resetRequests();
		users().ban(USER_ID, Duration.ofHours(24).plusMillis(500)).block();
		verifyOne(putRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)), "{\"ban_duration\":\"86400s\"}");
		wm.resetRequests();
		wm.stubFor(put("/auth/v1/admin/users/" + USER_ID).willReturn(okJson(user(USER_ID, null))));
		DirectoryUser unbanned = users().unban(USER_ID).block();
		verifyOne(putRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)), "{\"ban_duration\":\"none\"}");
		assertThat(unbanned).isNotNull();
		assertThat(unbanned.banned()).isFalse();
	}

	@Test
	void deletesAUserHardOrSoft() {
		wm.stubFor(delete("/auth/v1/admin/users/" + USER_ID).willReturn(okJson("{}")));
		users().delete(USER_ID).block();
		verifyOne(deleteRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)),
				"{\"should_soft_delete\":false}");
		wm.resetRequests();
		users().delete(USER_ID, true).block();
		verifyOne(deleteRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)),
				"{\"should_soft_delete\":true}");
	}

	@Test
	void deletingAUserThatIsGoneSucceedsButAnInvalidIdFails() {
		wm.stubFor(delete("/auth/v1/admin/users/" + USER_ID).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":\"user_not_found\",\"message\":\"User not found\"}")));
		wm.stubFor(delete("/auth/v1/admin/users/not-a-uuid").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":\"validation_failed\",\"message\":\"user_id must be an UUID\"}")));
		users().delete(USER_ID).block();
		assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> users().delete("not-a-uuid").block())
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(404);
				assertThat(ex.getErrorCode()).isEqualTo("validation_failed");
			});
	}

	@Test
	void invitesAUser() {
		wm.stubFor(post(urlPathEqualTo("/auth/v1/invite")).willReturn(okJson(USER)));
		DirectoryUser invited = users().invite("ada@example.com", Map.of("full_name", "Ada Lovelace")).block();
		verifyOne(postRequestedFor(urlEqualTo("/auth/v1/invite")),
				"{\"email\":\"ada@example.com\",\"data\":{\"full_name\":\"Ada Lovelace\"}}");
		assertThat(invited).isNotNull();
		assertThat(invited.emails()).containsExactly("ada@example.com");
		wm.resetRequests();
		users().invite("ada@example.com", Map.of(), "https://app.example.com/welcome?step=1").block();
		verifyOne(postRequestedFor(
				urlEqualTo("/auth/v1/invite?redirect_to=https%3A%2F%2Fapp.example.com%2Fwelcome%3Fstep%3D1")),
				"{\"email\":\"ada@example.com\",\"data\":{}}");
	}

	@Test
	void neverRepeatsAnInvitation() {
		wm.stubFor(post("/auth/v1/invite").willReturn(aResponse().withStatus(503)));
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> users().invite("ada@example.com", Map.of()).block())
			.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(503));
		assertThat(requests()).hasSize(1);
	}

	@Test
	void theSecretKeyNeverAppearsInExceptions() {
		wm.stubFor(get("/auth/v1/admin/users/" + USER_ID).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":\"no_authorization\",\"message\":\"Invalid API key " + SECRET_KEY + "\"}")));
		assertThatExceptionOfType(SaasAuthenticationException.class).isThrownBy(() -> users().get(USER_ID).block())
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).doesNotContain(SECRET_KEY).contains(Secrets.MASK);
				assertThat(ex.getProviderMessage()).doesNotContain(SECRET_KEY);
				assertThat(ex.getErrorCode()).isEqualTo("no_authorization");
			});
		assertThat(users().toString()).doesNotContain(SECRET_KEY);
		assertThat(users().provider()).isEqualTo("supabase");
	}

	@Test
	void httpClientTakesTheBaseUrlOfThePropertiesOrRequiresOne() {
		SaasClientProperties properties = properties();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupabaseUsers.httpClient(SaasHttpClientFactory.standalone(), properties, SECRET_KEY))
			.withMessage("base URL must be set");
		properties.setBaseUrl(URI.create(wm.baseUrl()));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupabaseUsers.httpClient(SaasHttpClientFactory.standalone(), properties, ""))
			.withMessage("secretKey must not be empty");
		wm.stubFor(get("/auth/v1/admin/users/" + USER_ID).willReturn(okJson(USER)));
		new SupabaseUsers(SupabaseUsers.httpClient(SaasHttpClientFactory.standalone(), properties, SECRET_KEY))
			.get(USER_ID)
			.block();
		verifyOne(getRequestedFor(urlEqualTo("/auth/v1/admin/users/" + USER_ID)));
	}

}
