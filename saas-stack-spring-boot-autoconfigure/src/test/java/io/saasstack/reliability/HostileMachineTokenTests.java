package io.saasstack.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasPrincipal;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthReactiveSecurityAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthServletSecurityAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.reliability.HostileTokens.HostileToken;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

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
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Machine tokens in the hostile-input suite, through chains accepting every token type, servlet
 * and reactive: opaque garbage with each prefix (sent to a Backend API that knows one valid key
 * and answers everything else with Clerk's 404, a fault or a malformed body), the hostile-token
 * corpus seeded with a valid M2M JWT (wrong {@code cat}, expired, not yet valid, claims of the
 * wrong type...), and valid machine tokens sent as cookies. Every one gets 401, none a server
 * error, none is accepted; the valid key and JWT get 200 before and after, so the endpoint can
 * answer something else than 401.
 */
class HostileMachineTokenTests {

	private static final String VALID_API_KEY = "ak_valid0123456789abcdefABCDEF";

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(ServletWhoAmI.class);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withBean(ReactiveWhoAmI.class);

	@BeforeEach
	void backendApi() {
		for (String path : new String[] { "/api_keys/verify", "/m2m_tokens/verify",
				"/oauth_applications/access_tokens/verify" }) {
			wireMock.stubFor(post(urlPathEqualTo(path)).atPriority(10)
				.willReturn(aResponse().withStatus(404)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"errors\":[{\"code\":\"resource_not_found\",\"message\":\"not found\"}]}")));
		}
		wireMock.stubFor(post(urlPathEqualTo("/api_keys/verify")).atPriority(1)
			.withRequestBody(equalToJson("{\"secret\":\"" + VALID_API_KEY + "\"}"))
			.willReturn(okJson("""
					{"object":"api_key","id":"ak_id_1","type":"api_key","subject":"user_2abc","name":"ci",
					 "claims":null,"scopes":["reports:read"],"revoked":false,"expired":false,"expiration":null}""")));
		fault("ak_fault_500", aResponse().withStatus(500).withBody("oops"));
		fault("ak_fault_429", aResponse().withStatus(429).withHeader("Retry-After", "30"));
		fault("ak_fault_reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		fault("ak_fault_garbage", aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE));
		fault("ak_fault_html", aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<h1>hi"));
		fault("ak_fault_truncated", okJson("{\"object\":\"api_key\",\"id\":\"ak_1\",\"subj"));
		fault("ak_fault_array", okJson("[1,2,3]"));
		fault("ak_fault_empty", okJson(""));
		fault("ak_fault_no_subject", okJson("{\"object\":\"api_key\",\"id\":\"ak_1\",\"scopes\":[\"x\"]}"));
		fault("ak_fault_subject_number", okJson("{\"object\":\"api_key\",\"id\":\"ak_1\",\"subject\":7}"));
		fault("ak_fault_revoked", okJson("{\"object\":\"api_key\",\"id\":\"ak_1\",\"subject\":\"user_1\","
				+ "\"revoked\":true,\"expired\":false}"));
		fault("ak_fault_expired", okJson("{\"object\":\"api_key\",\"id\":\"ak_1\",\"subject\":\"user_1\","
				+ "\"revoked\":false,\"expired\":false,\"expiration\":1000}"));
		fault("ak_fault_inactive", okJson("{\"active\":false}"));
	}

	private static void fault(String token, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
		wireMock.stubFor(post(urlPathEqualTo("/api_keys/verify")).atPriority(1)
			.withRequestBody(equalToJson("{\"secret\":\"" + token + "\"}"))
			.willReturn(answer));
	}

	private String[] properties() {
		return new String[] { "saas.auth.clerk.jwt-key=" + TestIssuers.clerkPem(),
				"saas.auth.clerk.issuer=" + TestIssuers.CLERK_ISSUER,
				"saas.auth.clerk.authorized-parties=" + TestIssuers.CLERK_AZP,
				"saas.auth.clerk.secret-key=sk_test_reliability0000000000000000",
				"saas.auth.clerk.base-url=" + wireMock.baseUrl(),
				"saas.auth.clerk.accepted-token-types=session_token,api_key,m2m_token,oauth_token" };
	}

	/** Opaque tokens with each prefix that no Clerk instance issued, and the faults of the Backend API. */
	static List<HostileToken> opaqueGarbage() {
		List<String> suffixes = new ArrayList<>(List.of("", "x", " ", "\t", "%00", "\u00e9t\u00e9", "\u202eevil",
				"\ud83d\ude00", "\\", "\"", "\"}", "\",\"secret\":\"" + VALID_API_KEY, "{\"secret\":\"x\"}",
				"../../v1/users", "?x=1", "#frag", "' OR '1'='1", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
				"%s%s%n", "null", "undefined", "valid0123456789abcdefABCDEG", "valid0123456789abcdefABCDE",
"VALID0123456789ABCDEFABCDEF", "ak_", "mt_", "oat_",
				"eyJhbGciOiJub25lIn0.eyJzdWIiOiJtY2hfMSJ9.", "a".repeat(480), "a".repeat(513), "a".repeat(100_000)));
		List<HostileToken> tokens = new ArrayList<>();
		for (String prefix : new String[] { "ak_", "mt_", "oat_", "AK_", "ak-", "mch_", "sk_test_" }) {
			for (String suffix : suffixes) {
				tokens.add(new HostileToken("opaque-garbage", prefix + suffix));
			}
		}
		for (String fault : new String[] { "500", "429", "reset", "garbage", "html", "truncated", "array", "empty",
				"no_subject", "subject_number", "revoked", "expired", "inactive" }) {
			tokens.add(new HostileToken("backend-api-fault", "ak_fault_" + fault));
		}
		return tokens;
	}

	/** A sample of the corpus seeded with a valid M2M JWT, and its provider-specific tokens. */
	static List<HostileToken> machineJwtCorpus(int every) {
		List<HostileToken> corpus = HostileTokenServletTests
			.sample(HostileTokens.corpus(TestIssuers.clerkMachine(wireMock.baseUrl() + "/attacker")));
		List<HostileToken> sample = new ArrayList<>();
		for (int i = 0; i < corpus.size(); i++) {
			HostileToken token = corpus.get(i);
			if (i % every == 0 || token.category().equals("provider-specific")) {
				sample.add(token);
			}
		}
		return sample;
	}

	@Test
	void servletRefusesOpaqueGarbageMachineJwtCorpusAndMachineTokensInCookies() {
		String validJwt = TestIssuers.clerkMachine(wireMock.baseUrl()).valid();
		this.servlet.withPropertyValues(properties()).run((context) -> {
			MockMvc mvc = mvc(context);
			assertThat(status(mvc, bearer(VALID_API_KEY))).isEqualTo(200);
			assertThat(status(mvc, bearer(validJwt))).isEqualTo(200);
			HostileTokenServletTests.assertRefused(CorpusOutcome.run("clerk opaque machine garbage, servlet",
					opaqueGarbage(), (token) -> status(mvc, bearer(token)),
					HostileTokenServletTests.expected("Authorization", "Bearer ")));
			HostileTokenServletTests.assertSafe(CorpusOutcome.run("clerk M2M JWT corpus, servlet",
					machineJwtCorpus(1), (token) -> status(mvc, bearer(token)),
					HostileTokenServletTests.expected("Authorization", "Bearer ")));
			for (String token : List.of(VALID_API_KEY, validJwt)) {
				assertThat(status(mvc, get("/whoami").cookie(new Cookie("__session", token)))).as("cookie %s", token)
					.isEqualTo(401);
			}
			assertThat(status(mvc, bearer(VALID_API_KEY))).isEqualTo(200);
			assertThat(status(mvc, bearer(validJwt))).isEqualTo(200);
		});
		assertImplausibleTokensNeverReachedClerk();
	}

	@Test
	void reactiveRefusesOpaqueGarbageMachineJwtCorpusAndMachineTokensInCookies() {
		String validJwt = TestIssuers.clerkMachine(wireMock.baseUrl()).valid();
		this.reactive.withPropertyValues(properties()).run((context) -> {
			WebTestClient client = client(context);
			assertThat(status(client, VALID_API_KEY)).isEqualTo(200);
			assertThat(status(client, validJwt)).isEqualTo(200);
			HostileTokenServletTests.assertRefused(CorpusOutcome.run("clerk opaque machine garbage, reactive",
					opaqueGarbage(), (token) -> status(client, token), reactiveExpected()));
			HostileTokenServletTests.assertSafe(CorpusOutcome.run("clerk M2M JWT corpus, reactive",
					machineJwtCorpus(4), (token) -> status(client, token), reactiveExpected()));
			for (String token : List.of(VALID_API_KEY, validJwt)) {
				assertThat(client.get().uri("/whoami").cookie("__session", token).exchange()
					.returnResult(String.class).getStatus().value()).as("cookie %s", token).isEqualTo(401);
			}
			assertThat(status(client, VALID_API_KEY)).isEqualTo(200);
			assertThat(status(client, validJwt)).isEqualTo(200);
		});
		assertImplausibleTokensNeverReachedClerk();
	}

	/** Tokens longer than Clerk's or with characters outside printable ASCII are refused before any call. */
	private static void assertImplausibleTokensNeverReachedClerk() {
		List<LoggedRequest> calls = wireMock.findAll(anyRequestedFor(urlPathMatching(".*")));
		assertThat(calls).isNotEmpty();
		assertThat(calls).allSatisfy((call) -> {
			assertThat(call.getBodyAsString()).hasSizeLessThan(600);
			assertThat(call.getBodyAsString().chars()).allMatch((c) -> c >= ' ' && c <= '~');
			assertThat(call.getUrl()).doesNotStartWith("/attacker").doesNotStartWith("/v1/");
		});
	}

	/** As the reactive corpus run: the firewall's 400 is allowed for control characters. */
	private static java.util.function.BiPredicate<HostileToken, Integer> reactiveExpected() {
		return (token, status) -> {
			if (status == 400) {
				return token.token().chars().anyMatch((c) -> Character.isISOControl(c) || !Character.isDefined(c));
			}
			return status == 401 || (status == 200 && HostileTokens.TOLERATED.contains(token.category()));
		};
	}

	private static MockHttpServletRequestBuilder bearer(String token) {
		return get("/whoami").header("Authorization", "Bearer " + token);
	}

	private static int status(MockMvc mvc, MockHttpServletRequestBuilder request) {
		try {
			return mvc.perform(request).andReturn().getResponse().getStatus();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int status(WebTestClient client, String token) {
		return client.get()
			.uri("/whoami")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.returnResult(String.class)
			.getStatus()
			.value();
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	private static WebTestClient client(ApplicationContext context) {
		// a liveness bound, not a speed check
		return WebTestClient.bindToApplicationContext(context)
			.apply(org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity())
			.configureClient()
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	static String describe(SaasPrincipal principal) {
		return (principal instanceof SaasMachine machine) ? machine.tokenType().id() + " " + machine.subject()
				: principal.subject();
	}

	@RestController
	static class ServletWhoAmI {

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal SaasPrincipal principal) {
			return describe(principal);
		}

	}

	@RestController
	static class ReactiveWhoAmI {

		@GetMapping("/whoami")
		Mono<String> whoami(@AuthenticationPrincipal SaasPrincipal principal) {
			return Mono.just(describe(principal));
		}

	}

}
