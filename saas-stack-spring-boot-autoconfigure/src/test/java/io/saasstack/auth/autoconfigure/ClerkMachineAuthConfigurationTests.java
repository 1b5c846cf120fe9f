package io.saasstack.auth.autoconfigure;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.clerk.ClerkMachineAuthenticator;
import io.saasstack.auth.security.MachineTokenAuthenticator;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The machine-token beans and settings of the Clerk auto-configuration: the authenticator and its
 * back-off, the machine secret key on M2M verify calls, and start-up failures naming the property
 * and the fix (never a key).
 */
class ClerkMachineAuthConfigurationTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class))
		.withPropertyValues("saas.auth.clerk.jwt-key=" + AuthTokens.pem(), "saas.auth.clerk.issuer=" + AuthTokens.ISSUER);

	@Test
	void authenticatorExistsWithClerkAndRefusesOpaqueTokensWithoutSecretKey() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ClerkMachineAuthenticator.class);
			assertThat(context.getBean(ClerkMachineAuthenticator.class).toString())
				.contains("opaque tokens refused (no secret key)");
		});
	}

	@Test
	void backsOffForAMachineTokenAuthenticatorOfTheApplication() {
		MachineTokenAuthenticator own = new MachineTokenAuthenticator() {

			@Override
			public SaasTokenType typeOf(String token) {
				return SaasTokenType.SESSION_TOKEN;
			}

			@Override
			public Mono<SaasMachine> authenticate(String token, SaasTokenType type) {
				return Mono.empty();
			}

		};
		this.contextRunner.withBean(MachineTokenAuthenticator.class, () -> own).run((context) -> {
			assertThat(context).doesNotHaveBean(ClerkMachineAuthenticator.class);
			assertThat(context.getBean(MachineTokenAuthenticator.class)).isSameAs(own);
		});
	}

	@Test
	void m2mTokensAreVerifiedWithTheMachineSecretKeyAndOthersWithTheSecretKey() {
		wireMock.stubFor(post("/m2m_tokens/verify").willReturn(okJson("""
				{"object":"machine_to_machine_token","id":"mt_1","subject":"mch_1","scopes":[],"revoked":false,
				 "expired":false,"expiration":null}""")));
		wireMock.stubFor(post("/api_keys/verify").willReturn(okJson("""
				{"object":"api_key","id":"ak_1","subject":"user_1","name":"ci","scopes":[],"revoked":false,
				 "expired":false,"expiration":null}""")));
		this.contextRunner
			.withPropertyValues("saas.auth.clerk.secret-key=sk_test_instance000000000000",
					"saas.auth.clerk.machine-secret-key=ak_machine_secret_000000000000",
					"saas.auth.clerk.base-url=" + wireMock.baseUrl())
			.run((context) -> {
				MachineTokenAuthenticator machines = context.getBean(MachineTokenAuthenticator.class);
				assertThat(machines.authenticate("mt_token0123456789", SaasTokenType.M2M_TOKEN).block().subject())
					.isEqualTo("mch_1");
				assertThat(machines.authenticate("ak_token0123456789", SaasTokenType.API_KEY).block().subject())
					.isEqualTo("user_1");
			});
		wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/m2m_tokens/verify"))
			.withHeader("Authorization", equalTo("Bearer ak_machine_secret_000000000000"))
			.withRequestBody(equalToJson("{\"token\":\"mt_token0123456789\"}")));
		wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api_keys/verify"))
			.withHeader("Authorization", equalTo("Bearer sk_test_instance000000000000"))
			.withRequestBody(equalToJson("{\"secret\":\"ak_token0123456789\"}")));
	}

	@Test
	void apiKeysWithoutSecretKeyFailStartupNamingTheFix() {
		this.contextRunner.withPropertyValues("saas.auth.clerk.accepted-token-types=session_token,api_key")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.clerk.accepted-token-types")
				.hasMessageContaining("saas.auth.clerk.secret-key"));
	}

	@Test
	void badMachineSettingsFailStartupNamingTheProperty() {
		assertFailure("saas.auth.clerk.accepted-token-types=", "saas.auth.clerk.accepted-token-types");
		assertFailure("saas.auth.clerk.accepted-token-types=bearer", "saas.auth.clerk.accepted-token-types");
		assertFailure("saas.auth.clerk.machine-secret-key= ", "saas.auth.clerk.machine-secret-key");
		assertFailure("saas.auth.clerk.machine-token-cache-ttl=-1s", "saas.auth.clerk.machine-token-cache-ttl");
		assertFailure("saas.auth.clerk.machine-token-cache-size=0", "saas.auth.clerk.machine-token-cache-size");
	}

	private void assertFailure(String property, String named) {
		this.contextRunner.withPropertyValues(property, "saas.auth.clerk.secret-key=sk_test_secret0000000000000")
			.run((context) -> {
				assertThat(context).as(property).hasFailed();
				Throwable failure = context.getStartupFailure();
				StringBuilder messages = new StringBuilder();
				for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
					messages.append(cause.getMessage()).append('\n');
				}
				assertThat(messages.toString()).as(property).contains(named).doesNotContain("sk_test_secret");
			});
	}

}
