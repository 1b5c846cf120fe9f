package io.saasstack.auth.clerk;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.auth.BlockingUserDirectory;
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
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ClerkUsers} against a WireMock server: the exact wire format of every Backend
 * API call (reference {@code auth-clerk.md} §7, BAPI OpenAPI 2026-05-12), the mapping of the
 * {@code User} object, errors, retries and secrets.
 */
class ClerkUsersTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String SECRET_KEY = "sk_test_0123456789abcdefghijABCDEFGHIJ";

	static final String USER_ID = "user_2ZmNqmwvS7Ipu8Yd6VhH8cCR8Xq";

	/** A {@code User} as in the BAPI schema, every required field set; the primary email comes second. */
	static final String USER = """
			{
			  "id": "user_2ZmNqmwvS7Ipu8Yd6VhH8cCR8Xq",
			  "object": "user",
			  "external_id": "ext-42",
			  "primary_email_address_id": "idn_2ZmNqkqtUsQgTxzYhqTBqN5aSkQ",
			  "primary_phone_number_id": null,
			  "primary_web3_wallet_id": null,
			  "username": "ada",
			  "first_name": "Ada",
			  "last_name": "Lovelace",
			  "locale": null,
			  "image_url": "https://img.clerk.com/eyJ0eXBlIjoiZGVmYXVsdCJ9",
			  "has_image": false,
			  "public_metadata": {"plan": "pro", "roles": ["admin", "billing"]},
			  "private_metadata": {"stripe": {"customer": "cus_Q1w2e3"}},
			  "unsafe_metadata": {"theme": "dark"},
			  "email_addresses": [
			    {
			      "id": "idn_2ZmNqkqtUsQgTxzYhqTBqN5bWork",
			      "object": "email_address",
			      "email_address": "ada@work.example",
			      "reserved": false,
			      "verification": {"object": "verification_otp", "status": "verified", "strategy": "email_code",
			                       "attempts": 1, "expire_at": 1700000600000},
			      "linked_to": [],
			      "created_at": 1700000100000,
			      "updated_at": 1700000100000
			    },
			    {
			      "id": "idn_2ZmNqkqtUsQgTxzYhqTBqN5aSkQ",
			      "object": "email_address",
			      "email_address": "ada@example.com",
			      "reserved": false,
			      "verification": {"object": "verification_otp", "status": "verified", "strategy": "email_code",
			                       "attempts": 1, "expire_at": 1700000600000},
			      "linked_to": [],
			      "created_at": 1700000000000,
			      "updated_at": 1700000000000
			    }
			  ],
			  "phone_numbers": [],
			  "web3_wallets": [],
			  "passkeys": [],
			  "password_enabled": true,
			  "two_factor_enabled": false,
			  "totp_enabled": false,
			  "backup_code_enabled": false,
			  "mfa_enabled_at": null,
			  "mfa_disabled_at": null,
			  "external_accounts": [],
			  "saml_accounts": [],
			  "enterprise_accounts": [],
			  "last_sign_in_at": 1700690400000,
			  "banned": false,
			  "locked": false,
			  "lockout_expires_in_seconds": null,
			  "verification_attempts_remaining": 100,
			  "updated_at": 1700690400000,
			  "created_at": 1700000000000,
			  "delete_self_enabled": true,
			  "create_organization_enabled": true,
			  "last_active_at": 1700690400000,
			  "legal_accepted_at": null
			}
			""";

	static String user(String id, boolean banned) {
		return """
				{"id":"%s","object":"user","primary_email_address_id":null,"email_addresses":[],
				 "public_metadata":{},"private_metadata":null,"banned":%s,"created_at":1700000000000}
				""".formatted(id, banned);
	}

	static ClerkUsers users() {
		return new ClerkUsers(http());
	}

	static SaasHttpClient http() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(2));
		properties.setResponseTimeout(Duration.ofSeconds(5));
		properties.getRetry().setMaxAttempts(3);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(50));
		properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(5));
		return ClerkUsers.httpClient(SaasHttpClientFactory.standalone(), properties, SECRET_KEY);
	}

	static List<LoggedRequest> requests() {
		return wm.findAll(anyRequestedFor(anyUrl()));
	}

	/** The headers of every Backend API call. */
	static RequestPatternBuilder withHeaders(RequestPatternBuilder pattern) {
		return pattern.withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
			.withHeader("Clerk-API-Version", equalTo("2026-05-12"))
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

	static String notFound() {
		return """
				{"errors":[{"code":"resource_not_found","message":"not found",
				  "long_message":"User not found","meta":{}}],
				 "meta":{},"clerk_trace_id":"c2f0a1e4b5d6e7f8a9b0c1d2e3f4a5b6"}
				""";
	}

	@Test
	void getsAUserAndMapsIt() {
		wm.stubFor(get("/v1/users/" + USER_ID).willReturn(okJson(USER)));
		DirectoryUser user = users().get(USER_ID).block();
		verifyOne(getRequestedFor(urlEqualTo("/v1/users/" + USER_ID)));
		assertThat(requests()).hasSize(1);
		assertThat(user).isNotNull();
		assertThat(user.id()).isEqualTo(USER_ID);
		assertThat(user.emails()).containsExactly("ada@example.com", "ada@work.example");
		assertThat(user.createdAt()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
		assertThat(user.banned()).isFalse();
		assertThat(user.publicMetadata()).containsExactly(Map.entry("plan", "pro"),
				Map.entry("roles", List.of("admin", "billing")));
		assertThat(user.privateMetadata()).containsExactly(Map.entry("stripe", Map.of("customer", "cus_Q1w2e3")));
		assertThat(user.raw()).hasSize(39)
			.containsEntry("object", "user")
			.containsEntry("external_id", "ext-42")
			.containsEntry("unsafe_metadata", Map.of("theme", "dark"))
			.containsEntry("locale", null)
			.containsEntry("last_sign_in_at", 1700690400000L);
	}

	@Test
	void mapsAUserWithoutEmailsOrPrivateMetadata() {
		wm.stubFor(get("/v1/users/user_1").willReturn(okJson(user("user_1", true))));
		DirectoryUser user = users().get("user_1").block();
		assertThat(user).isNotNull();
		assertThat(user.emails()).isEmpty();
		assertThat(user.banned()).isTrue();
		assertThat(user.publicMetadata()).isEmpty();
		assertThat(user.privateMetadata()).isEmpty();
	}

	@Test
	void encodesTheUserIdInThePath() {
		wm.stubFor(get(urlEqualTo("/v1/users/a%2Fb%20c")).willReturn(okJson(user("a/b c", false))));
		DirectoryUser user = users().get("a/b c").block();
		assertThat(user).isNotNull();
		assertThat(user.id()).isEqualTo("a/b c");
	}

	@Test
	void anUnknownUserIsA404WithClerksCodeAndTraceId() {
		wm.stubFor(get("/v1/users/user_missing").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withHeader("cf-ray", "8f1e2d3c4b5a6978-CDG")
			.withBody(notFound())));
		assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> users().get("user_missing").block())
			.satisfies((ex) -> {
				assertThat(ex.getStatus()).isEqualTo(404);
				assertThat(ex.getProvider()).isEqualTo("clerk");
				assertThat(ex.getOperation()).isEqualTo("users.get");
				assertThat(ex.getErrorCode()).isEqualTo("resource_not_found");
				assertThat(ex.getProviderMessage()).isEqualTo("User not found");
				assertThat(ex.getRequestId()).isEqualTo("c2f0a1e4b5d6e7f8a9b0c1d2e3f4a5b6");
				assertThat(ex.isRetryable()).isFalse();
			});
		assertThat(requests()).hasSize(1);
	}

	@Test
	void listsAPageWithTheTotalCount() {
		wm.stubFor(get(urlPathEqualTo("/v1/users"))
			.willReturn(okJson("[" + user("user_a", false) + "," + user("user_b", true) + "]")));
		wm.stubFor(get("/v1/users/count").willReturn(okJson("{\"object\":\"total_count\",\"total_count\":61}")));
		UserPage page = users().list(3, 20).block();
		verifyOne(getRequestedFor(urlEqualTo("/v1/users?limit=20&offset=40&order_by=-created_at")));
		verifyOne(getRequestedFor(urlEqualTo("/v1/users/count")));
		assertThat(requests()).hasSize(2);
		assertThat(page).isNotNull();
		assertThat(page.users()).extracting(DirectoryUser::id).containsExactly("user_a", "user_b");
		assertThat(page.users()).extracting(DirectoryUser::banned).containsExactly(false, true);
		assertThat(page.page()).isEqualTo(3);
		assertThat(page.size()).isEqualTo(20);
		assertThat(page.total()).isEqualTo(61L);
		assertThat(page.hasMore()).isTrue();
	}

	@Test
	void theFirstPageHasNoOffsetAndTheLastPageNoMore() {
		wm.stubFor(get(urlPathEqualTo("/v1/users")).willReturn(okJson("[" + user("user_a", false) + "]")));
		wm.stubFor(get("/v1/users/count").willReturn(okJson("{\"object\":\"total_count\",\"total_count\":1}")));
		UserPage page = users().list(1, 500).block();
		verifyOne(getRequestedFor(urlEqualTo("/v1/users?limit=500&offset=0&order_by=-created_at")));
		assertThat(page).isNotNull();
		assertThat(page.hasMore()).isFalse();
	}

	@Test
	void rejectsInvalidPagesBeforeAnyCall() {
		assertThatIllegalArgumentException().isThrownBy(() -> users().list(0, 10).block())
			.withMessage("page must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> users().list(1, 0).block())
			.withMessage("size must be between 1 and 500");
		assertThatIllegalArgumentException().isThrownBy(() -> users().list(1, 501).block())
			.withMessage("size must be between 1 and 500");
		assertThatIllegalArgumentException().isThrownBy(() -> users().get(" ").block())
			.withMessage("id must not be empty");
		assertThat(requests()).isEmpty();
	}

	@Test
	void countsUsers() {
		wm.stubFor(get("/v1/users/count").willReturn(okJson("{\"object\":\"total_count\",\"total_count\":1234567}")));
		assertThat(users().count().block()).isEqualTo(1234567L);
		verifyOne(getRequestedFor(urlEqualTo("/v1/users/count")));
	}

	@Test
	void aCountWithoutTotalIsMalformed() {
		wm.stubFor(get("/v1/users/count").willReturn(okJson("{\"object\":\"total_count\"}")));
		assertThatExceptionOfType(SaasMalformedResponseException.class).isThrownBy(() -> users().count().block())
			.withMessageContaining("no total_count");
	}

	@Test
	void listsUsersByEmail() {
		wm.stubFor(get(urlPathEqualTo("/v1/users")).willReturn(okJson("[" + USER + "]")));
		List<DirectoryUser> users = users().listByEmail(List.of("ada@example.com", "a+b@example.com")).block();
		verifyOne(getRequestedFor(urlPathEqualTo("/v1/users"))
			.withQueryParam("email_address", havingExactly("ada@example.com", "a+b@example.com"))
			.withQueryParam("limit", equalTo("2")));
		assertThat(requests().get(0).getUrl())
			.isEqualTo("/v1/users?email_address=ada%40example.com&email_address=a%2Bb%40example.com&limit=2");
		assertThat(users).extracting(DirectoryUser::id).containsExactly(USER_ID);
	}

	@Test
	void getsAUserByEmailOrNothing() {
		wm.stubFor(get(urlEqualTo("/v1/users?email_address=ada%40example.com&limit=1")).willReturn(okJson("[" + USER + "]")));
		wm.stubFor(get(urlEqualTo("/v1/users?email_address=nobody%40example.com&limit=1")).willReturn(okJson("[]")));
		DirectoryUser user = users().getByEmail("ada@example.com").block();
		assertThat(user).isNotNull();
		assertThat(user.id()).isEqualTo(USER_ID);
		assertThat(users().getByEmail("nobody@example.com").blockOptional()).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> users().getByEmail("").block());
		assertThatIllegalArgumentException().isThrownBy(() -> users().listByEmail(List.of()).block());
		assertThat(requests()).hasSize(2);
	}

	@Test
	void mergesMetadataKeepingNullsThatDeleteKeys() {
		wm.stubFor(patch("/v1/users/" + USER_ID + "/metadata").willReturn(okJson(USER)));
		Map<String, Object> publicMetadata = new LinkedHashMap<>();
		publicMetadata.put("plan", "pro");
		publicMetadata.put("trial", null);
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("customer", "cus_Q1w2e3");
		nested.put("old", null);
		DirectoryUser user = users().updateMetadata(USER_ID, publicMetadata, Map.of("stripe", nested)).block();
		verifyOne(patchRequestedFor(urlEqualTo("/v1/users/" + USER_ID + "/metadata")), """
				{"public_metadata":{"plan":"pro","trial":null},
				 "private_metadata":{"stripe":{"customer":"cus_Q1w2e3","old":null}}}
				""");
		assertThat(requests().get(0).getBodyAsString()).contains("\"trial\":null").contains("\"old\":null");
		assertThat(user).isNotNull();
		assertThat(user.id()).isEqualTo(USER_ID);
	}

	@Test
	void leavesEmptyMetadataAlone() {
		wm.stubFor(patch("/v1/users/" + USER_ID + "/metadata").willReturn(okJson(USER)));
		users().updateMetadata(USER_ID, Map.of(), Map.of("tier", 2)).block();
		verifyOne(patchRequestedFor(urlEqualTo("/v1/users/" + USER_ID + "/metadata")),
				"{\"private_metadata\":{\"tier\":2}}");
	}

	@Test
	void retriesAMetadataMergeThatFailedWithA503() {
		wm.stubFor(patch("/v1/users/" + USER_ID + "/metadata").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		wm.stubFor(patch("/v1/users/" + USER_ID + "/metadata").inScenario("retry")
			.whenScenarioStateIs("up")
			.willReturn(okJson(USER)));
		users().updateMetadata(USER_ID, Map.of("plan", "pro"), Map.of()).block();
		wm.verify(exactly(2), withHeaders(patchRequestedFor(urlEqualTo("/v1/users/" + USER_ID + "/metadata")))
			.withRequestBody(equalToJson("{\"public_metadata\":{\"plan\":\"pro\"}}")));
	}

	@Test
	void bansAndUnbans() {
		wm.stubFor(post("/v1/users/user_1/ban").willReturn(okJson(user("user_1", true))));
		wm.stubFor(post("/v1/users/user_1/unban").willReturn(okJson(user("user_1", false))));
		DirectoryUser banned = users().ban("user_1").block();
		DirectoryUser unbanned = users().unban("user_1").block();
		verifyOne(postRequestedFor(urlEqualTo("/v1/users/user_1/ban")));
		verifyOne(postRequestedFor(urlEqualTo("/v1/users/user_1/unban")));
		assertThat(requests().get(0).getBodyAsString()).isEmpty();
		assertThat(banned).isNotNull();
		assertThat(banned.banned()).isTrue();
		assertThat(unbanned).isNotNull();
		assertThat(unbanned.banned()).isFalse();
	}

	@Test
	void retriesABanThatFailedWithA503() {
		wm.stubFor(post("/v1/users/user_1/ban").inScenario("retry")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("up"));
		wm.stubFor(post("/v1/users/user_1/ban").inScenario("retry")
			.whenScenarioStateIs("up")
			.willReturn(okJson(user("user_1", true))));
		DirectoryUser banned = users().ban("user_1").block();
		assertThat(banned).isNotNull();
		assertThat(banned.banned()).isTrue();
		assertThat(requests()).hasSize(2);
	}

	@Test
	void deletesAUser() {
		wm.stubFor(delete("/v1/users/user_1")
			.willReturn(okJson("{\"object\":\"user\",\"id\":\"user_1\",\"deleted\":true}")));
		users().delete("user_1").block();
		verifyOne(deleteRequestedFor(urlEqualTo("/v1/users/user_1")));
		assertThat(requests()).hasSize(1);
	}

	@Test
	void deletingAUserThatIsGoneSucceedsButOtherErrorsFail() {
		wm.stubFor(delete("/v1/users/user_gone").willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody(notFound())));
		wm.stubFor(delete("/v1/users/user_1").willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"authorization_invalid\",\"message\":\"forbidden\"}]}")));
		users().delete("user_gone").block();
		assertThatExceptionOfType(SaasAuthenticationException.class).isThrownBy(() -> users().delete("user_1").block())
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("authorization_invalid"));
	}

	@Test
	void aSuccessWithoutUserIsMalformed() {
		wm.stubFor(post("/v1/users/user_1/ban").willReturn(okJson("{}")));
		assertThatExceptionOfType(SaasMalformedResponseException.class).isThrownBy(() -> users().ban("user_1").block())
			.withMessageContaining("users.ban")
			.withMessageContaining("no user id");
	}

	@Test
	void theSecretKeyNeverAppearsInExceptions() {
		wm.stubFor(get("/v1/users/user_1").willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"authentication_invalid\",\"message\":\"Unauthorized\","
					+ "\"long_message\":\"The secret key " + SECRET_KEY + " is invalid\"}]}")));
		assertThatExceptionOfType(SaasAuthenticationException.class).isThrownBy(() -> users().get("user_1").block())
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).doesNotContain(SECRET_KEY).contains(Secrets.MASK);
				assertThat(ex.getProviderMessage()).doesNotContain(SECRET_KEY);
				assertThat(ex.getErrorCode()).isEqualTo("authentication_invalid");
			});
		assertThat(users().toString()).doesNotContain(SECRET_KEY);
		assertThat(users().provider()).isEqualTo("clerk");
	}

	@Test
	void worksBehindTheBlockingDirectory() {
		wm.stubFor(get("/v1/users/" + USER_ID).willReturn(okJson(USER)));
		BlockingUserDirectory directory = new BlockingUserDirectory(users());
		assertThat(directory.provider()).isEqualTo("clerk");
		assertThat(directory.get(USER_ID).emails()).first().isEqualTo("ada@example.com");
	}

	@Test
	void httpClientRequiresASecretKey() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ClerkUsers.httpClient(SaasHttpClientFactory.standalone(), properties, ""))
			.withMessage("secretKey must not be empty");
	}

}
