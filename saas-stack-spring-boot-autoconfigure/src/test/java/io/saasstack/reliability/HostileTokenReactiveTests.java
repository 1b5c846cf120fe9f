package io.saasstack.reliability;

import java.time.Duration;

import java.util.List;
import java.util.function.BiPredicate;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.auth.SaasUser;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthReactiveSecurityAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.reliability.HostileTokens.HostileToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

/**
 * A sample of the hostile-token corpus (a quarter of the servlet sample, every category) through
 * the reactive chain (WebFlux, {@link WebTestClient}): 401 for each, no server error, no exception
 * escaping, and the key set fetched at most once per refetch floor.
 */
class HostileTokenReactiveTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withBean(MeController.class)
		.withBean(java.time.Clock.class, () -> TestIssuers.CLOCK);

	@BeforeEach
	void keySet() {
		wireMock.stubFor(WireMock.get(urlPathEqualTo("/auth/v1/.well-known/jwks.json"))
			.willReturn(okJson(TestIssuers.supabaseJwks())));
	}

	@Test
	void supabaseRefusesTheSampleAndFetchesTheKeySetOncePerFloor() {
		HostileTokens.Issuer issuer = TestIssuers.supabase(wireMock.baseUrl(), wireMock.baseUrl() + "/attacker");
		List<HostileToken> sample = sample(HostileTokens.corpus(issuer));
		this.contextRunner
			.withPropertyValues("saas.auth.supabase.url=" + wireMock.baseUrl(),
					"saas.auth.supabase.jwt-secret=" + TestIssuers.SUPABASE_JWT_SECRET,
					"saas.auth.supabase.retry.max-attempts=1", "saas.auth.supabase.jwks-timeout=30s")
			.run((context) -> {
				WebTestClient client = client(context);
				assertThat(status(client, issuer.valid())).isEqualTo(200);
				HostileTokenServletTests.assertRefused(CorpusOutcome.run("supabase, reactive", sample,
						(token) -> status(client, token), expected()), HostileTokenFigures.SUPABASE_REACTIVE, issuer);
				assertThat(status(client, issuer.valid())).isEqualTo(200);
				HostileTokenServletTests.assertKeySetFetchedOnce(wireMock, "/auth/v1/.well-known/jwks.json");
			});
		assertThat(wireMock.findAll(anyRequestedFor(urlPathMatching("/attacker/.*")))).isEmpty();
	}

	@Test
	void clerkWithJwtKeyRefusesTheSample() {
		HostileTokens.Issuer issuer = TestIssuers.clerk(wireMock.baseUrl() + "/attacker", false);
		List<HostileToken> sample = sample(HostileTokens.corpus(issuer));
		this.contextRunner
			.withPropertyValues("saas.auth.clerk.jwt-key=" + TestIssuers.clerkPem(),
					"saas.auth.clerk.issuer=" + TestIssuers.CLERK_ISSUER,
					"saas.auth.clerk.authorized-parties=" + TestIssuers.CLERK_AZP)
			.run((context) -> {
				WebTestClient client = client(context);
				assertThat(status(client, issuer.valid())).isEqualTo(200);
				HostileTokenServletTests.assertRefused(CorpusOutcome.run("clerk jwt-key, reactive", sample,
						(token) -> status(client, token), expected()), HostileTokenFigures.CLERK_REACTIVE, issuer);
				assertThat(status(client, issuer.valid())).isEqualTo(200);
			});
		assertThat(wireMock.findAll(anyRequestedFor(urlPathMatching(".*")))).isEmpty();
	}

	/** Every fourth token of the servlet sample: the reactive chain is slower to drive. */
	private static List<HostileToken> sample(List<HostileToken> corpus) {
		List<HostileToken> sample = HostileTokenServletTests.sample(corpus);
		return java.util.stream.IntStream.range(0, sample.size()).filter((i) -> i % 4 == 0).mapToObj(sample::get).toList();
	}

	/** As on the servlet side; the reactive firewall's 400 is allowed for control characters. */
	private static BiPredicate<HostileToken, Integer> expected() {
		return (token, status) -> {
			if (status == 400) {
				return token.token().chars().anyMatch((c) -> Character.isISOControl(c) || !Character.isDefined(c));
			}
			return status == 401 || (status == 200 && HostileTokens.TOLERATED.contains(token.category()));
		};
	}

	private static int status(WebTestClient client, String token) {
		return client.get()
			.uri("/me")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private static WebTestClient client(ApplicationContext context) {
		// a liveness bound, not a speed check: a 10 MB token takes seconds on a busy 2-core machine
		return WebTestClient.bindToApplicationContext(context)
			.apply(springSecurity())
			.configureClient()
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@RestController
	static class MeController {

		@GetMapping("/me")
		String me(@AuthenticationPrincipal SaasUser user) {
			return user.id();
		}

	}

}
