package io.saasstack.auth.clerk;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import io.saasstack.VectorCase;
import io.saasstack.VectorRuns;
import io.saasstack.Vectors;
import io.saasstack.core.ErrorResponse;
import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.RateLimitParser;
import io.saasstack.core.RetryPolicy;
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
 * Tests for {@link ClerkErrorDecoder}, including the {@code clerk/bapi-error} vectors.
 */
class ClerkErrorDecoderTests {

	private static final String VECTORS = "/vectors/clerk-bapi-error.json";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ClerkErrorDecoder decoder = new ClerkErrorDecoder();

	static Stream<Arguments> vectors() {
		return Vectors.arguments(VECTORS);
	}

	static final VectorRuns RUNS = new VectorRuns();

	@AfterAll
	static void everyVectorRan() {
		RUNS.assertEveryCaseRan(Vectors.names(vectors()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void decodesVector(String name, JsonNode vector) {
		VectorCase.run(vector, this::decodes);
		RUNS.ran(name);
	}

	private void decodes(VectorCase v) {
		HttpHeaders headers = new HttpHeaders();
		// every response header of the case is sent, and the body as it is
		v.require("input.headers").properties().forEach((entry) -> headers.add(entry.getKey(), entry.getValue().asString()));
		headers.setContentType(MediaType.APPLICATION_JSON);
		byte[] body = SaasJson.mapper().writeValueAsBytes(v.require("input.body"));
		ErrorResponse response = new ErrorResponse(v.require("input.status").asInt(), headers, body);

		ProviderError error = this.decoder.decode(response);

		assertThat(response.status()).isEqualTo(v.require("expected.status").asInt());
		if (v.has("expected.clerkTraceId")) {
			assertThat(error.requestId()).isEqualTo(v.text("expected.clerkTraceId"));
		}
		int errors = v.size("expected.errors");
		if (errors == 0) {
			if (v.has("expected.errors")) {
				assertThat(v.get("expected.errors")).isEmpty();
			}
			assertThat(error.code()).isNull();
			assertThat(error.message()).isNull();
		}
		else {
			assertThat(error.code()).isEqualTo(v.text("expected.errors.0.code"));
			for (int i = 0; i < errors; i++) {
				String base = "expected.errors." + i;
				String code = v.text(base + ".code");
				// the long message is preferred over the short one
				String longMessage = v.text(base + ".longMessage");
				if (errors == 1) {
					assertThat(error.message()).isEqualTo(longMessage);
				}
				else {
					// several errors: each is kept, "long message (code)"
					assertThat(error.message()).contains(longMessage + " (" + code + ")");
				}
				v.ignore(base + ".message", "the short message: the decoder keeps the long one when there is one "
						+ "(fallsBackToShortMessage covers the short)");
				v.ignore(base + ".meta", "ProviderError has no meta; Clerk's long message names the parameter");
			}
		}
		if (v.has("expected.retryAfter")) {
			// Retry-After as the SDK reads it: a number of seconds, or null when the header is not one
			RateLimit rateLimit = RateLimitParser.STANDARD.parse(headers);
			JsonNode retryAfter = v.get("expected.retryAfter");
			assertThat(rateLimit.retryAfter())
				.isEqualTo(retryAfter.isNull() ? null : Duration.ofSeconds(retryAfter.asLong()));
		}
		assertThat(error.retryable()).isNull();
		assertThat(error.rateLimited()).isFalse();
	}

	@Test
	void prefersLongMessage() {
		ProviderError error = decode(404, null, "{\"errors\":[{\"code\":\"resource_not_found\",\"message\":\"not found\","
				+ "\"long_message\":\"User user_123 not found\",\"meta\":{}}],\"clerk_trace_id\":\"t1\"}");
		assertThat(error.code()).isEqualTo("resource_not_found");
		assertThat(error.message()).isEqualTo("User user_123 not found");
		assertThat(error.requestId()).isEqualTo("t1");
	}

	@Test
	void fallsBackToShortMessage() {
		ProviderError error = decode(400, null,
				"{\"errors\":[{\"code\":\"bad_request\",\"message\":\"Bad Request\"}],\"clerk_trace_id\":\"t2\"}");
		assertThat(error.code()).isEqualTo("bad_request");
		assertThat(error.message()).isEqualTo("Bad Request");
	}

	@Test
	void keepsEveryErrorWhenThereAreSeveral() {
		ProviderError error = decode(422, null, "{\"errors\":["
				+ "{\"code\":\"form_param_missing\",\"message\":\"is missing\",\"long_message\":\"first_name is missing\","
				+ "\"meta\":{\"param_name\":\"first_name\"}},"
				+ "{\"code\":\"form_param_format_invalid\",\"message\":\"is invalid\","
				+ "\"long_message\":\"email_address must be a valid email address.\","
				+ "\"meta\":{\"param_name\":\"email_address\"}}],\"clerk_trace_id\":\"t3\"}");
		assertThat(error.code()).isEqualTo("form_param_missing");
		assertThat(error.message()).isEqualTo("first_name is missing (form_param_missing); "
				+ "email_address must be a valid email address. (form_param_format_invalid)");
		assertThat(error.requestId()).isEqualTo("t3");
	}

	@Test
	void traceIdInBodyWinsOverCfRay() {
		ProviderError error = decode(500, "8a1b2c3d4e5f-CDG",
				"{\"errors\":[{\"code\":\"internal_clerk_error\",\"message\":\"Oops\",\"long_message\":\"Oops!\"}],"
						+ "\"clerk_trace_id\":\"trace_abc\"}");
		assertThat(error.requestId()).isEqualTo("trace_abc");
		assertThat(error.retryable()).isNull();
	}

	@Test
	void nonJsonBodyGivesSnippetAndCfRay() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.TEXT_HTML);
		headers.set("cf-ray", "8a1b2c3d4e5f-CDG");
		ProviderError error = this.decoder.decode(new ErrorResponse(502, headers,
				"<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8)));
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("502 Bad Gateway");
		assertThat(error.requestId()).isEqualTo("8a1b2c3d4e5f-CDG");
		assertThat(error.retryable()).isNull();
	}

	@Test
	void emptyBodyWithoutHeadersGivesNothing() {
		ProviderError error = this.decoder.decode(new ErrorResponse(503, new HttpHeaders(), new byte[0]));
		assertThat(error).isEqualTo(new ProviderError(null, null, null, null, false));
	}

	@Test
	void jsonWithoutClerkErrorsUsesTopLevelMessage() {
		ProviderError error = decode(500, null, "{\"message\":\"upstream failure\"}");
		assertThat(error.code()).isNull();
		assertThat(error.message()).isEqualTo("upstream failure");
	}

	@Test
	void standardParserReadsNumericRetryAfter() {
		HttpHeaders headers = new HttpHeaders();
		headers.set("Retry-After", "7");
		assertThat(RateLimitParser.STANDARD.parse(headers).retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void rateLimitThroughTheClientIgnoresNonNumericRetryAfter() {
		wm.stubFor(get("/users/user_123").willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", "abc")
			.withHeader("cf-ray", "8a1b2c3d4e5f-CDG")
			.withBody("{\"errors\":[{\"code\":\"too_many_requests\",\"message\":\"Too many requests\","
					+ "\"long_message\":\"Too many requests, please retry later\",\"meta\":{}}],"
					+ "\"clerk_trace_id\":\"trace_429\"}")));
		SaasHttpClient client = SaasHttpClientFactory.standalone()
			.client("clerk")
			.baseUrl(URI.create(wm.baseUrl()))
			.errorDecoder(new ClerkErrorDecoder())
			.retryPolicy(RetryPolicy.NONE)
			.build();
		SaasRequest request = SaasRequest.get("users.get", "/users/{id}", "user_123").build();
		assertThatExceptionOfType(SaasRateLimitException.class)
			.isThrownBy(() -> client.retrieve(request, Map.class).block())
			.satisfies((ex) -> {
				assertThat(ex.getProvider()).isEqualTo("clerk");
				assertThat(ex.getStatus()).isEqualTo(429);
				assertThat(ex.getErrorCode()).isEqualTo("too_many_requests");
				assertThat(ex.getProviderMessage()).isEqualTo("Too many requests, please retry later");
				assertThat(ex.getRequestId()).isEqualTo("trace_429");
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getRetryAfter()).isNull();
				assertThat(ex.getRateLimit()).isEqualTo(RateLimit.NONE);
			});
	}

	private ProviderError decode(int status, String cfRay, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		if (cfRay != null) {
			headers.set("cf-ray", cfRay);
		}
		return this.decoder.decode(new ErrorResponse(status, headers, body.getBytes(StandardCharsets.UTF_8)));
	}


}
