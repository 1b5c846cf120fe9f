package io.saasstack;

import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.core.RetryPolicy;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasSanitizingAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthHealthContributorAutoConfiguration;
import io.saasstack.core.health.SaasHealthCheck;
import io.saasstack.mail.autoconfigure.MailHealthContributorAutoConfiguration;
import io.saasstack.media.autoconfigure.MediaHealthContributorAutoConfiguration;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs everything that could print a credential (startup, failing calls with debug logging,
 * retries, health, the env and configprops endpoints with values shown) and scans the result for
 * the credentials used.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsLeakTests {

	private static final AutoConfigurations AREAS_AND_ENDPOINTS = AutoConfigurations.of(WebClientAutoConfiguration.class,
			ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
			HealthContributorAutoConfiguration.class, SaasHealthContributorAutoConfiguration.class,
			SaasSanitizingAutoConfiguration.class, AuthAutoConfiguration.class, EventsAutoConfiguration.class,
			MailAutoConfiguration.class, MediaAutoConfiguration.class, EndpointAutoConfiguration.class,
			ConfigurationPropertiesReportEndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class);

	private static final List<String> SECRETS = List.of("re_leak_0123456789", "sk_test_leak0123456789",
			"sb_secret_leak0123456789", "private_leak0123456789", "cloudinary-secret-leak-0123", "logsnag-token-leak-0123");

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final List<String> produced = new ArrayList<>();

	@BeforeEach
	void verboseLogging() {
		for (String logger : List.of("io.saasstack", "org.springframework.web.reactive.function.client",
				"org.springframework.http.codec", "reactor.netty.http.client")) {
			this.loggingSystem.setLogLevel(logger, LogLevel.TRACE);
		}
	}

	@AfterEach
	void quietLogging() {
		for (String logger : List.of("io.saasstack", "org.springframework.web.reactive.function.client",
				"org.springframework.http.codec", "reactor.netty.http.client")) {
			this.loggingSystem.setLogLevel(logger, null);
		}
	}

	@Test
	void noCredentialAppearsAnywhere(CapturedOutput output) throws Exception {
		// providers that echo the credential back in their error bodies
		wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"bad key " + String.join(" ", SECRETS) + "\",\"code\":\"" + SECRETS.get(0) + "\"}")));
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		int refusedPort = closedPort;
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AREAS_AND_ENDPOINTS)
			.withPropertyValues("saas.mail.resend.api-key=" + SECRETS.get(0), "saas.auth.clerk.secret-key=" + SECRETS.get(1),
					"saas.auth.supabase.url=https://abc.supabase.co", "saas.auth.supabase.secret-key=" + SECRETS.get(2),
					"saas.media.imagekit.private-key=" + SECRETS.get(3), "saas.media.cloudinary.api-key=1234",
					"saas.media.cloudinary.api-secret=" + SECRETS.get(4), "saas.events.logsnag.token=" + SECRETS.get(5),
					"saas.events.logsnag.project=demo", "management.endpoint.configprops.show-values=always",
					"management.endpoint.env.show-values=always", "management.endpoints.web.exposure.include=env,configprops")
			.withBean("leakyCheck", SaasHealthCheck.class, () -> new CallingCheck(null))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SaasHttpClientFactory factory = context.getBean(SaasHttpClientFactory.class);
				callAndRecord(client(factory, wireMock.baseUrl()));
				callAndRecord(client(factory, "http://localhost:" + refusedPort));
				this.produced.add(factory.client("resend").baseUrl(URI.create(wireMock.baseUrl())).build().toString());
				CompositeHealthContributor saas = context.getBean("saasHealthContributor",
						CompositeHealthContributor.class);
				CallingCheck.client = client(factory, wireMock.baseUrl());
				Health health = ((HealthIndicator) saas.getContributor("leaky")).health();
				this.produced.add(health.toString());
				JsonMapper json = JsonMapper.builder().build();
				this.produced.add(json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()));
				this.produced.add(json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null)));
				context.getBeansWithAnnotation(org.springframework.boot.context.properties.ConfigurationProperties.class)
					.values()
					.forEach((bean) -> this.produced.add(bean.toString()));
			});
		String everything = String.join("\n", this.produced) + output.getAll();
		assertThat(everything).contains("bad key").contains("******").contains("saas.mail.resend.api-key");
		for (String secret : SECRETS) {
			assertThat(everything).doesNotContain(secret);
		}
	}

	@Test
	void providerHealthChecksAndWebhookSecretsNeverShowCredentials(CapturedOutput output) throws Exception {
		List<String> webhookSecrets = List.of("whsec_leakClerk0123456789", "whsec_leakResend0123456789",
				"v1,whsec_leakSupabase0123456789", "ik_webhook_leak_0123456789",
				"supabase-jwt-secret-leak-0123456789-abcdef");
		// each provider echoes its own credential, the one its client knows and must mask
		Map<String, String> echoed = Map.of("/domains", SECRETS.get(0), "/v1/jwks", SECRETS.get(1), "/v1/files",
				SECRETS.get(3), "/v1_1/demo/ping", SECRETS.get(4), "/auth/v1/health", SECRETS.get(2));
		echoed.forEach((path, secret) -> wireMock.stubFor(any(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"bad key " + secret + "\",\"error\":{\"message\":\"bad key " + secret
					+ "\"}}"))));
		String url = wireMock.baseUrl();
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AREAS_AND_ENDPOINTS)
			.withConfiguration(AutoConfigurations.of(MailHealthContributorAutoConfiguration.class,
					AuthHealthContributorAutoConfiguration.class, MediaHealthContributorAutoConfiguration.class))
			.withPropertyValues("saas.mail.resend.api-key=" + SECRETS.get(0), "saas.mail.resend.base-url=" + url,
					"saas.mail.resend.webhook-secret=" + webhookSecrets.get(1),
					"saas.auth.clerk.secret-key=" + SECRETS.get(1), "saas.auth.clerk.base-url=" + url,
					"saas.auth.clerk.webhook-secret=" + webhookSecrets.get(0),
					"saas.auth.supabase.url=" + url, "saas.auth.supabase.secret-key=" + SECRETS.get(2),
					"saas.auth.supabase.hook-secret=" + webhookSecrets.get(2),
					"saas.auth.supabase.jwt-secret=" + webhookSecrets.get(4),
					"saas.media.imagekit.private-key=" + SECRETS.get(3), "saas.media.imagekit.base-url=" + url,
					"saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo",
					"saas.media.imagekit.webhook-secret=" + webhookSecrets.get(3), "saas.media.cloudinary.api-key=1234",
					"saas.media.cloudinary.cloud-name=demo", "saas.media.cloudinary.base-url=" + url,
					"saas.media.cloudinary.api-secret=" + SECRETS.get(4), "saas.media.provider=cloudinary",
					"saas.media.cloudinary.retry.max-attempts=1", "saas.mail.resend.retry.max-attempts=1",
					"saas.auth.clerk.retry.max-attempts=1", "saas.auth.supabase.retry.max-attempts=1",
					"saas.media.imagekit.retry.max-attempts=1",
					"saas.events.logsnag.token=" + SECRETS.get(5), "saas.events.logsnag.project=demo",
					"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
					"management.endpoint.health.show-details=always",
					"management.endpoints.web.exposure.include=env,configprops,health")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				CompositeHealthContributor saas = context.getBean("saasHealthContributor",
						CompositeHealthContributor.class);
				List<String> checked = new ArrayList<>();
				saas.stream().forEach((entry) -> {
					checked.add(entry.name());
					this.produced.add(((HealthIndicator) entry.contributor()).health().toString());
				});
				// Clerk verifies tokens; Supabase's admin key still gets its check (issue 13, item 7)
				assertThat(checked).containsExactlyInAnyOrder("resend", "clerk", "supabase", "imagekit", "cloudinary");
				JsonMapper json = JsonMapper.builder().build();
				this.produced.add(json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()));
				this.produced.add(json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null)));
			});
		String everything = String.join("\n", this.produced) + output.getAll();
		assertThat(everything).contains("DOWN").contains("******").contains("saas.auth.clerk.webhook-secret");
		for (String secret : SECRETS) {
			assertThat(everything).doesNotContain(secret);
		}
		for (String secret : webhookSecrets) {
			assertThat(everything).doesNotContain(secret);
		}
	}

	private void callAndRecord(SaasHttpClient client) {
		try {
			client.exchange(SaasRequest.get("emails.get", "/emails/{id}", "e1").build(), String.class).block();
		}
		catch (RuntimeException ex) {
			this.produced.add(ex.toString());
			this.produced.add(String.valueOf(ex.getCause()));
		}
	}

	private static SaasHttpClient client(SaasHttpClientFactory factory, String baseUrl) {
		return factory.client("resend")
			.baseUrl(URI.create(baseUrl))
			.retryPolicy(new RetryPolicy(2, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5),
					java.time.Duration.ofSeconds(5), 0))
			.defaultHeaders((headers) -> headers.setBearerAuth(SECRETS.get(0)))
			.secrets(SECRETS.toArray(String[]::new))
			.build();
	}

	record CallingCheck(Object unused) implements SaasHealthCheck {

		static volatile SaasHttpClient client;

		@Override
		public String name() {
			return "leaky";
		}

		@Override
		public Mono<Health> check() {
			return client.exchange(SaasRequest.get("health", "/domains").build(), String.class)
				.map((response) -> Health.up().build());
		}

	}

}
