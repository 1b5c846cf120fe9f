package io.saasstack.events.logsnag;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.RetryPolicy;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LogSnagErrorDecoder}.
 */
class LogSnagErrorDecoderTests {

	/** The validation error of events-logsnag.md §5 (LS-NET fixture, path read by the JS SDK). */
	private static final String VALIDATION_ERROR = """
			{"message":"Validation Error",
			 "validation":{"body":[{"path":"event","type":"too_small","message":"Event name may not be an empty string"},
			                       {"path":"tags.tag-1","type":"custom","message":"Tag keys must be lowercase characters, or dashes"}],
			               "headers":[{"path":"authorization","type":"invalid_type","message":"Authorization header must be a valid Bearer token"}]}}
			""";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final LogSnagErrorDecoder decoder = new LogSnagErrorDecoder();

	@Test
	void joinsBodyValidationMessagesLikeTheJsSdk() {
		ProviderError error = decode(400, MediaType.APPLICATION_JSON, VALIDATION_ERROR);
		assertThat(error.code()).isEqualTo("validation_error");
		assertThat(error.message())
			.isEqualTo("Event name may not be an empty string, Tag keys must be lowercase characters, or dashes");
		assertThat(error.requestId()).isNull();
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void fallsBackToHeaderValidationMessages() {
		ProviderError error = decode(400, MediaType.APPLICATION_JSON, """
				{"message":"Validation Error","validation":{"body":[],
				 "headers":[{"path":"authorization","type":"invalid_type","message":"Authorization header must be a valid Bearer token"}]}}
				""");
		assertThat(error.code()).isEqualTo("validation_error");
		assertThat(error.message()).isEqualTo("Authorization header must be a valid Bearer token");
	}

	@Test
	void fallsBackToTopLevelMessage() {
		ProviderError error = decode(400, MediaType.APPLICATION_JSON,
				"{\"message\":\"Validation Error\",\"validation\":{\"body\":[{\"path\":\"event\"}]}}");
		assertThat(error.code()).isEqualTo("validation_error");
		assertThat(error.message()).isEqualTo("Validation Error");
	}

	@Test
	void validationMessageWithoutDetailsStillHasTheCode() {
		ProviderError error = decode(400, MediaType.APPLICATION_JSON, "{\"message\":\"Validation Error\"}");
		assertThat(error.code()).isEqualTo("validation_error");
		assertThat(error.message()).isEqualTo("Validation Error");
	}

	@Test
	void otherJsonErrorsHaveNoCode() {
		ProviderError error = decode(401, MediaType.APPLICATION_JSON, "{\"message\":\"Invalid token\"}");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("Invalid token");
		assertThat(error.retryable()).isNull();
	}

	@Test
	void nonJsonBodyGivesSnippet() {
		ProviderError error = decode(502, MediaType.TEXT_HTML,
				"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
						+ "<hr><center>nginx</center></body></html>");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("502 Bad Gateway 502 Bad Gateway nginx");
		assertThat(error.retryable()).isNull();
	}

	@Test
	void emptyBodyGivesNothing() {
		assertThat(decode(503, MediaType.APPLICATION_JSON, "")).isEqualTo(new ProviderError(null, null, null, null, false));
	}

	@Test
	void validationErrorThroughTheClientIsNotRetryable() {
		wm.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/log")
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withHeader("x-request-id", "ls-1")
				.withBody(VALIDATION_ERROR)));
		SaasHttpClient client = SaasHttpClientFactory.standalone()
			.client("logsnag")
			.baseUrl(URI.create(wm.baseUrl()))
			.errorDecoder(new LogSnagErrorDecoder())
			.retryPolicy(RetryPolicy.NONE)
			.build();
		SaasRequest request = SaasRequest.post("log", "/v1/log")
			.json(Map.of("project", "p", "channel", "c", "event", ""))
			.build();
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> client.exchange(request, Void.class).block())
			.satisfies((ex) -> {
				assertThat(ex).isNotInstanceOf(SaasRateLimitException.class);
				assertThat(ex.getProvider()).isEqualTo("logsnag");
				assertThat(ex.getStatus()).isEqualTo(400);
				assertThat(ex.getErrorCode()).isEqualTo("validation_error");
				assertThat(ex.getProviderMessage())
					.isEqualTo("Event name may not be an empty string, Tag keys must be lowercase characters, or dashes");
				assertThat(ex.getRequestId()).isEqualTo("ls-1");
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getRateLimit().isPresent()).isFalse();
			});
	}

	private ProviderError decode(int status, MediaType contentType, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(contentType);
		return this.decoder.decode(new ErrorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
	}

}
