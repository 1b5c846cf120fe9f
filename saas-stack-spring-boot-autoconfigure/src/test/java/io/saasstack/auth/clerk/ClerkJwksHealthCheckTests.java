package io.saasstack.auth.clerk;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.auth.autoconfigure.AuthProperties;
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
 * Tests for {@link ClerkJwksHealthCheck}.
 */
class ClerkJwksHealthCheckTests {

	static final String SECRET = "sk_live_health_secret_0123";

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static Health health() {
		AuthProperties.Clerk properties = new AuthProperties.Clerk();
		properties.setBaseUrl(URI.create(wm.baseUrl()));
		properties.getRetry().setMaxAttempts(1);
		ClerkJwks jwks = new ClerkJwks(ClerkJwks.httpClient(SaasHttpClientFactory.standalone(), properties, SECRET),
				SECRET);
		ClerkJwksHealthCheck check = new ClerkJwksHealthCheck(jwks);
		assertThat(check.name()).isEqualTo("clerk");
		Health health = check.check().block(Duration.ofSeconds(10));
		assertThat(health).isNotNull();
		return health;
	}

	@Test
	void upWithTheNumberOfKeys() {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(okJson(TestTokens.jwks(TestTokens.KEY, TestTokens.OTHER_KEY))));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("keys", 2);
		wm.verify(exactly(1),
				getRequestedFor(urlEqualTo("/v1/jwks")).withHeader("Authorization", equalTo("Bearer " + SECRET)));
	}

	@Test
	void downWhenClerkFails() {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"errors\":[{\"code\":\"clerk_key_invalid\",\"message\":\"The provided Clerk Secret Key is invalid.\"}]}")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(String.valueOf(health.getDetails().get("error"))).contains("Secret Key is invalid")
			.doesNotContain(SECRET);
	}

	@Test
	void downWithoutSigningKeys() {
		wm.stubFor(get(urlEqualTo("/v1/jwks")).willReturn(okJson("{\"keys\":[]}")));
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("error", "the JWKS holds no RSA signing key");
	}

}
