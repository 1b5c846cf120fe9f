package io.saasstack.auth.supabase;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.RetryPolicy;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasJson;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SupabaseErrorDecoder}, including the {@code supabase/error-shape} vectors.
 */
class SupabaseErrorDecoderTests {

	private static final String VECTORS = "/vectors/supabase-error-shape.json";

	/**
	 * What each vector must decode to. The vectors record GoTrue's output (status, body, headers);
	 * two of them give no status, which their names state ("uncoded 4xx" is sent as a 400).
	 */
	private static final Map<String, Expected> EXPECTED = Map.of(
			"legacy (no X-Supabase-Api-Version header)",
			new Expected(400, "bad_json", "Unable to parse JSON", null),
			"X-Supabase-Api-Version: 2023-12-31", new Expected(400, "bad_json", "Unable to parse JSON", null),
			"2024-01-01, uncoded 4xx", new Expected(400, "unknown", "Uncoded failure", null),
			"2024-01-01, 500", new Expected(500, "unexpected_failure", "Unexpected failure", true));

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final SupabaseErrorDecoder decoder = new SupabaseErrorDecoder();

	static Stream<Arguments> vectors() {
		return Vectors.arguments(VECTORS);
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(vectors()));
	}

	@Test
	void everyVectorHasAnExpectation() {
		assertThat(Vectors.names(vectors())).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void decodesVector(String name, JsonNode vector) {
		VectorCase.run(vector, (v) -> decodes(EXPECTED.get(name), v));
		RUNS.ran(name);
	}

	private void decodes(Expected expected, VectorCase v) {
		assertThat(expected).as("our expectation for %s", v.name()).isNotNull();
		// what GoTrue was asked, which shaped its answer (expected.*); the decoder reads the answer only
		v.ignore("input.requestHeaders", "the API version GoTrue was asked for; the decoder reads every version's shape")
			.ignore("input.error", "the server-side error provoked; its answer is expected.body");
		if (v.has("expected.status")) {
			assertThat(v.get("expected.status").asInt()).isEqualTo(expected.status());
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (v.has("expected.responseHeaders")) {
			v.get("expected.responseHeaders")
				.properties()
				.forEach((entry) -> headers.add(entry.getKey(), entry.getValue().asString()));
		}
		// GoTrue's answer, whole, is the decoder's input
		byte[] body = SaasJson.mapper().writeValueAsBytes(v.require("expected.body"));

		ProviderError error = this.decoder.decode(new ErrorResponse(expected.status(), headers, body));

		assertThat(error.code()).isEqualTo(expected.code());
		assertThat(error.message()).isEqualTo(expected.message());
		assertThat(error.requestId()).isNull();
		assertThat(error.retryable()).isEqualTo(expected.retryable());
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void legacyServerErrorCarriesErrorId() {
		ProviderError error = decode(500, "{\"code\":500,\"error_code\":\"unexpected_failure\","
				+ "\"msg\":\"Unexpected failure, please check server logs for more information\","
				+ "\"error_id\":\"8f3f7e2a-1b2c-4d5e-9f00-123456789abc\"}");
		assertThat(error.code()).isEqualTo("unexpected_failure");
		assertThat(error.message()).isEqualTo("Unexpected failure, please check server logs for more information");
		assertThat(error.requestId()).isEqualTo("8f3f7e2a-1b2c-4d5e-9f00-123456789abc");
		assertThat(error.retryable()).isTrue();
	}

	@Test
	void legacyNumericCodeIsNeverTheErrorCode() {
		ProviderError error = decode(404, "{\"code\":404,\"msg\":\"User not found\"}");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("User not found");
	}

	@Test
	void codeFallsBackToHeader() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set("x-sb-error-code", "user_not_found");
		ProviderError error = this.decoder.decode(new ErrorResponse(404, headers,
				"{\"code\":404,\"msg\":\"User not found\"}".getBytes(StandardCharsets.UTF_8)));
		assertThat(error.code()).isEqualTo("user_not_found");
		assertThat(error.message()).isEqualTo("User not found");
	}

	@Test
	void bodyCodeWinsOverHeader() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.set("x-sb-error-code", "something_else");
		ProviderError error = this.decoder.decode(new ErrorResponse(422, headers,
				"{\"code\":\"weak_password\",\"message\":\"Password is too weak\"}".getBytes(StandardCharsets.UTF_8)));
		assertThat(error.code()).isEqualTo("weak_password");
		assertThat(error.message()).isEqualTo("Password is too weak");
	}

	@Test
	void decodesOAuthStyleError() {
		ProviderError error = decode(400,
				"{\"error\":\"invalid_grant\",\"error_description\":\"Invalid Refresh Token: Refresh Token Not Found\"}");
		assertThat(error.code()).isEqualTo("invalid_grant");
		assertThat(error.message()).isEqualTo("Invalid Refresh Token: Refresh Token Not Found");
		assertThat(error.retryable()).isNull();
	}

	@Test
	void nonJsonBodyGivesSnippetAndHeaderCode() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.TEXT_HTML);
		headers.set("x-sb-error-code", "unexpected_failure");
		ProviderError error = this.decoder.decode(new ErrorResponse(502, headers,
				"<html><body><center><h1>502 Bad Gateway</h1></center></body></html>".getBytes(StandardCharsets.UTF_8)));
		assertThat(error.code()).isEqualTo("unexpected_failure");
		assertThat(error.message()).isEqualTo("502 Bad Gateway");
		assertThat(error.retryable()).isTrue();
	}

	@Test
	void emptyBodyGivesNoCodeAndNoMessage() {
		ProviderError error = this.decoder.decode(new ErrorResponse(401, new HttpHeaders(), new byte[0]));
		assertThat(error).isEqualTo(new ProviderError(null, null, null, null, false));
	}

	@ParameterizedTest
	@ValueSource(ints = { 500, 501, 502, 503, 504, 520, 521, 525, 529, 530 })
	void serverErrorsRetriedByAuthJsAreRetryable(int status) {
		assertThat(decode(status, "{\"code\":\"unexpected_failure\",\"message\":\"x\"}").retryable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 409, 422, 505, 511, 519, 531 })
	void otherStatusesAreLeftToTheClient(int status) {
		assertThat(decode(status, "{\"code\":\"validation_failed\",\"message\":\"x\"}").retryable()).isNull();
	}

	@Test
	void requestRateLimitIsRateLimitedAndRetryable() {
		ProviderError error = decode(429, "{\"code\":429,\"error_code\":\"over_request_rate_limit\","
				+ "\"msg\":\"Request rate limit reached\"}");
		assertThat(error.code()).isEqualTo("over_request_rate_limit");
		assertThat(error.rateLimited()).isTrue();
		assertThat(error.retryable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "over_email_send_rate_limit", "over_sms_send_rate_limit" })
	void sendRateLimitsAreRateLimitedButNotRetryable(String code) {
		ProviderError error = decode(429, "{\"code\":\"" + code + "\","
				+ "\"message\":\"For security purposes, you can only request this after 42 seconds.\"}");
		assertThat(error.code()).isEqualTo(code);
		assertThat(error.rateLimited()).isTrue();
		assertThat(error.retryable()).isFalse();
	}

	@Test
	void serverErrorThroughTheClientIsRetryableWithErrorId() {
		wm.stubFor(get("/auth/v1/admin/users/u1").willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-sb-error-code", "unexpected_failure")
			.withHeader("x-request-id", "gateway-id")
			.withBody("{\"code\":500,\"error_code\":\"unexpected_failure\",\"msg\":\"Unexpected failure\","
					+ "\"error_id\":\"err-123\"}")));
		SaasHttpClient client = SaasHttpClientFactory.standalone()
			.client("supabase")
			.baseUrl(URI.create(wm.baseUrl()))
			.errorDecoder(new SupabaseErrorDecoder())
			.retryPolicy(RetryPolicy.NONE)
			.build();
		SaasRequest request = SaasRequest.get("admin.users.get", "/auth/v1/admin/users/{id}", "u1").build();
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> client.retrieve(request, Map.class).block())
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(SaasRateLimitException.class);
				assertThat(ex.getProvider()).isEqualTo("supabase");
				assertThat(ex.getStatus()).isEqualTo(500);
				assertThat(ex.getErrorCode()).isEqualTo("unexpected_failure");
				assertThat(ex.getProviderMessage()).isEqualTo("Unexpected failure");
				assertThat(ex.getRequestId()).isEqualTo("err-123");
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getError().rateLimited()).isFalse();
				assertThat(ex.getRateLimit().isPresent()).isFalse();
			});
	}

	private ProviderError decode(int status, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return this.decoder.decode(new ErrorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
	}


	record Expected(int status, String code, String message, Boolean retryable) {
	}

}
