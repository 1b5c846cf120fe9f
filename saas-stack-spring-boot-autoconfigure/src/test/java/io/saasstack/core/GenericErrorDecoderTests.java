package io.saasstack.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GenericErrorDecoder}, the {@link ProviderErrorDecoder#GENERIC} decoder.
 */
class GenericErrorDecoderTests {

	private static ProviderError decode(String body, String... headerNamesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < headerNamesAndValues.length; i += 2) {
			headers.add(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
		}
		return ProviderErrorDecoder.GENERIC
			.decode(new ErrorResponse(400, headers, body.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void shouldReadCodeAndMessage() {
		assertThat(decode("{\"code\":\"invalid_email\",\"message\":\"Email is invalid\"}"))
			.isEqualTo(ProviderError.of("invalid_email", "Email is invalid", null));
	}

	@Test
	void shouldReadNameAsCode() {
		assertThat(decode("{\"statusCode\":422,\"name\":\"validation_error\",\"message\":\"Invalid `to` field\"}"))
			.isEqualTo(ProviderError.of("validation_error", "Invalid `to` field", null));
	}

	@Test
	void shouldReadNestedError() {
		assertThat(decode("{\"error\":{\"code\":\"resource_missing\",\"message\":\"No such item\"}}"))
			.isEqualTo(ProviderError.of("resource_missing", "No such item", null));
	}

	@Test
	void shouldReadOAuthError() {
		assertThat(decode("{\"error\":\"invalid_grant\",\"error_description\":\"Refresh token expired\"}"))
			.isEqualTo(ProviderError.of("invalid_grant", "Refresh token expired", null));
	}

	@Test
	void shouldReadErrorCodeAndMsg() {
		assertThat(decode("{\"error_code\":\"bad_jwt\",\"msg\":\"invalid JWT\"}"))
			.isEqualTo(ProviderError.of("bad_jwt", "invalid JWT", null));
	}

	@Test
	void shouldUseSnippetOfNonJsonBodyAsMessage() {
		assertThat(decode("upstream connect error")).isEqualTo(ProviderError.of(null, "upstream connect error", null));
	}

	@Test
	void shouldHaveNoMessageForJsonWithoutKnownFields() {
		assertThat(decode("{\"detail\":\"unknown shape\"}")).isEqualTo(ProviderError.of(null, null, null));
		assertThat(decode("")).isEqualTo(ProviderError.of(null, null, null));
	}

	@Test
	void shouldReadRequestIdHeadersMostSpecificFirst() {
		assertThat(decode("{}", "cf-ray", "ray", "request-id", "rid", "x-request-id", "xrid").requestId())
			.isEqualTo("xrid");
		assertThat(decode("{}", "cf-ray", "ray", "request-id", "rid").requestId()).isEqualTo("rid");
		assertThat(decode("{}", "cf-ray", "ray", "x-amzn-RequestId", "amzn").requestId()).isEqualTo("amzn");
		assertThat(decode("{}", "cf-ray", "ray").requestId()).isEqualTo("ray");
		assertThat(decode("{}", "x-request-id", " ", "cf-ray", "ray").requestId()).isEqualTo("ray");
		assertThat(decode("{}").requestId()).isNull();
	}

	@Test
	void shouldLeaveRetryVerdictToStatus() {
		ProviderError error = decode("{\"code\":\"x\"}");
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

}
