package io.saasstack.mail.resend;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.RetryPolicy;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ResendErrorDecoder}.
 */
class ResendErrorDecoderTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ResendErrorDecoder decoder = new ResendErrorDecoder();

	@Test
	void decodesDocumentedJsonError() {
		ProviderError error = decode(422,
				"{\"statusCode\":422,\"name\":\"missing_required_field\",\"message\":\"Missing `to` field.\"}");
		assertThat(error.code()).isEqualTo("missing_required_field");
		assertThat(error.message()).isEqualTo("Missing `to` field.");
		assertThat(error.requestId()).isNull();
		assertThat(error.retryable()).isFalse();
		assertThat(error.rateLimited()).isFalse();
	}

	@ParameterizedTest(name = "{0} ({1}): retryable={2}, rateLimited={3}")
	@CsvSource({
			// mail-resend.md §7, every row of the table
			"invalid_idempotency_key, 400, false, false", "validation_error, 400, false, false",
			"validation_error, 401, false, false", "validation_error, 403, false, false",
			"missing_api_key, 401, false, false", "restricted_api_key, 401, false, false",
			"invalid_api_key, 403, false, false", "invalid_from_address, 403, false, false",
			"invalid_to_address, 403, false, false", "email_above_quota, 403, false, false",
			"invalid_permission, 403, false, false", "suspended_api_key, 403, false, false",
			"not_found, 404, false, false", "method_not_allowed, 405, false, false",
			"invalid_idempotent_request, 409, false, false", "concurrent_idempotent_requests, 409, true, false",
			"resource_locked, 409, true, false", "invalid_attachment, 422, false, false",
			"invalid_parameter, 422, false, false", "missing_required_field, 422, false, false",
			"missing_required_parameter, 422, false, false", "invalid_access, 422, false, false",
			"invalid_region, 422, false, false", "invalid_scope, 422, false, false",
			"daily_quota_exceeded, 429, false, true", "monthly_quota_exceeded, 429, false, true",
			"rate_limit_exceeded, 429, true, true", "security_error, 400, false, false",
			"application_error, 500, true, false", "internal_server_error, 500, true, false",
			"service_unavailable, 500, true, false", "service_unavailable, 503, true, false" })
	void appliesTheRetryTableByName(String name, int status, boolean retryable, boolean rateLimited) {
		ProviderError error = decode(status,
				"{\"statusCode\":" + status + ",\"name\":\"" + name + "\",\"message\":\"text of " + name + "\"}");
		assertThat(error.code()).isEqualTo(name);
		assertThat(error.message()).isEqualTo("text of " + name);
		assertThat(error.retryable()).isEqualTo(retryable);
		assertThat(error.rateLimited()).isEqualTo(rateLimited);
	}

	@Test
	void quotaRejectionsAreRateLimitedButNotRetryable() {
		ProviderError error = decode(429, "{\"statusCode\":429,\"name\":\"daily_quota_exceeded\","
				+ "\"message\":\"You have reached your daily email sending quota.\"}");
		assertThat(error.rateLimited()).isTrue();
		assertThat(error.retryable()).isFalse();
	}

	@Test
	void unknownNameLeavesTheDecisionToTheStatus() {
		ProviderError error = decode(503, "{\"statusCode\":503,\"name\":\"brand_new_error\",\"message\":\"New.\"}");
		assertThat(error.code()).isEqualTo("brand_new_error");
		assertThat(error.message()).isEqualTo("New.");
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void jsonWithoutNameHasNoCodeAndNoVerdict() {
		ProviderError error = decode(500, "{\"message\":\"Something broke\"}");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("Something broke");
		assertThat(error.retryable()).isNull();
	}

	@Test
	void jsonWithoutMessageHasNoMessage() {
		ProviderError error = decode(422, "{\"statusCode\":422,\"name\":\"invalid_parameter\"}");
		assertThat(error.code()).isEqualTo("invalid_parameter");
		assertThat(error.message()).isNull();
	}

	@Test
	void cloudflarePlainTextBlockGivesSnippetAndNoCode() {
		ProviderError error = decode(403, MediaType.TEXT_PLAIN, "error code: 1010");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("error code: 1010");
		assertThat(error.requestId()).isNull();
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void cloudflareHtmlPageGivesItsText() {
		ProviderError error = decode(403, MediaType.TEXT_HTML,
				"<html><head><title>Access denied</title><style>body{}</style></head>"
						+ "<body><h1>Error 1010</h1><p>The owner of this website has banned your access.</p></body></html>");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("Access denied Error 1010 The owner of this website has banned your access.");
	}

	@Test
	void emptyServerErrorHasNoCodeNoMessageAndNoVerdict() {
		ProviderError error = decode(502, "");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isNull();
		assertThat(error.requestId()).isNull();
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void jsonThatIsNotAnObjectIsTreatedAsText() {
		ProviderError error = decode(500, "[\"boom\"]");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("[\"boom\"]");
	}

	@Test
	void quotaRejectionThroughTheClientIsANonRetryableRateLimitException() {
		wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/emails")
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withHeader("x-request-id", "req_123")
				.withHeader("ratelimit-limit", "5")
				.withHeader("ratelimit-remaining", "0")
				.withHeader("ratelimit-reset", "1")
				.withHeader("retry-after", "1")
				.withBody("{\"statusCode\":429,\"name\":\"daily_quota_exceeded\","
						+ "\"message\":\"You have reached your daily email sending quota.\"}")));
		SaasHttpClient client = SaasHttpClientFactory.standalone()
			.client("resend")
			.baseUrl(URI.create(wm.baseUrl()))
			.errorDecoder(new ResendErrorDecoder())
			.retryPolicy(RetryPolicy.NONE)
			.build();
		SaasRequest request = SaasRequest.post("emails.send", "/emails")
			.json(Map.of("from", "a@example.com", "to", "b@example.com", "subject", "Hi"))
			.build();
		assertThatExceptionOfType(SaasRateLimitException.class)
			.isThrownBy(() -> client.exchange(request, Void.class).block())
			.satisfies((ex) -> {
				assertThat(ex.getProvider()).isEqualTo("resend");
				assertThat(ex.getOperation()).isEqualTo("emails.send");
				assertThat(ex.getStatus()).isEqualTo(429);
				assertThat(ex.getErrorCode()).isEqualTo("daily_quota_exceeded");
				assertThat(ex.getProviderMessage()).isEqualTo("You have reached your daily email sending quota.");
				assertThat(ex.getRequestId()).isEqualTo("req_123");
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getError().rateLimited()).isTrue();
				assertThat(ex.getRateLimit().limit()).isEqualTo(5L);
				assertThat(ex.getRateLimit().remaining()).isZero();
				assertThat(ex.getRateLimit().reset()).isEqualTo(Duration.ofSeconds(1));
				assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(1));
				assertThat(ex.getMessage()).isEqualTo("resend emails.send failed with HTTP 429 [daily_quota_exceeded]: "
						+ "You have reached your daily email sending quota. (request id req_123)");
			});
		wm.verify(1, postRequestedFor(urlEqualTo("/emails")));
	}

	private ProviderError decode(int status, String body) {
		return decode(status, MediaType.APPLICATION_JSON, body);
	}

	private ProviderError decode(int status, MediaType contentType, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(contentType);
		return this.decoder.decode(new ErrorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
	}

}
