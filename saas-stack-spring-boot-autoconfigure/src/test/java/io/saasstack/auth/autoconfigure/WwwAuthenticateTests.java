package io.saasstack.auth.autoconfigure;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
import org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The {@code WWW-Authenticate} answer of each category of refused token, exactly: a fixed
 * {@code error_description}, never the provider's text, key ids or claim values. Clerk tokens
 * through the servlet chain, Supabase tokens through the reactive one.
 */
class WwwAuthenticateTests {

	private static final String JWKS_PATH = "/auth/v1/.well-known/jwks.json";

	private static final ECKey SUPABASE_KEY = ec("sb-key-1");

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthServletSecurityAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
				OAuth2ResourceServerAutoConfiguration.class))
		.withUserConfiguration(MeController.class)
		.withPropertyValues("saas.auth.clerk.jwt-key=" + AuthTokens.pem(), "saas.auth.clerk.issuer=" + AuthTokens.ISSUER,
				"saas.auth.clerk.authorized-parties=" + AuthTokens.AZP);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				AuthReactiveSecurityAutoConfiguration.class, WebFluxAutoConfiguration.class,
				ReactiveWebSecurityAutoConfiguration.class, ReactiveOAuth2ResourceServerAutoConfiguration.class))
		.withBean(MeController.class)
		.withPropertyValues("saas.auth.supabase.url=" + wireMock.baseUrl(), "saas.auth.supabase.retry.max-attempts=1");

	@BeforeEach
	void keySet() {
		wireMock.stubFor(WireMock.get(urlPathEqualTo(JWKS_PATH))
			.willReturn(okJson(new JWKSet(SUPABASE_KEY.toPublicJWK()).toString())));
	}

	/** The reactive chain's answer. */
	static String expected(String description) {
		return "Bearer error=\"invalid_token\", error_description=\"" + description
				+ "\", error_uri=\"https://tools.ietf.org/html/rfc6750#section-3.1\"";
	}

	/** The servlet chain's answer, which also names the protected-resource metadata (RFC 9728). */
	static String expectedServlet(String description) {
		return expected(description) + ", resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"";
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clerkTokens")
	void servletClerkRefusalsCarryTheFixedDescriptionOfTheirCategory(String name, String token, String description) {
		this.servlet.run((context) -> MockMvcBuilders.webAppContextSetup(context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build()
			.perform(MockMvcRequestBuilders.get("/me").header("Authorization", "Bearer " + token))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", expectedServlet(description)))
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(content().json(problem(description), JsonCompareMode.STRICT)));
	}

	@Test
	void withoutATokenTheProblemSaysATokenIsRequired() {
		this.servlet.run((context) -> MockMvcBuilders.webAppContextSetup(context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build()
			.perform(MockMvcRequestBuilders.get("/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().exists("WWW-Authenticate"))
			.andExpect(content().json(problem("A bearer token is required"), JsonCompareMode.STRICT)));
		this.reactive.run((context) -> WebTestClient.bindToApplicationContext(context)
			.apply(SecurityMockServerConfigurers.springSecurity())
			.configureClient()
			.build()
			.get()
			.uri("/me")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer")
			.expectBody()
			.json(problem("A bearer token is required"), JsonCompareMode.STRICT));
	}

	/** The RFC 9457 body: the description again, for clients that read bodies. */
	static String problem(String description) {
		return "{\"detail\":\"" + description + "\",\"instance\":\"/me\",\"status\":401,\"title\":\"Unauthorized\"}";
	}

	static List<Arguments> clerkTokens() {
		return List.of(Arguments.of("malformed", "not.a.token", "Malformed token"),
				Arguments.of("expired", AuthTokens.expired(), "Token expired"),
				Arguments.of("not yet valid", AuthTokens.notYetValid(), "Token not valid yet"),
				Arguments.of("signed by another key", otherKeyClerkToken(), "Invalid signature"),
				Arguments.of("HS256 with the public key", AuthTokens.hs256WithPublicKey(), "Invalid signature"),
				Arguments.of("alg none", AuthTokens.algNone(), "Invalid signature"),
				Arguments.of("wrong issuer", AuthTokens.wrongIssuer(), "Token issuer, audience or authorized party not accepted"),
				Arguments.of("wrong azp", AuthTokens.wrongAzp(), "Token issuer, audience or authorized party not accepted"),
				Arguments.of("no sub", AuthTokens.sign(AuthTokens.claims().subject(null).build()), "Invalid token"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("supabaseTokens")
	void reactiveSupabaseRefusalsCarryTheFixedDescriptionOfTheirCategory(String name, String token,
			String description) {
		this.reactive.run((context) -> WebTestClient.bindToApplicationContext(context)
			.apply(SecurityMockServerConfigurers.springSecurity())
			.configureClient()
			.build()
			.get()
			.uri("/me")
			.header("Authorization", "Bearer " + token)
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", expected(description))
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.json(problem(description), JsonCompareMode.STRICT));
	}

	static List<Arguments> supabaseTokens() {
		Instant now = Instant.now();
		return List.of(Arguments.of("malformed", "garbage", "Malformed token"),
				Arguments.of("not JSON", "a.b.c", "Malformed token"),
				Arguments.of("expired", supabase(claims().issueTime(Date.from(now.minusSeconds(120)))
					.expirationTime(Date.from(now.minusSeconds(60)))
					.build()),
						"Token expired"),
				Arguments.of("not yet valid", supabase(claims().notBeforeTime(Date.from(now.plusSeconds(60))).build()),
						"Token not valid yet"),
				Arguments.of("signed by another key under the kid", signed(ec("sb-key-1"), claims().build()),
						"Invalid signature"),
				Arguments.of("unknown kid", signed(ec("kid-from-the-token"), claims().build()), "Invalid signature"),
				Arguments.of("wrong issuer", supabase(claims().issuer("https://evil.example.test/auth/v1").build()),
						"Token issuer, audience or authorized party not accepted"),
				Arguments.of("wrong audience", supabase(claims().audience("anon").build()),
						"Token issuer, audience or authorized party not accepted"),
				Arguments.of("sub not a user id", supabase(claims().subject("admin").build()), "Invalid token"));
	}

	private static JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(wireMock.baseUrl() + "/auth/v1")
			.subject(UUID.randomUUID().toString())
			.audience("authenticated")
			.claim("role", "authenticated")
			.issueTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plusSeconds(3600)));
	}

	private static String supabase(JWTClaimsSet claims) {
		return signed(SUPABASE_KEY, claims);
	}

	private static String signed(ECKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String otherKeyClerkToken() {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ins_test").build(),
					AuthTokens.claims().build());
			jwt.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ECKey ec(String kid) {
		try {
			return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
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
