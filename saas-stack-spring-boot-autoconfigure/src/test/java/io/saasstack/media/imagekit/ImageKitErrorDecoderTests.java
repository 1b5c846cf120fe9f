package io.saasstack.media.imagekit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ImageKitErrorDecoder}.
 */
class ImageKitErrorDecoderTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ImageKitErrorDecoder decoder = new ImageKitErrorDecoder();

	@Test
	void decodesDocumentedJsonError() {
		ProviderError error = decode(400, null, "{\"message\":\"Your request contains invalid expire parameter. "
				+ "Expire parameter should be a Unix time in less than 1 hour into the future.\","
				+ "\"help\":\"For support kindly contact us at support@imagekit.io .\"}");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("Your request contains invalid expire parameter. "
				+ "Expire parameter should be a Unix time in less than 1 hour into the future.");
		assertThat(error.requestId()).isNull();
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void bulkErrorKeepsTheMessage() {
		ProviderError error = decode(404, null, "{\"message\":\"The requested file(s) does not exist.\","
				+ "\"help\":\"For support kindly contact us at support@imagekit.io .\",\"missingFileIds\":[\"f1\",\"f2\"]}");
		assertThat(error.message()).isEqualTo("The requested file(s) does not exist.");
	}

	@ParameterizedTest(name = "x-should-retry: \"{1}\" on {0}")
	@CsvSource({ "400, true, true", "409, TRUE, true", "429, ' true ', true", "503, false, false",
			"500, False, false" })
	void honoursShouldRetryHeader(int status, String header, boolean retryable) {
		ProviderError error = decode(status, header, "{\"message\":\"m\",\"help\":\"h\"}");
		assertThat(error.retryable()).isEqualTo(retryable);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "yes", "1", "maybe" })
	void ignoresOtherShouldRetryValues(String header) {
		assertThat(decode(503, header, "{\"message\":\"m\"}").retryable()).isNull();
	}

	@Test
	void nonJsonBodyGivesSnippet() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.TEXT_HTML);
		ProviderError error = this.decoder.decode(new ErrorResponse(502, headers,
				"<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8)));
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("502 Bad Gateway");
		assertThat(error.retryable()).isNull();
	}

	@Test
	void emptyBodyGivesNothing() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("x-should-retry", "true");
		ProviderError error = this.decoder.decode(new ErrorResponse(500, headers, new byte[0]));
		assertThat(error).isEqualTo(new ProviderError(null, null, null, true, false));
	}

	@Test
	void rateLimitThroughTheClientWaitsTheResetInMilliseconds() {
		wm.stubFor(get("/v1/files/f1/details").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("x-request-id", "ik-req-1")
			.withHeader("x-should-retry", "true")
			.withHeader("X-RateLimit-Limit", "10")
			.withHeader("X-RateLimit-Reset", "1500")
			.withHeader("X-RateLimit-Interval", "1000")
			.withBody("{\"message\":\"Too many requests\",\"help\":\"For support kindly contact us at support@imagekit.io .\"}")));
		SaasHttpClient client = SaasHttpClientFactory.standalone()
			.client("imagekit")
			.baseUrl(URI.create(wm.baseUrl()))
			.errorDecoder(new ImageKitErrorDecoder())
			.rateLimitParser(new ImageKitRateLimitParser())
			.retryPolicy(RetryPolicy.NONE)
			.build();
		SaasRequest request = SaasRequest.get("files.details", "/v1/files/{id}/details", "f1").build();
		assertThatExceptionOfType(SaasRateLimitException.class)
			.isThrownBy(() -> client.retrieve(request, Map.class).block())
			.satisfies((ex) -> {
				assertThat(ex.getProvider()).isEqualTo("imagekit");
				assertThat(ex.getStatus()).isEqualTo(429);
				assertThat(ex.getErrorCode()).isNull();
				assertThat(ex.getProviderMessage()).isEqualTo("Too many requests");
				assertThat(ex.getRequestId()).isEqualTo("ik-req-1");
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getRateLimit().limit()).isEqualTo(10L);
				assertThat(ex.getRateLimit().remaining()).isNull();
				assertThat(ex.getRateLimit().reset()).isEqualTo(Duration.ofMillis(1500));
				assertThat(ex.getRateLimit().retryAfter()).isNull();
				assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofMillis(1500));
			});
	}

	private ProviderError decode(int status, String shouldRetry, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (shouldRetry != null) {
			headers.set("x-should-retry", shouldRetry);
		}
		return this.decoder.decode(new ErrorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
	}

}
