package io.saasstack.auth.autoconfigure;

import io.saasstack.auth.security.SaasResourceServer;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The {@code __session} cookie authenticates unsafe requests only from the same origin (or an
 * authorized party), in our default chain and in an application's chain with CSRF protection:
 * Spring Security exempts every request carrying a token from CSRF, the cookie included.
 */
@ExtendWith(OutputCaptureExtension.class)
class SessionCookieCsrfServletTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(ActionController.class)
		.withPropertyValues("saas.auth.clerk.jwt-key=" + AuthTokens.pem(), "saas.auth.clerk.issuer=" + AuthTokens.ISSUER,
				"saas.auth.clerk.authorized-parties=" + AuthTokens.AZP);

	@Test
	void defaultChainRefusesACrossSiteCookiePost() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(crossSite(post("/action").cookie(session()))).andExpect(status().isUnauthorized());
			mvc.perform(crossSite(post("/action"))).andExpect(status().isUnauthorized());
		});
	}

	@Test
	void defaultChainAcceptsTheCookieFromTheSameOriginAndAnAuthorizedParty() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(post("/action").cookie(session()).header("Sec-Fetch-Site", "same-origin"))
				.andExpect(status().isOk());
			mvc.perform(post("/action").cookie(session()).header("Origin", "http://localhost"))
				.andExpect(status().isOk());
			mvc.perform(post("/action").cookie(session())
				.header("Origin", AuthTokens.AZP)
				.header("Sec-Fetch-Site", "same-site")).andExpect(status().isOk());
		});
	}

	@Test
	void defaultChainNeedsProofOfTheOriginForUnsafeCookieRequestsOnly() {
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(post("/action").cookie(session())).andExpect(status().isUnauthorized());
			mvc.perform(post("/action").cookie(session()).header("Origin", "null")).andExpect(status().isUnauthorized());
			mvc.perform(crossSite(get("/action").cookie(session()))).andExpect(status().isOk());
		});
	}

	@Test
	void headerTokensStayExempt() {
		this.contextRunner.run((context) -> mvc(context)
			.perform(crossSite(post("/action").header("Authorization", "Bearer " + AuthTokens.valid())))
			.andExpect(status().isOk()));
		this.contextRunner.withUserConfiguration(CsrfChain.class)
			.run((context) -> mvc(context)
				.perform(crossSite(post("/action").header("Authorization", "Bearer " + AuthTokens.valid())))
				.andExpect(status().isOk()));
	}

	@Test
	void userChainWithCsrfRefusesACrossSiteCookiePost() {
		this.contextRunner.withUserConfiguration(CsrfChain.class).run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(crossSite(post("/action").cookie(session()))).andExpect(status().isForbidden());
			mvc.perform(crossSite(post("/action"))).andExpect(status().isForbidden());
			mvc.perform(post("/action").cookie(session()).header("Sec-Fetch-Site", "same-origin"))
				.andExpect(status().isOk());
		});
	}

	@Test
	void defaultChainAnswersATokenlessPostWith401AndNoCsrf403() {
		this.contextRunner.run((context) -> mvc(context).perform(post("/action"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate",
					"Bearer resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"")));
	}

	@Test
	void statelessUserChainAsDocumented() {
		this.contextRunner.withUserConfiguration(StatelessChain.class).run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(crossSite(post("/action").cookie(session()))).andExpect(status().isUnauthorized());
			mvc.perform(post("/action").cookie(session()).header("Sec-Fetch-Site", "same-origin"))
				.andExpect(status().isOk());
			mvc.perform(post("/public/action")).andExpect(status().isOk());
		});
		this.contextRunner.withUserConfiguration(CsrfChain.class)
			.run((context) -> mvc(context).perform(post("/public/action")).andExpect(status().isForbidden()));
	}

	@Test
	void cookieCanBeTurnedOff() {
		this.contextRunner.withPropertyValues("saas.auth.clerk.session-cookie=false").run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(get("/action").cookie(session())).andExpect(status().isUnauthorized());
			mvc.perform(get("/action").header("Authorization", "Bearer " + AuthTokens.valid()))
				.andExpect(status().isOk());
		});
	}

	@Test
	void warnsWhenCookiesAreAcceptedWithoutAuthorizedParties(CapturedOutput output) {
		String warning = "Clerk session cookies are accepted as tokens while 'saas.auth.clerk.authorized-parties' is empty";
		this.contextRunner.run((context) -> assertThat(output).doesNotContain(warning));
		this.contextRunner.withPropertyValues("saas.auth.clerk.authorized-parties=", "saas.auth.clerk.session-cookie=false")
			.run((context) -> assertThat(output).doesNotContain(warning));
		this.contextRunner.withPropertyValues("saas.auth.clerk.authorized-parties=")
			.run((context) -> assertThat(output).contains(warning).contains("saas.auth.clerk.session-cookie=false"));
	}

	private static MockHttpServletRequestBuilder crossSite(MockHttpServletRequestBuilder request) {
		return request.header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site");
	}

	private static Cookie session() {
		return new Cookie("__session", AuthTokens.valid());
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@RestController
	static class ActionController {

		@PostMapping({ "/action", "/public/action" })
		String post() {
			return "done";
		}

		@GetMapping("/action")
		String get() {
			return "read";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CsrfChain {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http, SaasResourceServer saasResourceServer) throws Exception {
			return http
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**").permitAll().anyRequest().authenticated())
				.oauth2ResourceServer(saasResourceServer)
				.build();
		}

	}

	/** The README's stateless API chain. */
	@Configuration(proxyBeanMethods = false)
	static class StatelessChain {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http, SaasResourceServer saasResourceServer) throws Exception {
			return http
				.authorizeHttpRequests((requests) -> requests.requestMatchers("/public/**").permitAll().anyRequest().authenticated())
				.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.csrf((csrf) -> csrf.disable())
				.oauth2ResourceServer(saasResourceServer)
				.build();
		}

	}

}
