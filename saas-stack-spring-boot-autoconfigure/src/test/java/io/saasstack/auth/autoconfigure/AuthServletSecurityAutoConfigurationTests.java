package io.saasstack.auth.autoconfigure;

import java.util.List;

import io.saasstack.auth.SaasUser;
import io.saasstack.auth.clerk.ClerkJwtDecoder;
import io.saasstack.auth.security.SaasResourceServer;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

class AuthServletSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(MeController.class)
		.withPropertyValues("saas.auth.clerk.jwt-key=" + AuthTokens.pem(), "saas.auth.clerk.issuer=" + AuthTokens.ISSUER,
				"saas.auth.clerk.authorized-parties=" + AuthTokens.AZP);

	@Test
	void validTokenReachesTheEndpointWithTheTypedPrincipal() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ClerkJwtDecoder.class);
			mvc(context).perform(get("/me").header("Authorization", "Bearer " + AuthTokens.valid()))
				.andExpect(status().isOk())
				.andExpect(content().string("user_2abc sess_1 org_1 org:admin [org:admin, ROLE_ORG_ADMIN, org:invoices:read]"));
		});
	}

	@Test
	void sessionCookieWorksWhenThereIsNoHeader() {
		this.contextRunner.run((context) -> mvc(context)
			.perform(get("/me").cookie(new Cookie("__session", AuthTokens.valid())))
			.andExpect(status().isOk()));
	}

	@Test
	void noTokenGets401WithWwwAuthenticateAndNoRedirect() {
		this.contextRunner.run((context) -> mvc(context).perform(get("/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer")))
			.andExpect(header().doesNotExist("Location")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badTokens")
	void badTokensGet401(String name, String token) {
		this.contextRunner.run((context) -> mvc(context).perform(get("/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer error=\"invalid_token\""))));
	}

	static List<Object[]> badTokens() {
		return List.of(new Object[] { "expired", AuthTokens.expired() },
				new Object[] { "not yet valid", AuthTokens.notYetValid() },
				new Object[] { "wrong issuer", AuthTokens.wrongIssuer() },
				new Object[] { "wrong azp", AuthTokens.wrongAzp() }, new Object[] { "alg none", AuthTokens.algNone() },
				new Object[] { "HS256 signed with the public key", AuthTokens.hs256WithPublicKey() },
				new Object[] { "garbage", "not.a.token" });
	}

	@Test
	void userChainAppliesOursInOneLine() {
		this.contextRunner.withUserConfiguration(UserChain.class).run((context) -> {
			MockMvc mvc = mvc(context);
			mvc.perform(get("/public")).andExpect(status().isOk());
			mvc.perform(get("/me")).andExpect(status().isUnauthorized());
			mvc.perform(get("/me").header("Authorization", "Bearer " + AuthTokens.valid())).andExpect(status().isOk());
		});
	}

	@Test
	void backsOffToAUserDecoder() {
		JwtDecoder user = (token) -> {
			throw new org.springframework.security.oauth2.jwt.BadJwtException("no");
		};
		this.contextRunner.withBean(JwtDecoder.class, () -> user)
			.run((context) -> assertThat(context).getBean(JwtDecoder.class).isSameAs(user));
	}

	@Test
	void missingKeysFailStartupNamingTheProperty() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
					AuthAutoConfiguration.class))
			.withPropertyValues("saas.auth.provider=clerk",
					"saas.auth.clerk.publishable-key=pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("saas.auth.clerk.secret-key"));
	}

	private static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(springSecurity()).build();
	}

	@RestController
	static class MeController {

		@GetMapping("/me")
		String me(@AuthenticationPrincipal SaasUser user,
				org.springframework.security.core.Authentication authentication) {
			return user.id() + " " + user.sessionId() + " " + user.organization().id() + " "
					+ user.organization().role() + " " + authentication.getAuthorities().stream()
						.map(Object::toString)
						.toList();
		}

		@GetMapping("/public")
		String open() {
			return "open";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserChain {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http, SaasResourceServer saasResourceServer) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/public").permitAll()
				.anyRequest()
				.authenticated()).oauth2ResourceServer(saasResourceServer).build();
		}

	}

}
