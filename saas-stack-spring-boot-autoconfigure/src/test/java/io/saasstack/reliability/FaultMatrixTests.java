package io.saasstack.reliability;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.observation.ObservationRegistry;
import io.saasstack.auth.clerk.ClerkJwks;
import io.saasstack.auth.clerk.ClerkJwksHealthCheck;
import io.saasstack.auth.clerk.ClerkTokenException;
import io.saasstack.auth.clerk.ClerkUsers;
import io.saasstack.auth.supabase.SupabaseHttpClients;
import io.saasstack.auth.supabase.SupabaseJwksHealthCheck;
import io.saasstack.auth.supabase.SupabaseJwtDecoder;
import io.saasstack.auth.supabase.SupabaseJwtVerifier;
import io.saasstack.auth.supabase.SupabaseUsers;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.core.SaasTransportException;
import io.saasstack.core.health.SaasHealthCheck;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.logsnag.LogSnagHttpClient;
import io.saasstack.events.logsnag.LogSnagRequests;
import io.saasstack.mail.Email;
import io.saasstack.mail.health.ResendHealthCheck;
import io.saasstack.mail.resend.MailDefaults;
import io.saasstack.mail.resend.ResendMailClient;
import io.saasstack.mail.resend.ResendPacer;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.cloudinary.CloudinaryHealthCheck;
import io.saasstack.media.cloudinary.CloudinaryStorage;
import io.saasstack.media.cloudinary.CloudinaryUrlSettings;
import io.saasstack.media.imagekit.ImageKitHealthCheck;
import io.saasstack.media.imagekit.ImageKitStorage;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The fault matrix of issue 9: every provider client and every health check, against every
 * fault a provider can throw at it, ends in its documented outcome after a bounded number of
 * attempts, without hanging a thread. One row per client operation, one column per
 * {@link Fault}; the expected outcome is the contract of the README ("Errors", "Retries") unless
 * the row documents otherwise. Attempts are the requests WireMock received.
 */
class FaultMatrixTests {

	static final int MAX_ATTEMPTS = 3;

	static final Duration RESPONSE_TIMEOUT = Duration.ofMillis(500);

	/** No hung thread: far above any outcome of the matrix (about 2 s), never a speed bound. */
	static final Duration LIVENESS = Duration.ofSeconds(60);

	static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	static final String LOGSNAG_TOKEN = LeakScanSecrets.LOGSNAG_TOKEN;

	static final String RESEND_API_KEY = LeakScanSecrets.RESEND_API_KEY;

	static final String CLOUDINARY_API_SECRET = LeakScanSecrets.CLOUDINARY_API_SECRET;

	static final String IMAGEKIT_PRIVATE_KEY = LeakScanSecrets.IMAGEKIT_PRIVATE_KEY;

	static final String CLERK_SECRET_KEY = LeakScanSecrets.CLERK_SECRET_KEY;

	static final String SUPABASE_SECRET_KEY = LeakScanSecrets.SUPABASE_SECRET_KEY;

	static final List<String> SECRETS = List.of(LOGSNAG_TOKEN, RESEND_API_KEY, CLOUDINARY_API_SECRET,
			IMAGEKIT_PRIVATE_KEY, CLERK_SECRET_KEY, SUPABASE_SECRET_KEY);

	static final URI SUPABASE_PROJECT = URI.create("https://abcdefghijklmnopqrst.supabase.co");

	/** The faults of the matrix, each a WireMock answer to every request. */
	enum Fault {

		CONNECTION_RESET(aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)),

		/** 10 s, twenty times the response timeout. */
		SLOW_RESPONSE(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{}")
			.withFixedDelay(10_000)),

