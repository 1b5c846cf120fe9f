package io.saasstack.auth.autoconfigure;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasPrincipal;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.security.SaasResourceServer;
import io.saasstack.auth.security.SaasServerResourceServer;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.method.configuration.EnableReactiveMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Machine tokens through the saas-stack chains, servlet (MockMvc) and reactive (WebTestClient):
 * 200 with the {@link SaasMachine} principal for each accepted type and form, 401 for each type
 * a chain does not accept, each expired and each refused token, and for machine tokens sent as
 * cookies; scopes as {@code SCOPE_} authorities for {@code @PreAuthorize}.
 */
class MachineTokenSecurityTests {

	private static final String ALL = "saas.auth.clerk.accepted-token-types=session_token,api_key,m2m_token,oauth_token";

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(ServletEndpoints.class);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(ReactiveEndpoints.class);

	@BeforeEach
	void stubs() {
		MachineAuthTokens.stub(wireMock);
	}

	private String[] clerk(String... more) {
		List<String> properties = new java.util.ArrayList<>(List.of("saas.auth.clerk.jwt-key=" + AuthTokens.pem(),
				"saas.auth.clerk.issuer=" + AuthTokens.ISSUER, "saas.auth.clerk.authorized-parties=" + AuthTokens.AZP,
				"saas.auth.clerk.secret-key=sk_test_machine00000000000000",
				"saas.auth.clerk.base-url=" + wireMock.baseUrl()));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	/** Token, expected status, expected body (null: not checked). */
	private static List<Object[]> acceptedWhenAllTypesAre() {
		return List.of(new Object[] { MachineAuthTokens.API_KEY, 200, "api_key user_2abc [reports:read]" },
				new Object[] { MachineAuthTokens.M2M, 200, "m2m_token " + MachineAuthTokens.MACHINE + " [reports:read]" },
				new Object[] { MachineAuthTokens.OAUTH, 200, "oauth_token user_2abc [reports:read]" },
				new Object[] { MachineAuthTokens.m2mJwt(), 200,
						"m2m_token " + MachineAuthTokens.MACHINE + " [reports:read]" },
				new Object[] { MachineAuthTokens.m2mJwt(null, 3600), 200,
						"m2m_token " + MachineAuthTokens.MACHINE + " [reports:read]" },
				new Object[] { MachineAuthTokens.oauthJwt(), 200, "oauth_token user_2abc [reports:read]" },
				new Object[] { AuthTokens.valid(), 200, "session_token user_2abc" },
				// refused by Clerk, or by us where the SDK would not look
				new Object[] { MachineAuthTokens.UNKNOWN_API_KEY, 401, null },
				new Object[] { MachineAuthTokens.UNKNOWN_M2M, 401, null },
				new Object[] { MachineAuthTokens.UNKNOWN_OAUTH, 401, null },
				new Object[] { MachineAuthTokens.REVOKED_API_KEY, 401, null },
				// expired
				new Object[] { MachineAuthTokens.EXPIRED_API_KEY, 401, null },
				new Object[] { MachineAuthTokens.m2mJwt("cl_B7d4PD333AAA", -60), 401, null },
				new Object[] { MachineAuthTokens.oauthJwt(-60), 401, null },
				new Object[] { AuthTokens.expired(), 401, null },
				// a JWT machine token of another category
				new Object[] { MachineAuthTokens.m2mJwt("cl_B7d4PD111AAA", 3600), 401, null });
	}

	/** Each machine type and form, which the default chain (session tokens only) refuses. */
	private static List<String> machineTokens() {
		return List.of(MachineAuthTokens.API_KEY, MachineAuthTokens.M2M, MachineAuthTokens.OAUTH,
				MachineAuthTokens.m2mJwt(), MachineAuthTokens.oauthJwt());
	}

	@Test
	void servletAcceptsEachTypeWithTheMachinePrincipalAndRefusesExpiredAndRefusedTokens() {
		this.servlet.withPropertyValues(clerk(ALL)).run((context) -> {
			MockMvc mvc = mvc(context);
			for (Object[] row : acceptedWhenAllTypesAre()) {
				assertServlet(mvc, bearer("/whoami", (String) row[0]), (int) row[1], (String) row[2]);
			}
		});
	}

	@Test
	void reactiveAcceptsEachTypeWithTheMachinePrincipalAndRefusesExpiredAndRefusedTokens() {
		this.reactive.withPropertyValues(clerk(ALL)).run((context) -> {
			WebTestClient client = client(context);
			for (Object[] row : acceptedWhenAllTypesAre()) {
				assertReactive(client, "/whoami", (String) row[0], (int) row[1], (String) row[2]);
			}
		});
	}

	@Test
	void defaultChainsAcceptSessionTokensOnly() {
		this.servlet.withPropertyValues(clerk()).run((context) -> {
			MockMvc mvc = mvc(context);
			assertServlet(mvc, bearer("/whoami", AuthTokens.valid()), 200, "session_token user_2abc");
			for (String token : machineTokens()) {
				assertServlet(mvc, bearer("/whoami", token), 401, null);
			}
		});
		this.reactive.withPropertyValues(clerk()).run((context) -> {
			WebTestClient client = client(context);
			assertReactive(client, "/whoami", AuthTokens.valid(), 200, "session_token user_2abc");
			for (String token : machineTokens()) {
				assertReactive(client, "/whoami", token, 401, null);
			}
		});
		assertThat(wireMock.getAllServeEvents()).isEmpty();
	}

	@Test
	void eachWrongTypeIsRefusedWithItsDescription() {
		String[] properties = clerk("saas.auth.clerk.accepted-token-types=api_key");
		String refused = WwwAuthenticateTests.expected("Token type not accepted");
		this.servlet.withPropertyValues(properties).run((context) -> {
			MockMvc mvc = mvc(context);
			assertServlet(mvc, bearer("/whoami", MachineAuthTokens.API_KEY), 200, "api_key user_2abc [reports:read]");
			for (String token : List.of(AuthTokens.valid(), MachineAuthTokens.M2M, MachineAuthTokens.OAUTH,
					MachineAuthTokens.m2mJwt(), MachineAuthTokens.oauthJwt())) {
				String header = mvc.perform(bearer("/whoami", token)).andReturn().getResponse().getHeader("WWW-Authenticate");
				assertThat(header).startsWith(refused.substring(0, refused.indexOf(", error_uri")));
			}
		});
		this.reactive.withPropertyValues(properties).run((context) -> {
			WebTestClient client = client(context);
			assertReactive(client, "/whoami", MachineAuthTokens.API_KEY, 200, "api_key user_2abc [reports:read]");
			for (String token : List.of(AuthTokens.valid(), MachineAuthTokens.M2M, MachineAuthTokens.m2mJwt())) {
				client.get()
					.uri("/whoami")
					.header("Authorization", "Bearer " + token)
					.exchange()
					.expectStatus()
					.isUnauthorized()
					.expectHeader()
					.valueEquals("WWW-Authenticate", refused);
			}
		});
	}

	@Test
	void machineTokensInCookiesAreRefused() {
		this.servlet.withPropertyValues(clerk(ALL)).run((context) -> {
			MockMvc mvc = mvc(context);
			for (String token : machineTokens()) {
				assertServlet(mvc, get("/whoami").cookie(new Cookie("__session", token)), 401, null);
			}
			// a session cookie still works, and a machine header token beside a session cookie is the header's
			assertServlet(mvc, get("/whoami").cookie(new Cookie("__session", AuthTokens.valid())), 200,
					"session_token user_2abc");
		});
		this.reactive.withPropertyValues(clerk(ALL)).run((context) -> {
			WebTestClient client = client(context);
			for (String token : machineTokens()) {
				client.get().uri("/whoami").cookie("__session", token).exchange().expectStatus().isUnauthorized();
			}
			client.get().uri("/whoami").cookie("__session", AuthTokens.valid()).exchange().expectStatus().isOk();
		});
	}

	@Test
	void scopesAreAuthorities() {
		this.servlet.withPropertyValues(clerk(ALL)).run((context) -> {
			MockMvc mvc = mvc(context);
			assertServlet(mvc, bearer("/reports", MachineAuthTokens.API_KEY), 200, "reports for user_2abc");
			assertServlet(mvc, bearer("/reports", MachineAuthTokens.m2mJwt()), 200,
					"reports for " + MachineAuthTokens.MACHINE);
			assertServlet(mvc, bearer("/reports", MachineAuthTokens.API_KEY_WITHOUT_SCOPE), 403, null);
			assertServlet(mvc, bearer("/reports", AuthTokens.valid()), 403, null);
		});
		this.reactive.withPropertyValues(clerk(ALL)).run((context) -> {
			WebTestClient client = client(context);
			assertReactive(client, "/reports", MachineAuthTokens.API_KEY, 200, "reports for user_2abc");
			assertReactive(client, "/reports", MachineAuthTokens.API_KEY_WITHOUT_SCOPE, 403, null);
			assertReactive(client, "/reports", AuthTokens.valid(), 403, null);
		});
	}

	@Test
	void aChainOfTheApplicationOverridesTheAcceptedTypes() {
		this.servlet.withPropertyValues(clerk()).withUserConfiguration(M2mOnlyServletChain.class).run((context) -> {
			MockMvc mvc = mvc(context);
			assertServlet(mvc, bearer("/whoami", MachineAuthTokens.m2mJwt()), 200,
					"m2m_token " + MachineAuthTokens.MACHINE + " [reports:read]");
			assertServlet(mvc, bearer("/whoami", MachineAuthTokens.API_KEY), 401, null);
			assertServlet(mvc, bearer("/whoami", AuthTokens.valid()), 401, null);
		});
		this.reactive.withPropertyValues(clerk()).withUserConfiguration(M2mOnlyReactiveChain.class).run((context) -> {
			WebTestClient client = client(context);
			assertReactive(client, "/whoami", MachineAuthTokens.M2M, 200,
					"m2m_token " + MachineAuthTokens.MACHINE + " [reports:read]");
			assertReactive(client, "/whoami", MachineAuthTokens.OAUTH, 401, null);
			assertReactive(client, "/whoami", AuthTokens.valid(), 401, null);
		});
	}

	private static MockHttpServletRequestBuilder bearer(String path, String token) {
		return get(path).header("Authorization", "Bearer " + token);
	}

	private static void assertServlet(MockMvc mvc, MockHttpServletRequestBuilder request, int status, String body)
			throws Exception {
		var response = mvc.perform(request).andReturn().getResponse();
		assertThat(response.getStatus()).as("%s", request).isEqualTo(status);
		if (body != null) {
			assertThat(response.getContentAsString()).isEqualTo(body);
		}
	}

	private static void assertReactive(WebTestClient client, String path, String token, int status, String body) {
		var result = client.get()
			.uri(path)
			.header("Authorization", "Bearer " + token)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(String.class)
			.returnResult();
		if (body != null) {
			assertThat(result.getResponseBody()).isEqualTo(body);
		}
	}

	private static MockMvc mvc(org.springframework.web.context.WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	private static WebTestClient client(ApplicationContext context) {
		return WebTestClient.bindToApplicationContext(context)
			.apply(org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity())
			.configureClient()
			.build();
	}

	static String describe(SaasPrincipal principal) {
		if (principal instanceof SaasMachine machine) {
			return machine.tokenType().id() + " " + machine.subject() + " " + machine.scopes();
		}
		return principal.tokenType().id() + " " + principal.subject();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	@RestController
	static class ServletEndpoints {

		@GetMapping("/whoami")
		String whoami(@AuthenticationPrincipal SaasPrincipal principal) {
			return describe(principal);
		}

		@GetMapping("/reports")
		@PreAuthorize("hasAuthority('SCOPE_reports:read')")
		public String reports(@AuthenticationPrincipal SaasPrincipal principal) {
			return "reports for " + principal.subject();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableReactiveMethodSecurity
	@RestController
	static class ReactiveEndpoints {

		@GetMapping("/whoami")
		Mono<String> whoami(@AuthenticationPrincipal SaasPrincipal principal) {
			return Mono.just(describe(principal));
		}

		@GetMapping("/reports")
		@PreAuthorize("hasAuthority('SCOPE_reports:read')")
		public Mono<String> reports(@AuthenticationPrincipal SaasPrincipal principal) {
			return Mono.just("reports for " + principal.subject());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class M2mOnlyServletChain {

		@Bean
		SecurityFilterChain m2mOnly(HttpSecurity http, SaasResourceServer saasResourceServer) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.oauth2ResourceServer(saasResourceServer.accepting(SaasTokenType.M2M_TOKEN))
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class M2mOnlyReactiveChain {

		@Bean
		SecurityWebFilterChain m2mOnly(ServerHttpSecurity http, SaasServerResourceServer saasServerResourceServer) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.oauth2ResourceServer(saasServerResourceServer.accepting(SaasTokenType.M2M_TOKEN))
				.build();
		}

	}

	static Map<String, String> unused() {
		return Map.of();
	}

}
