package io.saasstack.auth.autoconfigure;

import java.time.Duration;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.SaasUser;
import io.saasstack.auth.supabase.ReactiveSupabaseJwtDecoder;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

class AuthReactiveSecurityAutoConfigurationTests {

	private static final ECKey KEY = generate();

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withBean(MeController.class)
		.withPropertyValues("saas.auth.supabase.url=" + wireMock.baseUrl());

	@Test
	void validTokenReachesTheEndpointAndKeysAreFetchedOnce() {
		wireMock.stubFor(get(urlPathEqualTo("/auth/v1/.well-known/jwks.json"))
			.willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ReactiveSupabaseJwtDecoder.class);
			WebTestClient client = client(context);
			for (int i = 0; i < 3; i++) {
				client.get().uri("/me").header("Authorization", "Bearer " + token(claims().build()))
					.exchange()
					.expectStatus().isOk()
					.expectBody(String.class).isEqualTo("authenticated ada@example.com");
			}
		});
		assertThat(wireMock.findAll(anyRequestedFor(urlPathEqualTo("/auth/v1/.well-known/jwks.json")))).hasSize(1);
	}

	@Test
	void badTokensGet401() {
		wireMock.stubFor(get(urlPathEqualTo("/auth/v1/.well-known/jwks.json"))
			.willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
		Instant now = Instant.now();
		List<String> bad = List.of(token(claims().audience("anon-other").build()),
				token(claims().issuer("https://evil.example.test/auth/v1").build()),
				token(claims().expirationTime(Date.from(now.minusSeconds(60))).build()), "garbage");
		this.contextRunner.run((context) -> {
			WebTestClient client = client(context);
			client.get().uri("/me").exchange().expectStatus().isUnauthorized();
			for (String token : bad) {
				client.get().uri("/me").header("Authorization", "Bearer " + token).exchange().expectStatus().isUnauthorized();
			}
		});
	}

	private static WebTestClient client(ApplicationContext context) {
		// a liveness bound, not a speed check: a busy 2-core machine can take seconds for a cold key-set fetch
		return WebTestClient.bindToApplicationContext(context)
			.apply(springSecurity())
			.configureClient()
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(wireMock.baseUrl() + "/auth/v1")
			.subject(UUID.randomUUID().toString())
			.audience("authenticated")
			.claim("role", "authenticated")
			.claim("email", "ada@example.com")
			.claim("session_id", UUID.randomUUID().toString())
			.claim("app_metadata", Map.of("provider", "email"))
			.issueTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plusSeconds(3600)));
	}

	private static String token(JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(KEY.getKeyID()).build(),
					claims);
			jwt.sign(new ECDSASigner(KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey generate() {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID("sb-key-1").keyUse(KeyUse.SIGNATURE).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@RestController
	static class MeController {

		@GetMapping("/me")
		Mono<String> me(@AuthenticationPrincipal SaasUser user) {
			return Mono.just(user.role() + " " + user.email());
		}

	}

}