		MALFORMED_JSON(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"id\": [")),

		EMPTY_BODY(aResponse().withStatus(200).withHeader("Content-Type", "application/json")),

		SERVER_ERROR(aResponse().withStatus(500)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"internal error\"}")),

		BAD_GATEWAY_HTML(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>")),

		RATE_LIMIT_STORM(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withHeader("Retry-After", String.valueOf(RETRY_AFTER.toSeconds()))
			.withBody("{\"message\":\"Too many requests\"}"));

		private final ResponseDefinitionBuilder response;

		Fault(ResponseDefinitionBuilder response) {
			this.response = response;
		}

	}

	/**
	 * The WebClient connectors saas-stack runs on: Apache HttpClient 5 (the starter's, in servlet
	 * applications), Reactor Netty (applications that have it) and the JDK's {@code HttpClient}
	 * (chosen with {@code spring.http.clients.reactive.connector=jdk}). Same contract on each.
	 */
	enum Connector {

		HTTP_COMPONENTS(ClientHttpConnectorBuilder.httpComponents()), REACTOR_NETTY(ClientHttpConnectorBuilder.reactor()),
		JDK(ClientHttpConnectorBuilder.jdk());

		private final ClientHttpConnectorBuilder<?> builder;

		Connector(ClientHttpConnectorBuilder<?> builder) {
			this.builder = builder;
		}

		/**
		 * Requests the server sees per attempt of ours: the JDK's client sends a GET again, once,
		 * by itself, when the connection closes before any response (its stale-connection retry).
		 */
		int requestsPerAttempt(Fault fault, List<LoggedRequest> requests) {
			boolean gets = !requests.isEmpty()
					&& requests.stream().allMatch((request) -> RequestMethod.GET.equals(request.getMethod()));
			return (this == JDK && fault == Fault.CONNECTION_RESET && gets) ? 2 : 1;
		}

	}

	/** The connector of the case running on this thread (the call and its clients are built on it). */
	private static final ThreadLocal<Connector> connector = ThreadLocal.withInitial(() -> Connector.JDK);

	/**
	 * One call through each connector first: the matrix is about outcomes, and a connector's
	 * first call in the JVM (class loading, the JDK client's TLS context) can take longer than
	 * the 500 ms response timeout on a busy machine.
	 */
	@BeforeAll
	static void warmUpConnectors() {
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
		server.start();
		try {
			server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(204)));
			for (Connector on : Connector.values()) {
				WebClient.builder()
					.clientConnector(on.builder.build(HttpClientSettings.defaults()))
					.build()
					.post()
					.uri(server.baseUrl() + "/warm-up")
					.bodyValue("{}")
					.retrieve()
					.toBodilessEntity()
					.block(LIVENESS);
			}
		}
		finally {
			server.stop();
		}
	}

	static Stream<Arguments> matrix() {
		List<Arguments> cases = new ArrayList<>();
		for (Connector connector : Connector.values()) {
			for (Row row : rows()) {
				for (Fault fault : Fault.values()) {
					cases.add(Arguments.of(connector, row, fault));
				}
			}
		}
		return cases.stream();
	}

	// cases wait for timeouts and Retry-After, not for the CPU: they run side by side, each with its own server
	@ParameterizedTest(name = "{0}: {1} × {2}")
	@MethodSource("matrix")
	@Execution(ExecutionMode.CONCURRENT)
	void everyFaultEndsInTheDocumentedOutcome(Connector on, Row row, Fault fault) {
		WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().asynchronousResponseEnabled(true));
		server.start();
		try {
			server.stubFor(any(anyUrl()).willReturn(fault.response));
			Expected expected = row.expected(fault);
			Outcome outcome = assertTimeoutPreemptively(LIVENESS, () -> {
				connector.set(on);
				try {
					return Outcome.of(row.call(server.baseUrl()));
				}
				finally {
					connector.remove();
				}
			});
			expected.check.accept(outcome);
			List<LoggedRequest> requests = server.findAll(anyRequestedFor(anyUrl()));
			assertThat(requests).as("attempts").hasSize(expected.attempts * on.requestsPerAttempt(fault, requests));
			for (String secret : SECRETS) {
				assertThat(outcome.describe()).doesNotContain(secret);
			}
		}
		finally {
			server.stop();
		}
	}

	/** The result of a call: a value (a health, or null for an empty completion) or an error. */
	record Outcome(@Nullable Object value, @Nullable Throwable error) {

		static Outcome of(Mono<?> call) {
			try {
				return new Outcome(call.block(), null);
			}
			catch (Throwable ex) {
				return new Outcome(null, ex);
			}
		}

		Throwable failure() {
			assertThat(this.error).as("failure, got value " + this.value).isNotNull();
			return this.error;
		}

		/** The first saas-stack exception in the cause chain. */
		SaasException saasFailure() {
			for (Throwable candidate = failure(); candidate != null; candidate = candidate.getCause()) {
				if (candidate instanceof SaasException saas) {
					return saas;
				}
			}
			throw new AssertionError("no SaasException in the cause chain of " + this.error, this.error);
		}

		String describe() {
			StringBuilder text = new StringBuilder(String.valueOf(this.value));
			for (Throwable candidate = this.error; candidate != null; candidate = candidate.getCause()) {
				text.append(' ').append(candidate);
				if (candidate.getCause() == candidate) {
					break;
				}
			}
			return text.toString();
		}

	}

	/** An expected outcome and number of attempts. */
	record Expected(String description, int attempts, java.util.function.Consumer<Outcome> check) {

		Expected wrappedIn(Class<? extends Throwable> outer) {
			return new Expected(outer.getSimpleName() + "(" + this.description + ")", this.attempts, (outcome) -> {
				assertThat(outcome.failure()).isInstanceOf(outer);
				this.check.accept(outcome);
			});
		}

		Expected attempts(int attempts) {
			return new Expected(this.description, attempts, this.check);
		}

		static Expected transport(boolean timeout, int attempts) {
			return new Expected("SaasTransportException(timeout=" + timeout + ")", attempts, (outcome) -> {
				SaasException ex = outcome.saasFailure();
				assertThat(ex).isExactlyInstanceOf(SaasTransportException.class);
				SaasTransportException transport = (SaasTransportException) ex;
				assertThat(transport.isTimeout()).as("isTimeout").isEqualTo(timeout);
				assertThat(transport.isConnectFailure()).as("isConnectFailure").isFalse();
				assertThat(transport.isRetryable()).isTrue();
			});
		}

		static Expected malformed() {
			return new Expected("SaasMalformedResponseException(200)", 1, (outcome) -> {
				SaasException ex = outcome.saasFailure();
				assertThat(ex).isExactlyInstanceOf(SaasMalformedResponseException.class);
				assertThat(((SaasMalformedResponseException) ex).getStatus()).isEqualTo(200);
			});
		}

		static Expected api(int status, int attempts) {
			return new Expected("SaasApiException(" + status + ")", attempts, (outcome) -> {
				SaasException ex = outcome.saasFailure();
				assertThat(ex).isExactlyInstanceOf(SaasApiException.class);
				assertThat(((SaasApiException) ex).getStatus()).isEqualTo(status);
				assertThat(ex.isRetryable()).isTrue();
			});
		}

		static Expected rateLimited() {
			return new Expected("SaasRateLimitException(Retry-After 1 s)", MAX_ATTEMPTS, (outcome) -> {
				SaasException ex = outcome.saasFailure();
				assertThat(ex).isExactlyInstanceOf(SaasRateLimitException.class);
				assertThat(((SaasRateLimitException) ex).getRetryAfter()).isEqualTo(RETRY_AFTER);
				assertThat(((SaasRateLimitException) ex).getStatus()).isEqualTo(429);
			});
		}

		static Expected completes() {
			return new Expected("completes", 1, (outcome) -> assertThat(outcome.error()).isNull());
		}

		static Expected failsWith(Class<? extends Throwable> type, String messagePart) {
			return new Expected(type.getSimpleName(), 1, (outcome) -> assertThat(outcome.failure()).isInstanceOf(type)
				.hasMessageContaining(messagePart));
		}

		/**
		 * DOWN with exactly these details; in a value, {@link #ANY} stands for a part that depends on
		 * the platform or the JSON library (a socket error's text, a parser's message).
		 */
		static Expected down(int attempts, Map<String, String> details) {
			return new Expected("health DOWN " + details, attempts, (outcome) -> {
				assertThat(outcome.error()).isNull();
				assertThat(outcome.value()).isInstanceOf(Health.class);
				Health health = (Health) outcome.value();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsOnlyKeys(details.keySet());
				details.forEach((name, value) -> assertThat(String.valueOf(health.getDetails().get(name))).as(name)
					.matches(java.util.regex.Pattern.compile(
							java.util.Arrays.stream(value.split(ANY, -1))
								.map(java.util.regex.Pattern::quote)
								.collect(java.util.stream.Collectors.joining(".*")),
							java.util.regex.Pattern.DOTALL)));
			});
		}

	}

	/**
	 * One client operation. The contract: I/O errors, timeouts and 5xx are retried up to
	 * {@link #MAX_ATTEMPTS} when the operation is idempotent, else attempted once; a 429 is always
	 * retried, waiting its {@code Retry-After}; an unreadable 2xx body is never retried.
	 */
	static final class Row {

		private final String name;

		private final boolean idempotent;

		private final Function<String, Mono<?>> call;

		private final Map<Fault, Expected> documented;

		private final @Nullable Class<? extends Throwable> wrapper;

		Row(String name, boolean idempotent, Function<String, Mono<?>> call, Map<Fault, Expected> documented,
				@Nullable Class<? extends Throwable> wrapper) {
			this.name = name;
			this.idempotent = idempotent;
			this.call = call;
			this.documented = documented;
			this.wrapper = wrapper;
		}

		Mono<?> call(String baseUrl) {
			return Mono.defer(() -> this.call.apply(baseUrl));
		}

		Expected expected(Fault fault) {
			Expected documented = this.documented.get(fault);
			if (documented != null) {
				return documented;
			}
			int retried = this.idempotent ? MAX_ATTEMPTS : 1;
			Expected expected = switch (fault) {
				case CONNECTION_RESET -> Expected.transport(false, retried);
				case SLOW_RESPONSE -> Expected.transport(true, retried);
				case MALFORMED_JSON, EMPTY_BODY -> Expected.malformed();
				case SERVER_ERROR -> Expected.api(500, retried);
				case BAD_GATEWAY_HTML -> Expected.api(502, retried);
				case RATE_LIMIT_STORM -> Expected.rateLimited();
			};
			return (this.wrapper != null) ? expected.wrappedIn(this.wrapper) : expected;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	static Row row(String name, boolean idempotent, Function<String, Mono<?>> call) {
		return new Row(name, idempotent, call, Map.of(), null);
	}

	static Row row(String name, boolean idempotent, Function<String, Mono<?>> call, Map<Fault, Expected> documented) {
		return new Row(name, idempotent, call, documented, null);
	}

	/** Stands for a varying part of an expected health detail. */
	static final String ANY = "\u0000";

	/**
	 * How a health check reports each fault: the failed call's message (wrapped by the check),
	 * the reasons of a 2xx it cannot read and of one without a body, and details it always adds.
	 */
	record HealthReasons(String operation, UnaryOperator<String> wrap, String malformed, String empty,
			Map<String, String> always) {

		Map<String, String> of(Fault fault) {
			String error = switch (fault) {
				case CONNECTION_RESET -> this.wrap.apply(this.operation + " failed: " + ANY + "Connection reset" + ANY);
				case SLOW_RESPONSE -> this.wrap.apply(this.operation + " failed: no response within 500 ms");
				case MALFORMED_JSON -> this.malformed;
				case EMPTY_BODY -> this.empty;
				case SERVER_ERROR -> this.wrap.apply(this.operation + " failed with HTTP 500: internal error");
				case BAD_GATEWAY_HTML -> this.wrap.apply(this.operation + " failed with HTTP 502: 502 Bad Gateway 502 Bad Gateway");
				case RATE_LIMIT_STORM -> this.wrap.apply(this.operation + " failed with HTTP 429: Too many requests");
			};
			Map<String, String> details = new java.util.LinkedHashMap<>(this.always);
			details.put("error", error);
			return details;
		}

		/** A check that reports the failed call's message as it is. */
		static HealthReasons of(String operation, String empty) {
			return new HealthReasons(operation, UnaryOperator.identity(),
					operation + " returned HTTP 200 with an unreadable body: " + ANY, empty, Map.of());
		}

	}

	/** A health check: every fault is DOWN with its reason, after the attempts of the call it makes. */
	static Row healthRow(String name, Function<String, SaasHealthCheck> check, HealthReasons reasons) {
		Map<Fault, Expected> expected = new java.util.EnumMap<>(Fault.class);
		for (Fault fault : Fault.values()) {
			boolean readable = fault != Fault.MALFORMED_JSON && fault != Fault.EMPTY_BODY;
			expected.put(fault, Expected.down(readable ? MAX_ATTEMPTS : 1, reasons.of(fault)));
		}
		return new Row(name, true, (baseUrl) -> check.apply(baseUrl).check(), expected, null);
	}

	static List<Row> rows() {
		return List.of(
				// LogSnag: answers are not read, so a 2xx completes whatever its body
				row("logsnag log", true, (url) -> logSnag(url).send(LogEvent.builder("Signed Up").channel("users").build()),
						Map.of(Fault.MALFORMED_JSON, Expected.completes(), Fault.EMPTY_BODY, Expected.completes())),
				row("logsnag increment", false, (url) -> logSnag(url).send(new InsightIncrement("Users", 1, null)),
						Map.of(Fault.MALFORMED_JSON, Expected.completes(), Fault.EMPTY_BODY, Expected.completes())),
				row("resend send", true, (url) -> resend(url).send(email(), "welcome/42")),
				row("resend get", true, (url) -> resend(url).get("4ef9a417-02e9-4d39-ad75-9611e0fcc33c")),
				healthRow("resend health", (url) -> new ResendHealthCheck(resendHttp(url)),
						HealthReasons.of("resend domains.list", "Resend answered HTTP 200 without a body")),
				row("cloudinary upload", false, (url) -> cloudinary(url).upload(UploadRequest.of(new byte[] { 1, 2, 3 }, "a.png"))),
				row("cloudinary delete", true, (url) -> cloudinary(url).delete("folder/a")),
				healthRow("cloudinary ping", (url) -> new CloudinaryHealthCheck(cloudinaryHttp(url), "demo"),
						new HealthReasons("cloudinary ping", UnaryOperator.identity(),
								"cloudinary ping returned HTTP 200 with an unreadable body: " + ANY,
								"Cloudinary answered HTTP 200 without a body", Map.of("cloud", "demo"))),
				row("imagekit upload", false, (url) -> imageKit(url).upload(UploadRequest.of(new byte[] { 1, 2, 3 }, "a.png"))),
				row("imagekit delete", true, (url) -> imageKit(url).delete("file-1"),
						Map.of(Fault.MALFORMED_JSON, Expected.completes(), Fault.EMPTY_BODY, Expected.completes())),
				healthRow("imagekit health", (url) -> new ImageKitHealthCheck(imageKitHttp(url)),
						HealthReasons.of("imagekit files.list", "ImageKit answered HTTP 200 without a body")),
				row("clerk users.get", true, (url) -> clerkUsers(url).get("user_2abc")),
				row("clerk users.ban", true, (url) -> clerkUsers(url).ban("user_2abc")),
				new Row("clerk jwks", true, (url) -> clerkJwks(url).fetch(),
						Map.of(Fault.MALFORMED_JSON, Expected.failsWith(ClerkTokenException.class, "cannot be read"),
								Fault.EMPTY_BODY, Expected.failsWith(ClerkTokenException.class, "empty")),
						ClerkTokenException.class),
				healthRow("clerk jwks health", (url) -> new ClerkJwksHealthCheck(clerkJwks(url)),
						new HealthReasons("clerk jwks.get",
								(message) -> "Failed to load the JWKS from the Clerk Backend API: " + message
										+ " (jwk-remote-failed-to-load)",
								"The JWKS of the Clerk Backend API cannot be read: Invalid JSON object (jwk-remote-invalid)",
								"The JWKS of the Clerk Backend API is empty (jwk-remote-invalid)", Map.of())),
				row("supabase users.get", true, (url) -> supabaseUsers(url).get("123e4567-e89b-12d3-a456-426614174000")),
				row("supabase users.invite", false,
						(url) -> supabaseUsers(url).invite("ada@example.com", Map.of())),
				new Row("supabase jwks (token decoding)", true,
						(url) -> Mono.fromCallable(() -> supabaseDecoder(url).decode(SUPABASE_TOKEN)),
						Map.of(Fault.MALFORMED_JSON, Expected.failsWith(JwtException.class, "JWKS"),
								Fault.EMPTY_BODY, Expected.failsWith(JwtException.class, "JWKS")),
						JwtException.class),
				healthRow("supabase health", (url) -> new SupabaseJwksHealthCheck(supabaseHttp(url, SUPABASE_SECRET_KEY), true),
						HealthReasons.of("supabase health", "Supabase answered without a body")));
	}

	static SaasClientProperties properties(String baseUrl) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(baseUrl)) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(2));
		properties.setResponseTimeout(RESPONSE_TIMEOUT);
		properties.getRetry().setMaxAttempts(MAX_ATTEMPTS);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(20));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(100));
		properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(30));
		return properties;
	}

	static SaasHttpClientFactory factory() {
		return new SaasHttpClientFactory(WebClient::builder, connector.get().builder, HttpClientSettings.defaults(),
				List.of(), ObservationRegistry.NOOP, null);
	}

	static LogSnagHttpClient logSnag(String url) {
		return new LogSnagHttpClient(LogSnagHttpClient.httpClient(factory(), properties(url), LOGSNAG_TOKEN), "acme",
				new LogSnagRequests(null, false));
	}

	static SaasHttpClient resendHttp(String url) {
		return ResendMailClient.httpClient(factory(), properties(url), RESEND_API_KEY,
				new ResendPacer(100, Duration.ofSeconds(30)));
	}

	static ResendMailClient resend(String url) {
		return new ResendMailClient(resendHttp(url), new MailDefaults(null, List.of()));
	}

	static Email email() {
		return Email.builder().from("Acme <hello@acme.com>").to("ada@example.com").subject("Welcome").text("Hi").build();
	}

	static SaasHttpClient cloudinaryHttp(String url) {
		return CloudinaryStorage.httpClient(factory(), properties(url), "123456789012345", CLOUDINARY_API_SECRET);
	}

	static CloudinaryStorage cloudinary(String url) {
		return new CloudinaryStorage(cloudinaryHttp(url),
				CloudinaryUrlSettings.of("demo", "123456789012345", CLOUDINARY_API_SECRET), Clock.systemUTC(),
				URI.create(url));
	}

	static SaasHttpClient imageKitHttp(String url) {
		return ImageKitStorage.apiHttpClient(factory(), properties(url), IMAGEKIT_PRIVATE_KEY);
	}

	static ImageKitStorage imageKit(String url) {
		return new ImageKitStorage(
				ImageKitStorage.uploadHttpClient(factory(), URI.create(url), properties(url), IMAGEKIT_PRIVATE_KEY),
				imageKitHttp(url), null, IMAGEKIT_PRIVATE_KEY, URI.create("https://ik.imagekit.io/demo"),
				Clock.systemUTC());
	}

	static ClerkUsers clerkUsers(String url) {
		return new ClerkUsers(ClerkUsers.httpClient(factory(), properties(url), CLERK_SECRET_KEY));
	}

	static ClerkJwks clerkJwks(String url) {
		return new ClerkJwks(ClerkJwks.httpClient(factory(), properties(url), CLERK_SECRET_KEY), CLERK_SECRET_KEY);
	}

	static SaasHttpClient supabaseHttp(String url, @Nullable String apiKey) {
		return SupabaseHttpClients.httpClient(factory(), properties(url), apiKey);
	}

	static SupabaseUsers supabaseUsers(String url) {
		return new SupabaseUsers(supabaseHttp(url, SUPABASE_SECRET_KEY));
	}

	static SupabaseJwtDecoder supabaseDecoder(String url) {
		return new SupabaseJwtDecoder(SupabaseJwtVerifier.builder(supabaseHttp(url, null), SUPABASE_PROJECT).build());
	}

	static final String SUPABASE_TOKEN = supabaseToken();

	private static String supabaseToken() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID("ec-fault").generate();
			Instant now = Instant.now();
			JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(SupabaseJwtVerifier.issuer(SUPABASE_PROJECT))
				.subject("123e4567-e89b-12d3-a456-426614174000")
				.audience("authenticated")
				.issueTime(Date.from(now.minusSeconds(60)))
				.expirationTime(Date.from(now.plusSeconds(3600)))
				.claim("role", "authenticated")
				.build();
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-fault").type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new ECDSASigner(key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
