package io.saasstack.auth.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.ReceivedRequests;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A key set that cannot be fetched (an error status, or no answer within
 * {@code saas.auth.*.jwks-timeout}) through the saas-stack chains: every request gets 401 with
 * the generic description, not 500; the requests within the refetch floor share one fetch; each
 * failed fetch logs one WARN line and no request logs a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class KeySetUnavailableSecurityTests {

	private static final String SUPABASE_JWKS = "/auth/v1/.well-known/jwks.json";

	private static final String CLERK_JWKS = "/v1/jwks";

	private static final String CLERK_SECRET = "sk_test_keyset0000000000000000";

	private static final String UNAVAILABLE = WwwAuthenticateTests.expected("Signing keys unavailable");

	private static final String UNAVAILABLE_SERVLET = WwwAuthenticateTests.expectedServlet("Signing keys unavailable");

	private static final int REQUESTS = 5;

	/** Far longer than the key-set timeout of the tests: a request answered before it was bounded by the timeout. */
	private static final int SLOW_MILLIS = 20_000;

	private static final ReceivedRequests received = new ReceivedRequests();

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().extensions(received))
		.build();

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(MeController.class);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withBean(MeController.class);

	@Test
	void supabaseServletAnswers401WhenTheKeySetFails(CapturedOutput output) {
		wireMock.stubFor(WireMock.get(urlEqualTo(SUPABASE_JWKS)).willReturn(aResponse().withStatus(500)));
		this.servlet.withPropertyValues(supabase()).run((context) -> {
			MockMvc mvc = mvc(context);
			for (int i = 0; i < REQUESTS; i++) {
				mvc.perform(MockMvcRequestBuilders.get("/me").header("Authorization", "Bearer " + supabaseToken()))
					.andExpect(status().isUnauthorized())
					.andExpect(header().string("WWW-Authenticate", UNAVAILABLE_SERVLET));
			}
		});
		assertSupabaseFetches(1);
		assertOneWarningAndNoStackTrace(output, "Could not fetch the Supabase JWKS");
	}

	@Test
	void supabaseReactiveAnswers401WhenTheKeySetIsSlow(CapturedOutput output) {
		wireMock.stubFor(WireMock.get(urlEqualTo(SUPABASE_JWKS)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"keys\":[]}")
			.withFixedDelay(SLOW_MILLIS)));
		this.reactive.withPropertyValues(supabase()).withPropertyValues("saas.auth.supabase.jwks-timeout=2s")
			.run((context) -> {
				WebTestClient client = WebTestClient.bindToApplicationContext(context)
					.apply(SecurityMockServerConfigurers.springSecurity())
					.configureClient()
					.responseTimeout(Duration.ofMillis(SLOW_MILLIS / 2))
					.build();
				for (int i = 0; i < REQUESTS; i++) {
					client.get().uri("/me").header("Authorization", "Bearer " + supabaseToken()).exchange()
						.expectStatus().isUnauthorized()
						.expectHeader().valueEquals("WWW-Authenticate", UNAVAILABLE);
				}
			});
		assertAtMostOneFetch(SUPABASE_JWKS);
		assertOneWarningAndNoStackTrace(output, "no answer within 2000 ms");
	}

	@Test
	void clerkServletAnswers401WhenTheKeySetIsSlow(CapturedOutput output) {
		wireMock.stubFor(WireMock.get(urlEqualTo(CLERK_JWKS)).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"keys\":[]}")
			.withFixedDelay(SLOW_MILLIS)));
		this.servlet.withPropertyValues(clerk()).withPropertyValues("saas.auth.clerk.jwks-timeout=2s")
			.run((context) -> {
				MockMvc mvc = mvc(context);
				for (int i = 0; i < REQUESTS; i++) {
					long start = System.nanoTime();
					mvc.perform(MockMvcRequestBuilders.get("/me").header("Authorization", "Bearer " + AuthTokens.valid()))
						.andExpect(status().isUnauthorized())
						.andExpect(header().string("WWW-Authenticate", UNAVAILABLE_SERVLET));
					// a liveness bound only: no request waits for the endpoint's answer
					assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(SLOW_MILLIS - 2_000));
				}
			});
		assertAtMostOneFetch(CLERK_JWKS);
		assertOneWarningAndNoStackTrace(output, "did not arrive within 2000 ms");
	}

	@Test
	void clerkReactiveAnswers401WhenTheKeySetFails(CapturedOutput output) {
		wireMock.stubFor(WireMock.get(urlEqualTo(CLERK_JWKS)).willReturn(aResponse().withStatus(503)));
		this.reactive.withPropertyValues(clerk()).run((context) -> {
			WebTestClient client = WebTestClient.bindToApplicationContext(context)
				.apply(SecurityMockServerConfigurers.springSecurity())
				.configureClient()
				.build();
			for (int i = 0; i < REQUESTS; i++) {
				client.get().uri("/me").header("Authorization", "Bearer " + AuthTokens.valid()).exchange()
					.expectStatus().isUnauthorized()
					.expectHeader().valueEquals("WWW-Authenticate", UNAVAILABLE);
			}
		});
		assertClerkFetches(1);
		assertOneWarningAndNoStackTrace(output, "Could not fetch the Clerk JWKS");
	}

	private static String[] supabase() {
		return new String[] { "saas.auth.supabase.url=" + wireMock.baseUrl(), "saas.auth.supabase.retry.max-attempts=1" };
	}

	private static String[] clerk() {
		return new String[] { "saas.auth.clerk.secret-key=" + CLERK_SECRET, "saas.auth.clerk.base-url=" + wireMock.baseUrl(),
				"saas.auth.clerk.retry.max-attempts=1", "saas.auth.clerk.issuer=" + AuthTokens.ISSUER,
				"saas.auth.clerk.authorized-parties=" + AuthTokens.AZP };
	}

	/**
	 * A slow key set: one fetch at most. A cold client in a fresh context may give the attempt up
	 * before it reaches the server; the decoder tests count the fetches on a warm one.
	 */
	private static void assertAtMostOneFetch(String path) {
		assertThat(received.all()).hasSizeLessThanOrEqualTo(1);
		if (path.equals(CLERK_JWKS)) {
			assertClerkFetches(received.all().size());
		}
		else {
			assertSupabaseFetches(received.all().size());
		}
	}

	private static void assertSupabaseFetches(int count) {
		assertThat(received.matching(getRequestedFor(urlEqualTo(SUPABASE_JWKS))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("Authorization", absent()))).hasSize(count);
		assertThat(received.all()).hasSize(count);
	}

	private static void assertClerkFetches(int count) {
		assertThat(received.matching(getRequestedFor(urlEqualTo(CLERK_JWKS))
			.withHeader("Authorization", equalTo("Bearer " + CLERK_SECRET))
			.withHeader("Clerk-API-Version", equalTo("2026-05-12"))
			.withHeader("Accept", equalTo("application/json")))).hasSize(count);
		assertThat(received.all()).hasSize(count);
	}

	@org.junit.jupiter.api.BeforeEach
	void warmUp() {
		received.warmUp(wireMock.baseUrl());
	}

	private static void assertOneWarningAndNoStackTrace(CapturedOutput output, String text) {
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN") && line.contains(text)))
			.as("WARN lines").hasSize(1);
		assertThat(output.getAll()).doesNotContain("\tat ").doesNotContain(" ERROR ").doesNotContain(CLERK_SECRET);
	}

	private static MockMvc mvc(org.springframework.web.context.WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
	}

	private static String supabaseToken() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID("sb-key-1").generate();
			Instant now = Instant.now();
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
					new JWTClaimsSet.Builder().issuer(wireMock.baseUrl() + "/auth/v1")
						.subject(UUID.randomUUID().toString())
						.audience("authenticated")
						.expirationTime(Date.from(now.plusSeconds(3600)))
						.build());
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@RestController
	static class MeController {

		@GetMapping("/me")
		String me() {
			return "me";
		}

	}

}
