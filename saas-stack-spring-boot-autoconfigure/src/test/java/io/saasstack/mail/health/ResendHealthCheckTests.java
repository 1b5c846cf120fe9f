package io.saasstack.mail.health;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.RequestPacer;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.mail.resend.ResendMailClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

class ResendHealthCheckTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String API_KEY = "re_health_0123456789";

	static ResendHealthCheck check() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.getRetry().setMaxAttempts(2);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(20));
		SaasHttpClient http = ResendMailClient.httpClient(SaasHttpClientFactory.standalone(), properties, API_KEY,
				RequestPacer.NONE);
		return new ResendHealthCheck(http);
	}

	static Health health() {
		Health health = check().check().block(Duration.ofSeconds(5));
		assertThat(health).isNotNull();
		return health;
	}

	static ResponseDefinitionBuilder error(int status, String name, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"statusCode\":" + status + ",\"name\":\"" + name + "\",\"message\":\"" + message + "\"}");
	}

	@Test
	void isNamedResend() {
		assertThat(check().name()).isEqualTo("resend");
	}

	@Test
	void upWhenTheKeyCanListDomains() {
		wm.stubFor(get(urlPathEqualTo("/domains")).willReturn(okJson("""
				{"object":"list","has_more":true,"data":[{"id":"d91cd9bd-1176-453e-8fc1-35364d380206",
				 "name":"example.com","status":"verified","created_at":"2023-04-26T20:21:26.347412+00:00",
				 "region":"us-east-1"}]}
				""")));
		Health health = health();
		wm.verify(exactly(1), getRequestedFor(urlEqualTo("/domains?limit=1"))
			.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withHeader("User-Agent", matching("saas-stack/.+")));
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("access", "full").containsEntry("domains", "configured");
	}

	@Test
	void upWithoutDomains() {
		wm.stubFor(get(urlPathEqualTo("/domains")).willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"data\":[]}")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("domains", "none");
	}

	@Test
	void upWithADetailWhenTheKeyCanOnlySend() {
		wm.stubFor(get(urlPathEqualTo("/domains")).willReturn(error(401, "restricted_api_key",
				"This API key is restricted to only send emails.")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("access", "sending only")
			.containsEntry("note", "the API key can only send emails, so domains were not checked");
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void downWhenTheKeyIsRefused() {
		wm.stubFor(get(urlPathEqualTo("/domains")).willReturn(error(401, "validation_error",
				"API key " + API_KEY + " is invalid")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsOnlyKeys("error");
		assertThat(health.getDetails().get("error")).asString()
			.isEqualTo("resend domains.list failed with HTTP 401 [validation_error]: API key ****** is invalid")
			.doesNotContain(API_KEY);
	}

	@Test
	void downWhenResendFails() {
		wm.stubFor(get(urlPathEqualTo("/domains")).willReturn(error(503, "service_unavailable", "Try again later.")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error",
				"resend domains.list failed with HTTP 503 [service_unavailable]: Try again later.");
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
	}

}
