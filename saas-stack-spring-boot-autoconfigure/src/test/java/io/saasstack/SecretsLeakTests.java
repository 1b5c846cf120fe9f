package io.saasstack;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.clerk.ClerkUsers;
import io.saasstack.auth.supabase.SupabaseUsers;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasTransportException;
import io.saasstack.events.LogEvent;
import io.saasstack.events.ReactiveLogSnagClient;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.media.cloudinary.CloudinaryStorage;
import io.saasstack.media.imagekit.ImageKitStorage;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasSanitizingAutoConfiguration;
import io.saasstack.auth.autoconfigure.AuthHealthContributorAutoConfiguration;
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
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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

	/**
	 * The auto-configured client of every provider fails against a server that echoes its
	 * credential in its error bodies (LogSnag against a closed port), with TRACE logging: each call
	 * fails as expected after its retry, the log says so, and no credential shows anywhere.
	 */
	@Test
	void noCredentialAppearsAnywhere(CapturedOutput output) throws Exception {
		// each provider echoes its own credential back in its error body, the one its client knows and must mask
		Map<String, String> echoed = Map.of("/emails/e1", SECRETS.get(0), "/v1/users/user_1", SECRETS.get(1),
				"/auth/v1/admin/users/123e4567-e89b-12d3-a456-426614174000", SECRETS.get(2), "/v1/files/file_1",
				SECRETS.get(3), "/v1_1/demo/image/destroy", SECRETS.get(4));
		echoed.forEach((path, secret) -> wireMock.stubFor(any(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"bad key " + secret + "\",\"code\":\"" + secret + "\",\"error\":{\"message\":\"bad key "
					+ secret + "\"}}"))));
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		String url = wireMock.baseUrl();
		List<String> properties = new ArrayList<>(List.of("saas.mail.resend.api-key=" + SECRETS.get(0),
				"saas.mail.resend.base-url=" + url, "saas.auth.clerk.secret-key=" + SECRETS.get(1),
				"saas.auth.clerk.base-url=" + url, "saas.auth.supabase.url=" + url,
				"saas.auth.supabase.secret-key=" + SECRETS.get(2), "saas.media.imagekit.private-key=" + SECRETS.get(3),
				"saas.media.imagekit.base-url=" + url, "saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo",
				"saas.media.cloudinary.cloud-name=demo", "saas.media.cloudinary.api-key=1234",
				"saas.media.cloudinary.api-secret=" + SECRETS.get(4), "saas.media.cloudinary.base-url=" + url,
				"saas.media.provider=cloudinary", "saas.events.logsnag.token=" + SECRETS.get(5),
				"saas.events.logsnag.project=demo", "saas.events.logsnag.base-url=http://localhost:" + closedPort,
				"management.endpoint.configprops.show-values=always", "management.endpoint.env.show-values=always",
				"management.endpoints.web.exposure.include=env,configprops"));
		for (String client : List.of("mail.resend", "auth.clerk", "auth.supabase", "media.imagekit", "media.cloudinary",
				"events.logsnag")) {
			properties.add("saas." + client + ".retry.max-attempts=2");
			properties.add("saas." + client + ".retry.initial-backoff=1ms");
		}
		new ReactiveWebApplicationContextRunner().withConfiguration(AREAS_AND_ENDPOINTS)
			.withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				this.produced.add(assertFails(context.getBean(ReactiveMailClient.class).get("e1"), SaasApiException.class,
						(ex) -> assertThat(ex.getStatus()).isEqualTo(500)));
				this.produced.add(assertFails(context.getBean(ClerkUsers.class).get("user_1"), SaasApiException.class,
						(ex) -> assertThat(ex.getStatus()).isEqualTo(500)));
				this.produced.add(assertFails(
						context.getBean(SupabaseUsers.class).get("123e4567-e89b-12d3-a456-426614174000"),
						SaasApiException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(500)));
				this.produced.add(assertFails(context.getBean(ImageKitStorage.class).delete("file_1"),
						SaasApiException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(500)));
				this.produced.add(assertFails(context.getBean(CloudinaryStorage.class).delete("folder/a", "image"),
						SaasApiException.class, (ex) -> assertThat(ex.getStatus()).isEqualTo(500)));
				this.produced.add(assertFails(
						context.getBean(ReactiveLogSnagClient.class).send(LogEvent.builder("Signed Up").channel("users").build()),
						SaasTransportException.class, (ex) -> assertThat(ex.isConnectFailure()).isTrue()));
				JsonMapper json = JsonMapper.builder().build();
				this.produced.add(json.writeValueAsString(
						context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties()));
				this.produced.add(json.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null)));
				context.getBeansWithAnnotation(org.springframework.boot.context.properties.ConfigurationProperties.class)
					.values()
					.forEach((bean) -> this.produced.add(bean.toString()));
			});
		// each call was retried once: the attempts the server received, and the retry the log reports
		for (String path : echoed.keySet()) {
			assertThat(wireMock.findAll(anyRequestedFor(urlPathEqualTo(path)))).as("attempts of %s", path).hasSize(2);
		}
		List<String> retries = output.getAll()
			.lines()
			.map((line) -> line.replaceAll(".*(Retrying \\S+ \\S+ \\([^)]+\\) in \\d+ ms after: \\S+ \\S+ failed).*", "$1"))
			.filter((line) -> line.startsWith("Retrying "))
			.map((line) -> line.replaceAll(" in \\d+ ms ", " in … ms "))
			.toList();
		assertThat(retries).containsExactlyInAnyOrder(
				"Retrying GET /emails/{id} (emails.get) in … ms after: resend emails.get failed",
				"Retrying GET /v1/users/{id} (users.get) in … ms after: clerk users.get failed",
				"Retrying GET /auth/v1/admin/users/{id} (users.get) in … ms after: supabase users.get failed",
				"Retrying DELETE /v1/files/{fileId} (files.delete) in … ms after: imagekit files.delete failed",
				"Retrying POST /v1_1/{cloud}/{resourceType}/destroy (destroy) in … ms after: cloudinary destroy failed",
				"Retrying POST /v1/log (log) in … ms after: logsnag log failed");
		assertThat(output.getAll()).contains("logsnag log failed: ConnectException").contains("Connection refused");
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

	/** The failure of the call, checked, as the application would see it: its {@code toString()} and cause. */
	private static <E extends Throwable> String assertFails(Mono<?> call, Class<E> type, Consumer<E> check) {
		Throwable failure = catchThrowable(() -> call.block(Duration.ofSeconds(30)));
		assertThat(failure).isInstanceOf(type);
		check.accept(type.cast(failure));
		return failure + "\n" + failure.getCause();
	}

}
