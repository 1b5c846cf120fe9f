package io.saasstack.media.cloudinary;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudinaryHealthCheck}.
 */
class CloudinaryHealthCheckTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static Health health() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.getRetry().setMaxAttempts(1);
		SaasHttpClient http = CloudinaryStorage.httpClient(SaasHttpClientFactory.standalone(), properties,
				CloudinaryStorageTests.API_KEY, CloudinaryStorageTests.API_SECRET);
		Health health = new CloudinaryHealthCheck(http, "demo").check().block(Duration.ofSeconds(5));
		assertThat(health).isNotNull();
		return health;
	}

	@Test
	void isNamedCloudinary() {
		SaasHttpClient http = CloudinaryStorage.httpClient(SaasHttpClientFactory.standalone(),
				new SaasClientProperties(URI.create(wm.baseUrl())) {
				}, "key", "secret");
		assertThat(new CloudinaryHealthCheck(http, "demo").name()).isEqualTo("cloudinary");
	}

	@Test
	void upWhenThePingIsOk() {
		wm.stubFor(get(urlEqualTo("/v1_1/demo/ping")).willReturn(okJson("{\"status\":\"ok\"}")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("cloud", "demo");
		wm.verify(exactly(1), getRequestedFor(urlEqualTo("/v1_1/demo/ping"))
			.withHeader("Authorization", equalTo(CloudinaryStorageTests.basicAuth())));
	}

	@Test
	void downWhenTheCredentialsAreRefused() {
		wm.stubFor(get(urlEqualTo("/v1_1/demo/ping")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"message\":\"Invalid credentials\"}}")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(String.valueOf(health.getDetails().get("error"))).contains("Invalid credentials")
			.doesNotContain(CloudinaryStorageTests.API_SECRET);
	}

	@Test
	void downWhenThePingIsNotOk() {
		wm.stubFor(get(urlEqualTo("/v1_1/demo/ping")).willReturn(okJson("{\"status\":\"maintenance\"}")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("status", "maintenance");
	}

	@Test
	void downWhenCloudinaryFails() {
		wm.stubFor(get(urlEqualTo("/v1_1/demo/ping")).willReturn(aResponse().withStatus(503)));
		assertThat(health().getStatus()).isEqualTo(Status.DOWN);
	}

}
