package io.saasstack.auth.clerk;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.security.TokenFailure;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClerkMachineTokens} against WireMock: the exact request of each verify call
 * (method, path without {@code /v1}, headers, JSON body, as {@code @clerk/backend} 3.25.0 sends
 * it), the mapping of the answers, the SDK's status mapping, and the 200 answers the SDK trusts
 * but we refuse.
 */
class ClerkMachineTokensTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String SECRET_KEY = "sk_test_machine0123456789abcdefghij";

	static final String MACHINE_SECRET_KEY = "ak_machine0123456789abcdefghijklmn";

	static final Instant NOW = TestTokens.NOW;

	static final String API_KEY = "ak_live_secret_0123456789abcdef";

	static final String M2M = "mt_0123456789abcdef0123456789abcdef";

	static final String OAUTH = "oat_0123456789abcdef0123456789abcdef";

	/** An {@code api_key} verify answer of the BAPI schema, every required field set. */
	static String apiKeyAnswer(boolean revoked, boolean expired, Object expiration) {
		return """
				{"object":"api_key","id":"ak_3beecc9c60adb5f9b850e91a8ee1e992","type":"api_key",
				 "subject":"user_2xhFjEI5X2qWRvtV13BzSj8H6Dk","name":"NIGHTLY_REPORTS","description":null,
				 "claims":{"team":"data"},"scopes":["reports:read","reports:write"],"revoked":%s,
				 "revocation_reason":null,"expired":%s,"expiration":%s,"created_by":null,
				 "last_used_at":null,"created_at":1716883200000,"updated_at":1716883200000}
				""".formatted(revoked, expired, expiration);
	}

	static String m2mAnswer() {
		return """
				{"object":"machine_to_machine_token","id":"mt_f7f0ba8c3b4843ce7d85fcdd5e71853e",
				 "subject":"mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk","claims":{"job":"nightly"},
				 "scopes":["mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em"],"revoked":false,"revocation_reason":null,
				 "expired":false,"expiration":%d,"last_used_at":null,"created_at":1716883200000,
				 "updated_at":1716883200000}
				""".formatted(NOW.plusSeconds(3600).toEpochMilli());
	}

	static String oauthAnswer() {
		return """
				{"object":"clerk_idp_oauth_access_token","id":"oat_0ef5a7a33d87ed87ee7954c845d80450",
				 "client_id":"client_2xhFjEI5X2qWRvtV13BzSj8H6Dk","subject":"user_2xhFjEI5X2qWRvtV13BzSj8H6Dk",
				 "scopes":["profile","reports:read"],"revoked":false,"revocation_reason":null,"expired":false,
				 "expiration":null,"created_at":1716883200000,"updated_at":1716883200000}
				""";
	}

	static SaasHttpClient http(String key) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(2));
		properties.setResponseTimeout(Duration.ofSeconds(5));
		return ClerkMachineTokens.httpClient(SaasHttpClientFactory.standalone(), properties, key);
	}

	static ClerkMachineTokens tokens() {
		return new ClerkMachineTokens(http(SECRET_KEY), null, TestTokens.CLOCK, Duration.ofSeconds(5));
	}

	static RequestPatternBuilder verifyCall(String path, String key, String json) {
		return postRequestedFor(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + key))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Clerk-API-Version", equalTo("2026-05-12"))
			.withRequestBody(equalToJson(json, false, false));
	}

	@Test
	void apiKeyIsPostedAsSecretWithoutV1AndMapped() {
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(okJson(apiKeyAnswer(false, false, "null"))));
		SaasMachine machine = tokens().verify(ClerkTokenType.API_KEY, API_KEY).block();
		wm.verify(exactly(1), verifyCall("/api_keys/verify", SECRET_KEY, "{\"secret\":\"" + API_KEY + "\"}"));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
		assertThat(machine).isEqualTo(new SaasMachine("clerk", SaasTokenType.API_KEY,
				"ak_3beecc9c60adb5f9b850e91a8ee1e992", "user_2xhFjEI5X2qWRvtV13BzSj8H6Dk", "NIGHTLY_REPORTS", null,
				List.of("reports:read", "reports:write"), Map.of("team", "data"), null));
	}

	@Test
	void m2mTokenIsPostedAsTokenWithTheSecretKeyWhenNoMachineKeyIsSet() {
		wm.stubFor(post(urlEqualTo("/m2m_tokens/verify")).willReturn(okJson(m2mAnswer())));
		SaasMachine machine = tokens().verify(ClerkTokenType.M2M_TOKEN, M2M).block();
		wm.verify(exactly(1), verifyCall("/m2m_tokens/verify", SECRET_KEY, "{\"token\":\"" + M2M + "\"}"));
		assertThat(machine.tokenType()).isEqualTo(SaasTokenType.M2M_TOKEN);
		assertThat(machine.id()).isEqualTo("mt_f7f0ba8c3b4843ce7d85fcdd5e71853e");
		assertThat(machine.subject()).isEqualTo("mch_2xhFjEI5X2qWRvtV13BzSj8H6Dk");
		assertThat(machine.scopes()).containsExactly("mch_2yGkLpQ7Y3rXSwtU24CzTk9I7Em");
		assertThat(machine.claims()).containsExactly(Map.entry("job", "nightly"));
		assertThat(machine.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
		assertThat(machine.name()).isNull();
	}

	@Test
	void m2mTokenIsVerifiedWithTheMachineSecretKeyWhenSet() {
		wm.stubFor(post(urlEqualTo("/m2m_tokens/verify")).willReturn(okJson(m2mAnswer())));
		ClerkMachineTokens tokens = new ClerkMachineTokens(http(SECRET_KEY), http(MACHINE_SECRET_KEY),
				TestTokens.CLOCK, Duration.ofSeconds(5));
		tokens.verify(ClerkTokenType.M2M_TOKEN, M2M).block();
		wm.verify(exactly(1), verifyCall("/m2m_tokens/verify", MACHINE_SECRET_KEY, "{\"token\":\"" + M2M + "\"}"));
		// API keys and OAuth tokens keep the instance's secret key
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(okJson(apiKeyAnswer(false, false, "null"))));
		tokens.verify(ClerkTokenType.API_KEY, API_KEY).block();
		wm.verify(exactly(1), verifyCall("/api_keys/verify", SECRET_KEY, "{\"secret\":\"" + API_KEY + "\"}"));
	}

	@Test
	void oauthTokenIsPostedAsAccessTokenWithoutV1AndMapped() {
		wm.stubFor(post(urlEqualTo("/oauth_applications/access_tokens/verify")).willReturn(okJson(oauthAnswer())));
		SaasMachine machine = tokens().verify(ClerkTokenType.OAUTH_TOKEN, OAUTH).block();
		wm.verify(exactly(1), verifyCall("/oauth_applications/access_tokens/verify", SECRET_KEY,
				"{\"access_token\":\"" + OAUTH + "\"}"));
		assertThat(machine.tokenType()).isEqualTo(SaasTokenType.OAUTH_TOKEN);
		assertThat(machine.clientId()).isEqualTo("client_2xhFjEI5X2qWRvtV13BzSj8H6Dk");
		assertThat(machine.subject()).isEqualTo("user_2xhFjEI5X2qWRvtV13BzSj8H6Dk");
		assertThat(machine.scopes()).containsExactly("profile", "reports:read");
		assertThat(machine.expiresAt()).isNull();
	}

	@Test
	void notFoundIsTokenInvalid() {
		wm.stubFor(post(urlPathMatching("/.*/verify")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"resource_not_found\",\"message\":\"not found\",\"long_message\":\"x\"}]}")));
		for (ClerkTokenType type : List.of(ClerkTokenType.API_KEY, ClerkTokenType.M2M_TOKEN,
				ClerkTokenType.OAUTH_TOKEN)) {
			assertRefused(type, TokenFailure.INVALID, "token-invalid");
		}
	}

	@Test
	void unauthorizedIsSecretKeyInvalidAndNotTheCallersFault() {
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"authentication_invalid\",\"message\":\"bad key\",\"long_message\":\"x\"}]}")));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.VERIFICATION_UNAVAILABLE, "secret-key-invalid");
	}

	@Test
	void rateLimitServerErrorsAndResetsAreUnavailableNeverAccepted() {
		wm.stubFor(post(urlEqualTo("/api_keys/verify"))
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3")));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.VERIFICATION_UNAVAILABLE, "unexpected-error");
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(aResponse().withStatus(503)));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.VERIFICATION_UNAVAILABLE, "unexpected-error");
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(aResponse()
			.withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.VERIFICATION_UNAVAILABLE, "unexpected-error");
		// one attempt each: the request waiting for authentication is not kept waiting by retries
		assertThat(wm.findAll(postRequestedFor(urlEqualTo("/api_keys/verify")))).hasSize(3);
	}

	@Test
	void otherClientErrorsAreInvalid() {
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(aResponse().withStatus(400)));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.INVALID, "unexpected-error");
	}

	@Test
	void malformedAnswersAreRefused() {
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(okJson("{\"object\":\"api_key\"}")));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.VERIFICATION_UNAVAILABLE, "unexpected-error");
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(okJson("[1,2]")));
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> tokens().verify(ClerkTokenType.API_KEY, API_KEY).block());
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(aResponse().withStatus(200).withBody("{not json")));
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> tokens().verify(ClerkTokenType.API_KEY, API_KEY).block());
	}

	/** @clerk/backend returns any 200 as verified; we read revoked, expired and expiration. */
	@Test
	void stricterThanTheSdkRevokedOrExpiredIn200IsRefused() {
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(okJson(apiKeyAnswer(true, false, "null"))));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.INVALID, "token-revoked");
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(okJson(apiKeyAnswer(false, true, "null"))));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.EXPIRED, "token-expired");
		long passed = NOW.minusSeconds(6).toEpochMilli();
		wm.stubFor(post(urlEqualTo("/api_keys/verify"))
			.willReturn(okJson(apiKeyAnswer(false, false, String.valueOf(passed)))));
		assertRefused(ClerkTokenType.API_KEY, TokenFailure.EXPIRED, "token-expired");
		// within the clock skew
		long justPassed = NOW.minusSeconds(4).toEpochMilli();
		wm.stubFor(post(urlEqualTo("/api_keys/verify"))
			.willReturn(okJson(apiKeyAnswer(false, false, String.valueOf(justPassed)))));
		assertThat(tokens().verify(ClerkTokenType.API_KEY, API_KEY).block().expiresAt())
			.isEqualTo(Instant.ofEpochMilli(justPassed));
	}

	@Test
	void inactiveOAuthAnswerIsRefused() {
		wm.stubFor(post(urlEqualTo("/oauth_applications/access_tokens/verify")).willReturn(okJson("{\"active\":false}")));
		assertRefused(ClerkTokenType.OAUTH_TOKEN, TokenFailure.INVALID, "token-invalid");
	}

	@Test
	void refusalsCarryNeitherTheTokenNorTheKey() {
		wm.stubFor(post(urlEqualTo("/api_keys/verify")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"x\",\"message\":\"" + SECRET_KEY + "\",\"long_message\":\"x\"}]}")));
		ClerkMachineTokenException refused = refusal(ClerkTokenType.API_KEY);
		for (Throwable failure = refused; failure != null; failure = failure.getCause()) {
			assertThat(String.valueOf(failure.getMessage())).doesNotContain(API_KEY).doesNotContain(SECRET_KEY);
		}
		assertThat(tokens().toString()).doesNotContain(SECRET_KEY);
	}

	private static void assertRefused(ClerkTokenType type, TokenFailure failure, String reason) {
		ClerkMachineTokenException refused = refusal(type);
		assertThat(refused.failure()).as(type.name()).isEqualTo(failure);
		assertThat(refused.getReason()).as(type.name()).isEqualTo(reason);
	}

	private static ClerkMachineTokenException refusal(ClerkTokenType type) {
		String token = switch (type) {
			case API_KEY -> API_KEY;
			case M2M_TOKEN -> M2M;
			default -> OAUTH;
		};
		return org.assertj.core.api.Assertions.catchThrowableOfType(ClerkMachineTokenException.class,
				() -> tokens().verify(type, token).block());
	}

}
