package io.saasstack.media.imagekit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ImageKitHealthCheck}.
 */
class ImageKitHealthCheckTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String PRIVATE_KEY = "private_health_key_0123";

	static ImageKitHealthCheck check() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.getRetry().setMaxAttempts(2);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(20));
		return new ImageKitHealthCheck(
				ImageKitStorage.apiHttpClient(SaasHttpClientFactory.standalone(), properties, PRIVATE_KEY));
	}

	static Health health() {
		Health health = check().check().block(Duration.ofSeconds(10));
		assertThat(health).isNotNull();
		return health;
	}

	@Test
	void isNamedImageKit() {
		assertThat(check().name()).isEqualTo("imagekit");
	}

	@Test
	void upWhenTheKeyCanListFiles() {
		wm.stubFor(get(urlPathEqualTo("/v1/files")).willReturn(okJson("[{\"fileId\":\"f1\",\"type\":\"file\"}]")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		wm.verify(exactly(1), getRequestedFor(urlEqualTo("/v1/files?limit=1")).withHeader("Authorization",
				equalTo("Basic " + Base64.getEncoder()
					.encodeToString((PRIVATE_KEY + ":").getBytes(StandardCharsets.UTF_8)))));
	}

	@Test
	void upWithAnEmptyLibrary() {
		wm.stubFor(get(urlPathEqualTo("/v1/files")).willReturn(okJson("[]")));
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void downWhenTheKeyIsRefused() {
		wm.stubFor(get(urlPathEqualTo("/v1/files")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Your account cannot be authenticated: " + PRIVATE_KEY
					+ "\",\"help\":\"For support kindly contact us at support@imagekit.io .\"}")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsOnlyKeys("error");
		assertThat(health.getDetails().get("error")).asString()
			.contains("imagekit files.list", "HTTP 401", "Your account cannot be authenticated: ******")
			.doesNotContain(PRIVATE_KEY);
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void downWhenImageKitFails() {
		wm.stubFor(get(urlPathEqualTo("/v1/files")).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Service unavailable\"}")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error")).asString().contains("HTTP 503", "Service unavailable");
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(2);
	}

	@Test
	void toStringNamesTheClient() {
		assertThat(check().toString()).isEqualTo("ImageKitHealthCheck[SaasHttpClient[imagekit]]");
	}

}
