package io.saasstack.media.cloudinary;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
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
 * Tests for {@link CloudinaryErrorDecoder}.
 */
class CloudinaryErrorDecoderTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final CloudinaryErrorDecoder decoder = new CloudinaryErrorDecoder();

	@Test
	void decodesDocumentedJsonErrorKeepingTheStringToSign() {
		ProviderError error = decode(401, MediaType.APPLICATION_JSON, null,
				"{\"error\":{\"message\":\"Invalid Signature 0123abcd. String to sign - 'public_id=sample&timestamp=1315060510'.\"}}");
		assertThat(error.code()).isNull();
		assertThat(error.message())
			.isEqualTo("Invalid Signature 0123abcd. String to sign - 'public_id=sample&timestamp=1315060510'.");
		assertThat(error.requestId()).isNull();
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void status420IsRateLimitedAndRetryable() {
		ProviderError error = decode(420, MediaType.APPLICATION_JSON, null,
				"{\"error\":{\"message\":\"Rate Limit Exceeded\"}}");
		assertThat(error.message()).isEqualTo("Rate Limit Exceeded");
		assertThat(error.rateLimited()).isTrue();
		assertThat(error.retryable()).isTrue();
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 409, 429, 500, 502 })
	void otherStatusesAreLeftToTheClient(int status) {
		ProviderError error = decode(status, MediaType.APPLICATION_JSON, null, "{\"error\":{\"message\":\"m\"}}");
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void deliveryErrorHeaderIsTheMessageOfAnEmptyBody() {
		ProviderError error = decode(400, null, "Invalid width - abc", "");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("Invalid width - abc");
	}

	@Test
	void deliveryErrorHeaderWinsOverAnHtmlBody() {
		ProviderError error = decode(404, MediaType.TEXT_HTML, "Resource not found - sample.jpg",
				"<html><body>Not found</body></html>");
		assertThat(error.message()).isEqualTo("Resource not found - sample.jpg");
	}

	@Test
	void jsonMessageWinsOverDeliveryErrorHeader() {
		ProviderError error = decode(400, MediaType.APPLICATION_JSON, "header text",
				"{\"error\":{\"message\":\"body text\"}}");
		assertThat(error.message()).isEqualTo("body text");
	}

	@Test
	void nonJsonBodyWithoutHeaderGivesSnippet() {
		ProviderError error = decode(502, MediaType.TEXT_HTML, null,
				"<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>");
		assertThat(error.message()).isEqualTo("502 Bad Gateway Bad Gateway");
	}

	@Test
	void emptyBodyWithoutHeaderGivesNothing() {
		assertThat(decode(500, null, null, "")).isEqualTo(new ProviderError(null, null, null, null, false));
	}

	@Test
	void jsonWithoutMessageGivesNoMessage() {
		assertThat(decode(400, MediaType.APPLICATION_JSON, null, "{\"error\":{}}").message()).isNull();
	}

	@Test
	void plainStringErrorIsTheMessage() {
		assertThat(decode(400, MediaType.APPLICATION_JSON, null, "{\"error\":\"Bad request\"}").message())
			.isEqualTo("Bad request");
	}

	@Test
	void rateLimitThroughTheClientIsRetryableWithFeatureHeaders() {
		wm.stubFor(get("/v1_1/demo/resources/image").willReturn(aResponse().withStatus(420)
			.withHeader("Content-Type", "application/json; charset=utf-8")
			.withHeader("X-Request-Id", "ed5691d50f137e37")
			.withHeader("X-FeatureRateLimit-Limit", "500")
			.withHeader("X-FeatureRateLimit-Remaining", "0")
			.withHeader("X-FeatureRateLimit-Reset", "Wed, 03 Oct 2012 08:00:00 GMT")
			.withBody("{\"error\":{\"message\":\"Rate Limit Exceeded\"}}")));
		Clock clock = Clock.fixed(Instant.parse("2012-10-03T07:30:00Z"), ZoneOffset.UTC);
		SaasHttpClient client = SaasHttpClientFactory.standalone()
			.client("cloudinary")
			.baseUrl(URI.create(wm.baseUrl()))
			.errorDecoder(new CloudinaryErrorDecoder())
			.rateLimitParser(new CloudinaryRateLimitParser(clock))
			.retryPolicy(RetryPolicy.NONE)
			.build();
		SaasRequest request = SaasRequest.get("resources.list", "/v1_1/{cloud}/resources/image", "demo").build();
		assertThatExceptionOfType(SaasRateLimitException.class)
			.isThrownBy(() -> client.retrieve(request, Map.class).block())
			.satisfies((ex) -> {
				assertThat(ex.getProvider()).isEqualTo("cloudinary");
				assertThat(ex.getStatus()).isEqualTo(420);
				assertThat(ex.getErrorCode()).isNull();
				assertThat(ex.getProviderMessage()).isEqualTo("Rate Limit Exceeded");
				assertThat(ex.getRequestId()).isEqualTo("ed5691d50f137e37");
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getError().rateLimited()).isTrue();
				assertThat(ex.getRateLimit().limit()).isEqualTo(500L);
				assertThat(ex.getRateLimit().remaining()).isZero();
				assertThat(ex.getRateLimit().reset()).isEqualTo(Duration.ofMinutes(30));
				assertThat(ex.getRateLimit().retryAfter()).isNull();
				assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofMinutes(30));
			});
	}

	private ProviderError decode(int status, MediaType contentType, String cldError, String body) {
		HttpHeaders headers = new HttpHeaders();
		if (contentType != null) {
			headers.setContentType(contentType);
		}
		if (cldError != null) {
			headers.set("X-Cld-Error", cldError);
		}
		return this.decoder.decode(new ErrorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
	}

}
