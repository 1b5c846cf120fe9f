package io.saasstack.reliability;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.auth.SaasUser;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthServletSecurityAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.reliability.HostileTokens.HostileToken;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The hostile-token corpus ({@link HostileTokens}, over 10,000 tokens per issuer) against an
 * endpoint protected by saas-stack's servlet chain: every token gets 401, none a server error,
 * no exception escapes, and unknown key ids do not hammer the key set (at most one fetch per
 * refetch floor, counted on WireMock). A token the issuer really signed gets 200 before and after
 * the corpus, so the endpoint can answer something else than 401.
 */
class HostileTokenServletTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(MeController.class)
		.withBean(Clock.class, () -> TestIssuers.CLOCK);

	@BeforeEach
	void keySets() {
		wireMock.stubFor(WireMock.get(urlPathEqualTo("/v1/jwks")).willReturn(okJson(TestIssuers.clerkJwks())));
		wireMock.stubFor(WireMock.get(urlPathEqualTo("/auth/v1/.well-known/jwks.json"))
			.willReturn(okJson(TestIssuers.supabaseJwks())));
		wireMock.stubFor(WireMock.get(urlPathMatching("/attacker/.*")).willReturn(okJson(TestIssuers.supabaseJwks())));
	}

	@Test
	void clerkWithJwtKeyRefusesTheWholeCorpusInTheHeaderAndTheSessionCookie() {
		HostileTokens.Issuer issuer = TestIssuers.clerk(attackerUrl(), false);
		List<HostileToken> corpus = HostileTokens.corpus(issuer);
		assertThat(corpus).hasSize(10_856);
		this.contextRunner
			.withPropertyValues("saas.auth.clerk.jwt-key=" + TestIssuers.clerkPem(),
					"saas.auth.clerk.issuer=" + TestIssuers.CLERK_ISSUER,
					"saas.auth.clerk.authorized-parties=" + TestIssuers.CLERK_AZP)
			.run((context) -> {
				MockMvc mvc = mvc(context);
				assertAccepted(mvc, issuer.valid());
				assertRefused(CorpusOutcome.run("clerk jwt-key, Authorization header", corpus,
						(token) -> status(mvc, bearer(token)), expected("Authorization", "Bearer ")),
						HostileTokenFigures.CLERK_HEADER, issuer);
				assertRefused(CorpusOutcome.run("clerk jwt-key, __session cookie", sample(corpus),
						(token) -> status(mvc, get("/me").cookie(new Cookie("__session", token))),
						expected("Cookie", "__session=")), HostileTokenFigures.CLERK_COOKIE, issuer);
				assertAccepted(mvc, issuer.valid());
			});
		assertThat(wireMock.findAll(anyRequestedFor(urlPathMatching(".*")))).isEmpty();
	}

	@Test
	void clerkWithKeySetRefusesTheCorpusAndFetchesTheKeySetOncePerFloor() {
		HostileTokens.Issuer issuer = TestIssuers.clerk(attackerUrl(), true);
		List<HostileToken> corpus = sample(HostileTokens.corpus(issuer));
		this.contextRunner
			.withPropertyValues("saas.auth.clerk.secret-key=sk_test_reliability0000000000000000",
					"saas.auth.clerk.base-url=" + wireMock.baseUrl(), "saas.auth.clerk.retry.max-attempts=1",
					"saas.auth.clerk.issuer=" + TestIssuers.CLERK_ISSUER,
					"saas.auth.clerk.authorized-parties=" + TestIssuers.CLERK_AZP)
			.run((context) -> {
				MockMvc mvc = mvc(context);
				assertAccepted(mvc, issuer.valid());
				assertRefused(CorpusOutcome.run("clerk key set, Authorization header", corpus,
						(token) -> status(mvc, bearer(token)), expected("Authorization", "Bearer ")),
						HostileTokenFigures.CLERK_KEY_SET, issuer);
				assertAccepted(mvc, issuer.valid());
				assertKeySetFetchedOnce(wireMock, "/v1/jwks");
			});
		assertThat(wireMock.findAll(anyRequestedFor(urlPathMatching("/attacker/.*")))).isEmpty();
	}

	@Test
	void supabaseRefusesTheWholeCorpusAndFetchesTheKeySetOncePerFloor() {
		HostileTokens.Issuer issuer = TestIssuers.supabase(wireMock.baseUrl(), attackerUrl());
		List<HostileToken> corpus = HostileTokens.corpus(issuer);
		assertThat(corpus).hasSize(10_843);
		this.contextRunner
			.withPropertyValues("saas.auth.supabase.url=" + wireMock.baseUrl(),
					"saas.auth.supabase.jwt-secret=" + TestIssuers.SUPABASE_JWT_SECRET,
					"saas.auth.supabase.retry.max-attempts=1", "saas.auth.supabase.jwks-timeout=30s")
			.run((context) -> {
				MockMvc mvc = mvc(context);
				assertAccepted(mvc, issuer.valid());
				assertRefused(CorpusOutcome.run("supabase key set + legacy secret, Authorization header", corpus,
						(token) -> status(mvc, bearer(token)), expected("Authorization", "Bearer ")),
						HostileTokenFigures.SUPABASE_HEADER, issuer);
				assertAccepted(mvc, issuer.valid());
				assertKeySetFetchedOnce(wireMock, "/auth/v1/.well-known/jwks.json");
			});
		assertThat(wireMock.findAll(anyRequestedFor(urlPathMatching("/attacker/.*")))).isEmpty();
	}

	static String attackerUrl() {
		return wireMock.baseUrl() + "/attacker";
	}

	/**
	 * One fetch in the whole run, as documented: the first token fetches the key set, and no
	 * unknown {@code kid} of the corpus (222 of them) fetches it again within the refetch floor.
	 */
	static void assertKeySetFetchedOnce(WireMockExtension wireMock, String path) {
		assertThat(wireMock.findAll(anyRequestedFor(urlPathEqualTo(path)))).as("key set fetches").hasSize(1);
	}

	/**
	 * Every token of the categories that are not random edits, and every tenth of those: the
	 * runs that repeat the corpus through another carrier or chain.
	 */
	static List<HostileToken> sample(List<HostileToken> corpus) {
		List<HostileToken> sample = new ArrayList<>();
		for (int i = 0; i < corpus.size(); i++) {
			HostileToken token = corpus.get(i);
			boolean bulk = token.category().equals("mutated") || token.category().equals("truncated");
			if (!bulk || i % 10 == 0) {
				sample.add(token);
			}
		}
		return sample;
	}

	/**
	 * 401 for every token, except: a header value with characters Spring Security's firewall
	 * refuses (CR, LF, NUL, other controls; a real server refuses them earlier) may get its 400
	 * before any authentication, and the {@link HostileTokens#TOLERATED tolerated} tokens (signed by the
	 * issuer with odd but harmless claims, blanks around a valid token) may get 200.
	 */
	static BiPredicate<HostileToken, Integer> expected(String headerName, String valuePrefix) {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		return (token, status) -> {
			MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me");
			request.addHeader(headerName, valuePrefix + token.token());
			try {
				firewall.getFirewalledRequest(request).getHeader(headerName);
			}
			catch (RequestRejectedException ex) {
				// the firewall does not look at cookies: then the decoder refuses it
				return status == 400 || status == 401;
			}
			if (HostileTokens.TOLERATED.contains(token.category())) {
				return status == 401 || status == 200;
			}
			return status == 401;
		};
	}

	/**
	 * Nothing escaped, no server error, every answer as {@link #expected} allows, and exactly the
	 * documented figures: each status per category, and each 200 one of the named shapes.
	 */
	/** A corpus of which nothing may be accepted: no escaped exception, no 5xx, no other answer, no 200. */
	static void assertRefused(CorpusOutcome outcome) {
		assertSafe(outcome);
		assertThat(outcome.acceptedShapes()).as("tokens answered 200").isEmpty();
	}

	static void assertRefused(CorpusOutcome outcome, HostileTokenFigures.Figures figures, HostileTokens.Issuer issuer) {
		assertSafe(outcome);
		assertThat(outcome.statuses()).as("statuses per category").containsExactlyElementsOf(figures.statuses());
		assertThat(outcome.acceptedShapes()).as("tokens answered 200")
			.allSatisfy((accepted) -> assertThat(figures.legal(accepted.substring(0, accepted.lastIndexOf(" × ")),
					issuer.providerClaims())).as("%s is a named legal shape", accepted).isTrue());
	}

	/**
	 * No escaped exception, no 5xx, no answer outside the category's: for corpora built from a valid
	 * token, whose legal-but-odd shapes (a claim added, another header field) are accepted.
	 */
	static void assertSafe(CorpusOutcome outcome) {
		System.out.println(outcome);
		assertThat(outcome.escaped()).as("exceptions escaped: %s", outcome.failures()).isZero();
		assertThat(outcome.serverErrors()).as("server errors: %s", outcome.failures()).isZero();
		assertThat(outcome.unexpected()).as("unexpected answers: %s", outcome.failures()).isZero();
	}

	private static void assertAccepted(MockMvc mvc, String token) {
		assertThat(status(mvc, bearer(token))).isEqualTo(200);
	}

	private static MockHttpServletRequestBuilder bearer(String token) {
		return get("/me").header("Authorization", "Bearer " + token);
	}

	private static int status(MockMvc mvc, MockHttpServletRequestBuilder request) {
		try {
			return mvc.perform(request).andReturn().getResponse().getStatus();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@RestController
	static class MeController {

		@GetMapping("/me")
		String me(@AuthenticationPrincipal SaasUser user) {
			return user.id();
		}

	}

}
