package io.saasstack.core;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SaasHttpClient} against a WireMock server: what goes over the wire, how
 * responses are decoded and how errors and transport faults surface. Retries have their own
 * tests in {@link SaasRetryTests}.
 */
class SaasHttpClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String SECRET = "sk_test_4f9a8b7c6d5e";

	static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(200),
			Duration.ofSeconds(5), 0.5);

	static SaasHttpClientFactory.Builder acme() {
		return SaasHttpClientFactory.standalone()
			.client("acme")
			.baseUrl(URI.create(wm.baseUrl()))
			.timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2))
			.retryPolicy(RETRY)
			.defaultHeaders((headers) -> headers.setBearerAuth(SECRET))
			.secrets(SECRET);
	}

	static List<LoggedRequest> requests() {
		return wm.findAll(anyRequestedFor(anyUrl()));
	}

	record Item(String id, String name, Integer count) {
	}

	record NewItem(String name, String description, Integer count, List<String> tags) {
	}

	@Nested
	class Requests {

		@Test
		void shouldSendUserAgentDefaultHeadersRequestHeadersAndAcceptJson() {
			wm.stubFor(any(anyUrl()).willReturn(noContent()));
			SaasRequest request = SaasRequest.get("items.list", "/items").header("X-Acme-Account", "acct_1").build();
			acme().build().exchange(request, Void.class).block();
			wm.verify(exactly(1),
					getRequestedFor(urlEqualTo("/items"))
						.withHeader(HttpHeaders.USER_AGENT, equalTo(SaasStackVersion.userAgent()))
						.withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + SECRET))
						.withHeader("X-Acme-Account", equalTo("acct_1"))
						.withHeader(HttpHeaders.ACCEPT, equalTo("application/json"))
						.withHeader(HttpHeaders.CONTENT_TYPE, absent()));
			assertThat(SaasStackVersion.userAgent()).startsWith("saas-stack/");
		}

		@Test
		void shouldLetRequestHeaderReplaceDefaultHeader() {
			wm.stubFor(any(anyUrl()).willReturn(noContent()));
			SaasRequest request = SaasRequest.get("items.list", "/items")
				.header(HttpHeaders.AUTHORIZATION, "Bearer sk_other_key")
				.header(HttpHeaders.ACCEPT, "application/vnd.acme+json")
				.build();
			acme().build().exchange(request, Void.class).block();
			LoggedRequest sent = requests().get(0);
			assertThat(sent.getHeaders().getHeader(HttpHeaders.AUTHORIZATION).values())
				.containsExactly("Bearer sk_other_key");
			assertThat(sent.getHeaders().getHeader(HttpHeaders.ACCEPT).values())
				.containsExactly("application/vnd.acme+json");
		}

		@Test
		void shouldSendJsonBodyWithoutNulls() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":\"it_1\",\"name\":\"Widget\"}")));
			SaasRequest request = SaasRequest.post("items.create", "/items")
				.json(new NewItem("Widget", null, 3, List.of("a", "b")))
				.build();
			Item item = acme().build().retrieve(request, Item.class).block();
			assertThat(item).isEqualTo(new Item("it_1", "Widget", null));
			wm.verify(exactly(1),
					postRequestedFor(urlEqualTo("/items"))
						.withHeader(HttpHeaders.CONTENT_TYPE, equalTo("application/json"))
						.withHeader(HttpHeaders.ACCEPT, equalTo("application/json"))
						.withHeader(HttpHeaders.USER_AGENT, equalTo(SaasStackVersion.userAgent()))
						.withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + SECRET))
						.withRequestBody(equalToJson("{\"name\":\"Widget\",\"count\":3,\"tags\":[\"a\",\"b\"]}", false,
								false)));
			assertThat(requests().get(0).getBodyAsString()).doesNotContain("description").doesNotContain("null");
		}

		@Test
		void shouldSendPutAndDeleteWithTheirMethods() {
			wm.stubFor(any(anyUrl()).willReturn(noContent()));
			SaasHttpClient client = acme().build();
			client.exchange(SaasRequest.put("items.update", "/items/{id}", "it_1").json(Map.of("name", "New")).build(),
					Void.class)
				.block();
			client.exchange(SaasRequest.delete("items.delete", "/items/{id}", "it_1").build(), Void.class).block();
			wm.verify(exactly(1), putRequestedFor(urlEqualTo("/items/it_1"))
				.withRequestBody(equalToJson("{\"name\":\"New\"}", false, false)));
			wm.verify(exactly(1), deleteRequestedFor(urlEqualTo("/items/it_1")).withHeader(HttpHeaders.CONTENT_TYPE,
					absent()));
			assertThat(requests()).hasSize(2);
		}

		@Test
		void shouldPercentEncodePathVariables() {
			wm.stubFor(any(anyUrl()).willReturn(noContent()));
			SaasRequest request = SaasRequest.get("invoices.get", "/accounts/{account}/invoices/{id}", "acct 1",
					"inv/2024 #1?x=y")
				.build();
			acme().build().exchange(request, Void.class).block();
			wm.verify(exactly(1), getRequestedFor(urlEqualTo("/accounts/acct%201/invoices/inv%2F2024%20%231%3Fx%3Dy")));
		}

		@Test
		void shouldPercentEncodeQueryValues() {
			wm.stubFor(any(anyUrl()).willReturn(noContent()));
			String cursor = null;
			SaasRequest request = SaasRequest.get("items.search", "/items")
				.query("q", "a+b & c=d")
				.query("name", "naïve café ✓")
				.query("tag", List.of("red", "blue"))
				.query("cursor", cursor)
				.build();
			acme().build().exchange(request, Void.class).block();
			wm.verify(exactly(1), getRequestedFor(urlEqualTo(
					"/items?q=a%2Bb%20%26%20c%3Dd&name=na%C3%AFve%20caf%C3%A9%20%E2%9C%93&tag=red&tag=blue"))
				.withQueryParam("q", equalTo("a+b & c=d"))
				.withQueryParam("name", equalTo("naïve café ✓")));
		}

		@Test
		void shouldSendFormBody() {
			wm.stubFor(any(anyUrl()).willReturn(noContent()));
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			form.add("grant_type", "client_credentials");
			form.add("scope", "read write");
			form.add("scope", "a&b=c");
			acme().build().exchange(SaasRequest.post("token", "/oauth/token").form(form).build(), Void.class).block();
			wm.verify(exactly(1),
					postRequestedFor(urlEqualTo("/oauth/token"))
						.withHeader(HttpHeaders.CONTENT_TYPE,
								matching("application/x-www-form-urlencoded(;charset=UTF-8)?"))
						.withHeader(HttpHeaders.ACCEPT, equalTo("application/json"))
						.withRequestBody(equalTo("grant_type=client_credentials&scope=read+write&scope=a%26b%3Dc")));
		}

		@Test
		void shouldSendMultipartBody() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":\"file_1\",\"name\":\"logo.png\"}")));
			byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, 1, 2 };
			MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
			parts.add("folder", "/brand assets");
			parts.add("file", new ByteArrayResource(png) {

				@Override
				public String getFilename() {
					return "logo.png";
				}

			});
			Item uploaded = acme().build()
				.retrieve(SaasRequest.post("files.upload", "/files").multipart(parts).build(), Item.class)
				.block();
			assertThat(uploaded.id()).isEqualTo("file_1");
			wm.verify(exactly(1),
					postRequestedFor(urlEqualTo("/files"))
						.withHeader(HttpHeaders.CONTENT_TYPE, matching("multipart/form-data;.*boundary=.+"))
						.withAnyRequestBodyPart(aMultipart().withName("folder").withBody(equalTo("/brand assets")))
						.withAnyRequestBodyPart(aMultipart().withName("file")
							.withHeader(HttpHeaders.CONTENT_DISPOSITION, containing("filename=\"logo.png\""))
							.withHeader(HttpHeaders.CONTENT_TYPE, equalTo("image/png"))
							.withBody(binaryEqualTo(png))));
		}

		@Test
		void shouldResolvePathsAgainstBaseUrlWithPathPrefix() {
			wm.stubFor(any(anyUrl()).willReturn(noContent()));
			SaasHttpClient client = acme().baseUrl(URI.create(wm.baseUrl() + "/v1/")).build();
			client.exchange(SaasRequest.get("items.get", "/items/{id}", "it_1").build(), Void.class).block();
			wm.verify(exactly(1), getRequestedFor(urlEqualTo("/v1/items/it_1")));
		}

	}

	@Nested
	class Responses {

		@Test
		void shouldDecodeJsonBodyIgnoringUnknownFields() {
			wm.stubFor(any(urlPathEqualTo("/items/it_1"))
				.willReturn(okJson("{\"id\":\"it_1\",\"name\":\"Widget\",\"count\":2,\"created\":\"2025-01-01\"}")));
			Item item = acme().build().retrieve(SaasRequest.get("items.get", "/items/{id}", "it_1").build(), Item.class)
				.block();
			assertThat(item).isEqualTo(new Item("it_1", "Widget", 2));
		}

		@Test
		void shouldDecodeGenericListBody() {
			wm.stubFor(any(anyUrl())
				.willReturn(okJson("[{\"id\":\"it_1\",\"name\":\"A\"},{\"id\":\"it_2\",\"name\":\"B\",\"count\":5}]")));
			ParameterizedTypeReference<List<Item>> listOfItems = new ParameterizedTypeReference<>() {
			};
			SaasRequest request = SaasRequest.get("items.list", "/items").build();
			List<Item> items = acme().build().retrieve(request, listOfItems).block();
			assertThat(items).containsExactly(new Item("it_1", "A", null), new Item("it_2", "B", 5));
		}

		@Test
		void shouldIgnoreBodyOfVoidResponse() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":\"it_1\"}")));
			SaasResponse<Void> response = acme().build()
				.exchange(SaasRequest.delete("items.delete", "/items/{id}", "it_1").build(), Void.class)
				.block();
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isNull();
		}

		@Test
		void shouldCompleteEmptyWhenBodyIsEmpty() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
			SaasHttpClient client = acme().build();
			SaasRequest request = SaasRequest.get("items.get", "/items/{id}", "it_1").build();
			StepVerifier.create(client.retrieve(request, Item.class)).verifyComplete();
			SaasResponse<Item> response = client.exchange(request, Item.class).block();
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isNull();
			assertThat(client.retrieve(request, String.class).block()).isNull();
		}

		@Test
		void shouldCompleteEmptyOnNoContent() {
			wm.stubFor(any(anyUrl()).willReturn(noContent()));
			SaasRequest request = SaasRequest.delete("items.delete", "/items/1").build();
			StepVerifier.create(acme().build().retrieve(request, Void.class)).verifyComplete();
		}

		@Test
		void shouldReturnStringBody() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
				.withHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
				.withBody("héllo, wörld")));
			String body = acme().build().retrieve(SaasRequest.get("ping", "/ping").build(), String.class).block();
			assertThat(body).isEqualTo("héllo, wörld");
		}

		@Test
		void shouldReturnRawBytes() {
			byte[] bytes = { 0, (byte) 0xFF, 'G', 'I', 'F', 10, 13 };
			wm.stubFor(any(anyUrl()).willReturn(
					aResponse().withStatus(200).withHeader(HttpHeaders.CONTENT_TYPE, "image/gif").withBody(bytes)));
			byte[] body = acme().build().retrieve(SaasRequest.get("files.download", "/files/1").build(), byte[].class)
				.block();
			assertThat(body).containsExactly(bytes);
		}

		@Test
		void shouldExposeStatusHeadersRateLimitAndRequestId() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(201)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withHeader("ratelimit-limit", "100")
				.withHeader("ratelimit-remaining", "99")
				.withHeader("ratelimit-reset", "30")
				.withHeader("x-request-id", "req_123")
				.withHeader("cf-ray", "ray_456")
				.withHeader("X-Acme-Version", "2025-01-01")
				.withBody("{\"id\":\"it_1\",\"name\":\"Widget\"}")));
			SaasResponse<Item> response = acme().build()
				.exchange(SaasRequest.post("items.create", "/items").json(Map.of("name", "Widget")).build(), Item.class)
				.block();
			assertThat(response.status()).isEqualTo(201);
			assertThat(response.body()).isEqualTo(new Item("it_1", "Widget", null));
			assertThat(response.headers().getFirst("X-Acme-Version")).isEqualTo("2025-01-01");
			assertThat(response.rateLimit()).isEqualTo(new RateLimit(100L, 99L, Duration.ofSeconds(30), null));
			assertThat(response.requestId()).isEqualTo("req_123");
		}

		@Test
		void shouldReportNoRateLimitOrRequestIdWhenAbsent() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("{}")));
			SaasResponse<Item> response = acme().build().exchange(SaasRequest.get("items.get", "/items/1").build(),
					Item.class)
				.block();
			assertThat(response.rateLimit()).isEqualTo(RateLimit.NONE);
			assertThat(response.requestId()).isNull();
		}

		@Test
		void shouldReadRequestIdFromConfiguredHeaders() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("{}").withHeader("x-acme-trace", "trace_9")
				.withHeader("x-request-id", "req_ignored")));
			SaasResponse<Item> response = acme().requestIdHeaders("x-acme-trace", "x-request-id")
				.build()
				.exchange(SaasRequest.get("items.get", "/items/1").build(), Item.class)
				.block();
			assertThat(response.requestId()).isEqualTo("trace_9");
		}

		@Test
		void shouldFailOnMalformedJsonWithoutRetrying() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("{\"id\": \"it_1\", \"name\": ")));
			SaasHttpClient client = acme().build();
			assertThatExceptionOfType(SaasMalformedResponseException.class)
				.isThrownBy(() -> client.retrieve(SaasRequest.get("items.get", "/items/1").build(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(200);
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getProvider()).isEqualTo("acme");
					assertThat(ex.getOperation()).isEqualTo("items.get");
					assertThat(ex.getMessage())
						.startsWith("acme items.get returned HTTP 200 with an unreadable body: ");
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldNeverExposeSecretEchoedInMalformedBody() {
			wm.stubFor(any(anyUrl()).willReturn(okJson(SECRET + " is not a valid key")));
			assertThatExceptionOfType(SaasMalformedResponseException.class)
				.isThrownBy(() -> acme().build().retrieve(SaasRequest.get("items.get", "/items/1").build(), Item.class)
					.block())
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET));
		}

		@Test
		void shouldFailWithoutRetryingOnABodyOverTheCodecLimit() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("\"" + "x".repeat(300 * 1024) + "\"")));
			SaasRequest request = SaasRequest.get("files.get", "/files/1").build();
			assertThatExceptionOfType(SaasMalformedResponseException.class)
				.isThrownBy(() -> acme().build().retrieve(request, String.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(200);
					assertThat(ex.getMessage()).contains("spring.http.codecs.max-in-memory-size");
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldFailOnJsonOfTheWrongShape() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("[1, 2, 3]")));
			SaasRequest request = SaasRequest.get("items.get", "/items/1").build();
			assertThatExceptionOfType(SaasMalformedResponseException.class)
				.isThrownBy(() -> acme().build().retrieve(request, Item.class).block());
			assertThat(requests()).hasSize(1);
		}

	}

	@Nested
	class Errors {

		SaasHttpClient client() {
			return acme().retryPolicy(RetryPolicy.NONE).build();
		}

		SaasRequest request() {
			return SaasRequest.post("items.create", "/items").json(Map.of("name", "Widget")).build();
		}

		@Test
		void shouldDecodeJsonErrorBody() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(422)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withHeader("x-request-id", "req_422")
				.withBody("{\"error\":{\"code\":\"validation_error\",\"message\":\"name is too short\"}}")));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex).isExactlyInstanceOf(SaasApiException.class);
					assertThat(ex.getStatus()).isEqualTo(422);
					assertThat(ex.getErrorCode()).isEqualTo("validation_error");
					assertThat(ex.getProviderMessage()).isEqualTo("name is too short");
					assertThat(ex.getRequestId()).isEqualTo("req_422");
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getProvider()).isEqualTo("acme");
					assertThat(ex.getOperation()).isEqualTo("items.create");
					assertThat(ex.getMessage()).isEqualTo("acme items.create failed with HTTP 422 [validation_error]: "
							+ "name is too short (request id req_422)");
				});
		}

		@Test
		void shouldMarkServerErrorRetryable() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withBody("{\"code\":\"internal\",\"message\":\"Something broke\"}")));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(500);
					assertThat(ex.getErrorCode()).isEqualTo("internal");
					assertThat(ex.getProviderMessage()).isEqualTo("Something broke");
					assertThat(ex.getRequestId()).isNull();
					assertThat(ex.isRetryable()).isTrue();
				});
		}

		@Test
		void shouldUseCustomErrorDecoder() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withBody("{\"errors\":[{\"errorCode\":\"E42\"}],\"detail\":\"Bad widget\",\"traceId\":\"t-9\"}")));
			ProviderErrorDecoder decoder = (response) -> ProviderError.of(
					response.json().get("errors").get(0).get("errorCode").asString(), response.text("detail"),
					response.text("traceId"));
			SaasHttpClient client = acme().retryPolicy(RetryPolicy.NONE).errorDecoder(decoder).build();
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client.retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getErrorCode()).isEqualTo("E42");
					assertThat(ex.getProviderMessage()).isEqualTo("Bad widget");
					assertThat(ex.getRequestId()).isEqualTo("t-9");
					assertThat(ex.isRetryable()).isFalse();
				});
		}

		@Test
		void shouldFallBackToGenericDecoderWhenDecoderThrows() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(409)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withHeader("request-id", "req_409")
				.withBody("{\"code\":\"conflict\",\"message\":\"Already exists\"}")));
			ProviderErrorDecoder decoder = (response) -> {
				throw new IllegalStateException("decoder bug");
			};
			SaasHttpClient client = acme().retryPolicy(RetryPolicy.NONE).errorDecoder(decoder).build();
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client.retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(409);
					assertThat(ex.getErrorCode()).isEqualTo("conflict");
					assertThat(ex.getProviderMessage()).isEqualTo("Already exists");
					assertThat(ex.getRequestId()).isEqualTo("req_409");
				});
		}

		@Test
		void shouldTakeRequestIdFromResponseHeadersWhenDecoderHasNone() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400).withHeader("x-acme-trace", "trace_1")));
			SaasHttpClient client = acme().retryPolicy(RetryPolicy.NONE)
				.requestIdHeaders("x-acme-trace")
				.errorDecoder((response) -> ProviderError.of("bad", null, null))
				.build();
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client.retrieve(request(), Item.class).block())
				.satisfies((ex) -> assertThat(ex.getRequestId()).isEqualTo("trace_1"));
		}

		@Test
		void shouldReadHtmlPageOfCdnAsAuthenticationFailure() {
			String html = """
					<!DOCTYPE html>
					<html><head><title>403 Forbidden</title>
					<style>body { color: red; }</style><script>var ray = "x";</script></head>
					<body><h1>Access denied</h1>
					<p>You do not have access to   api.acme.test.</p></body></html>
					""";
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)
				.withHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=UTF-8")
				.withHeader("cf-ray", "8a1b2c3d4e5f-FRA")
				.withBody(html)));
			assertThatExceptionOfType(SaasAuthenticationException.class)
				.isThrownBy(() -> client().retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(403);
					assertThat(ex.getErrorCode()).isNull();
					assertThat(ex.getProviderMessage())
						.isEqualTo("403 Forbidden Access denied You do not have access to api.acme.test.");
					assertThat(ex.getRequestId()).isEqualTo("8a1b2c3d4e5f-FRA");
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getMessage()).doesNotContain("<").doesNotContain("color");
				});
		}

		@Test
		void shouldDescribeEmptyBadGateway() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502)));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex).isExactlyInstanceOf(SaasApiException.class);
					assertThat(ex.getStatus()).isEqualTo(502);
					assertThat(ex.getErrorCode()).isNull();
					assertThat(ex.getProviderMessage()).isNull();
					assertThat(ex.isRetryable()).isTrue();
					assertThat(ex.getMessage()).isEqualTo("acme items.create failed with HTTP 502");
				});
		}

		@Test
		void shouldRaiseRateLimitExceptionWithRetryAfter() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(429)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withHeader(HttpHeaders.RETRY_AFTER, "7")
				.withHeader("ratelimit-limit", "10")
				.withHeader("ratelimit-remaining", "0")
				.withBody("{\"name\":\"rate_limit_exceeded\",\"message\":\"Too many requests\"}")));
			assertThatExceptionOfType(SaasRateLimitException.class)
				.isThrownBy(() -> client().retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(429);
					assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
					assertThat(ex.getRateLimit().limit()).isEqualTo(10);
					assertThat(ex.getRateLimit().remaining()).isZero();
					assertThat(ex.getErrorCode()).isEqualTo("rate_limit_exceeded");
					assertThat(ex.isRetryable()).isTrue();
				});
		}

		@ParameterizedTest
		@ValueSource(ints = { 401, 403 })
		void shouldRaiseAuthenticationExceptionThatIsNotRetryable(int status) {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withBody("{\"code\":\"invalid_api_key\",\"message\":\"API key is invalid\"}")));
			assertThatExceptionOfType(SaasAuthenticationException.class)
				.isThrownBy(() -> acme().build().retrieve(SaasRequest.get("items.get", "/items/1").build(), Item.class)
					.block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(status);
					assertThat(ex.getErrorCode()).isEqualTo("invalid_api_key");
					assertThat(ex.isRetryable()).isFalse();
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldRaiseRateLimitExceptionWhenDecoderSaysRateLimited() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(403)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withBody("{\"code\":\"quota_exceeded\",\"message\":\"Monthly quota exceeded\"}")));
			ProviderErrorDecoder decoder = (response) -> {
				ProviderError error = ProviderErrorDecoder.GENERIC.decode(response);
				return "quota_exceeded".equals(error.code()) ? error.asRateLimited().withRetryable(false) : error;
			};
			SaasHttpClient client = acme().retryPolicy(RetryPolicy.NONE).errorDecoder(decoder).build();
			assertThatExceptionOfType(SaasRateLimitException.class)
				.isThrownBy(() -> client.retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(403);
					assertThat(ex.getErrorCode()).isEqualTo("quota_exceeded");
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getRetryAfter()).isNull();
				});
		}

		@Test
		void shouldNeverExposeSecretEchoedInErrorBody() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(401)
				.withHeader(HttpHeaders.CONTENT_TYPE, "application/json")
				.withBody("{\"code\":\"bad_key_" + SECRET + "\",\"message\":\"Invalid API key: Bearer " + SECRET
						+ " (key " + SECRET + ")\"}")));
			assertThatExceptionOfType(SaasAuthenticationException.class)
				.isThrownBy(() -> client().retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getMessage()).doesNotContain(SECRET).contains(Secrets.MASK);
					assertThat(ex.getProviderMessage()).doesNotContain(SECRET)
						.isEqualTo("Invalid API key: Bearer ****** (key ******)");
					assertThat(ex.getErrorCode()).isEqualTo("bad_key_******");
					assertThat(ex.toString()).doesNotContain(SECRET);
				});
		}

		@Test
		void shouldNeverExposeSecretEchoedInHtmlErrorPage() {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
				.withHeader(HttpHeaders.CONTENT_TYPE, "text/html")
				.withBody("<html><body>Bad token <b>" + SECRET + "</b></body></html>")));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().retrieve(request(), Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.getMessage()).doesNotContain(SECRET);
					assertThat(ex.getProviderMessage()).isEqualTo("Bad token ******");
				});
		}

	}

	@Nested
	class TransportFaults {

		@ParameterizedTest
		@EnumSource(value = Fault.class,
				names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK" })
		void shouldRetryGetAfterTransportFault(Fault fault) {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
			assertThatExceptionOfType(SaasTransportException.class)
				.isThrownBy(() -> acme().build().retrieve(SaasRequest.get("items.get", "/items/1").build(), Item.class)
					.block())
				.satisfies((ex) -> {
					assertThat(ex.isRetryable()).isTrue();
					assertThat(ex.isConnectFailure()).isFalse();
					assertThat(ex.isTimeout()).isFalse();
					assertThat(ex.getMessage()).startsWith("acme items.get failed: ");
					assertThat(ex.getCause()).isNotNull();
				});
			wm.verify(exactly(3), getRequestedFor(urlEqualTo("/items/1")));
			assertThat(requests()).hasSize(3);
		}

		@ParameterizedTest
		@EnumSource(value = Fault.class,
				names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK" })
		void shouldNotRetryPostAfterTransportFault(Fault fault) {
			wm.stubFor(any(anyUrl()).willReturn(aResponse().withFault(fault)));
			SaasRequest request = SaasRequest.post("items.create", "/items").json(Map.of("name", "Widget")).build();
			assertThatExceptionOfType(SaasTransportException.class)
				.isThrownBy(() -> acme().build().retrieve(request, Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.isRetryable()).isTrue();
					assertThat(ex.isConnectFailure()).isFalse();
				});
			wm.verify(exactly(1), postRequestedFor(urlEqualTo("/items")));
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldTimeOutWhenResponseIsTooSlow() {
			wm.stubFor(any(anyUrl()).willReturn(okJson("{}").withFixedDelay(1500)));
			SaasHttpClient client = acme().timeouts(Duration.ofSeconds(1), Duration.ofMillis(300)).build();
			SaasRequest request = SaasRequest.post("items.create", "/items").json(Map.of("name", "Widget")).build();
			assertThatExceptionOfType(SaasTransportException.class)
				.isThrownBy(() -> client.retrieve(request, Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.isTimeout()).isTrue();
					assertThat(ex.isConnectFailure()).isFalse();
					assertThat(ex.isRetryable()).isTrue();
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void shouldReportConnectionRefusedAsConnectFailureAndRetryEvenPost() throws IOException {
			int closedPort;
			try (ServerSocket socket = new ServerSocket(0)) {
				closedPort = socket.getLocalPort();
			}
			AtomicInteger attempts = new AtomicInteger();
			SaasWebClientCustomizer countAttempts = (provider, builder) -> builder.filter((request, next) -> {
				attempts.incrementAndGet();
				return next.exchange(request);
			});
			SaasHttpClientFactory factory = new SaasHttpClientFactory(WebClient::builder,
					ClientHttpConnectorBuilder.detect(), HttpClientSettings.defaults(), List.of(countAttempts),
					ObservationRegistry.NOOP, null);
			SaasHttpClient client = factory.client("acme")
				.baseUrl(URI.create("http://localhost:" + closedPort))
				.timeouts(Duration.ofSeconds(1), Duration.ofMillis(300))
				.retryPolicy(RETRY)
				.build();
			SaasRequest request = SaasRequest.post("items.create", "/items").json(Map.of("name", "Widget")).build();
			assertThatExceptionOfType(SaasTransportException.class)
				.isThrownBy(() -> client.retrieve(request, Item.class).block())
				.satisfies((ex) -> {
					assertThat(ex.isConnectFailure()).isTrue();
					assertThat(ex.isRetryable()).isTrue();
					assertThat(ex.getMessage()).startsWith("acme items.create failed: ");
				});
			assertThat(attempts).hasValue(3);
		}

	}

}
