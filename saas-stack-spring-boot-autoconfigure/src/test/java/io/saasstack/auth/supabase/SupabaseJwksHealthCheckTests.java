package io.saasstack.auth.supabase;

import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SupabaseJwksHealthCheck}.
 */
class SupabaseJwksHealthCheckTests {

	private static final String KEY = SupabaseTestSupport.PUBLISHABLE_KEY;

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static Health health(String apiKey) {
		Health health = new SupabaseJwksHealthCheck(SupabaseTestSupport.http(wm.baseUrl(), apiKey), apiKey != null)
			.check()
			.block(Duration.ofSeconds(5));
		assertThat(health).isNotNull();
		return health;
	}

	@Test
	void isNamedSupabase() {
		assertThat(new SupabaseJwksHealthCheck(SupabaseTestSupport.http(wm.baseUrl(), null), false).name())
			.isEqualTo("supabase");
	}

	@Test
	void upWithTheGoTrueVersionWithAnApiKey() {
		wm.stubFor(get(urlEqualTo("/auth/v1/health")).willReturn(okJson(
				"{\"version\":\"v2.177.0\",\"name\":\"GoTrue\",\"description\":\"GoTrue is a user registration and authentication API\"}")));
		Health health = health(KEY);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("name", "GoTrue").containsEntry("version", "v2.177.0");
		wm.verify(1, getRequestedFor(urlEqualTo("/auth/v1/health")).withHeader("apikey", equalTo(KEY))
			.withHeader("Authorization", absent()));
		assertThat(wm.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void upWithTheNumberOfKeysWithoutAnApiKey() {
		wm.stubFor(get(urlEqualTo("/auth/v1/.well-known/jwks.json"))
			.willReturn(okJson(SupabaseTestSupport.jwks(SupabaseTestSupport.EC_KEY, SupabaseTestSupport.RSA_KEY))));
		Health health = health(null);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("keys", 2);
		wm.verify(1, getRequestedFor(urlEqualTo("/auth/v1/.well-known/jwks.json")).withHeader("apikey", absent()));
	}

	@Test
	void downWithTheMessageWhenSupabaseFails() {
		wm.stubFor(get(urlEqualTo("/auth/v1/health")).willReturn(aResponse().withStatus(503)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\":503,\"error_code\":\"unexpected_failure\",\"msg\":\"Service unavailable\"}")));
		Health health = health(KEY);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsExactly(java.util.Map.entry("error",
				"supabase health failed with HTTP 503 [unexpected_failure]: Service unavailable"));
	}

	@Test
	void downWithoutTheKeyWhenTheKeyIsRefused() {
		wm.stubFor(get(urlEqualTo("/auth/v1/health")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"Invalid API key " + KEY + "\"}")));
		Health health = health(KEY);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("error")).asString().doesNotContain(KEY).contains("******");
	}

}
