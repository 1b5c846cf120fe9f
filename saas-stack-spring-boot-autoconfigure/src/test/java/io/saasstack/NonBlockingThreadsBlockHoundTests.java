package io.saasstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.events.TrackEvent;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.events.delivery.QueuedEventTracker;
import io.saasstack.mail.Email;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.media.ReactiveMediaStorage;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import io.saasstack.webhooks.RecordingWebhookListener;
import io.saasstack.webhooks.StandardWebhookVerifier;
import io.saasstack.webhooks.WebhookReceived;
import io.saasstack.webhooks.autoconfigure.WebhooksAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Isolated;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingMethod;
import reactor.blockhound.integration.BlockHoundIntegration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20, item 2: nothing of ours blocks a non-blocking thread (Reactor's {@code parallel} and
 * Netty's event loops), under BlockHound: tracked {@code Mono}s and {@code Flux}es completing
 * concurrently, reactive mail, uploads, token verification with the key set cached (Clerk RS256;
 * Supabase ES256 first seen and sent again, through its verified tokens), and a webhook through
 * the WebFlux endpoint. BlockHound is installed once per JVM (it cannot be
 * removed), so its callback records only while a test of this class runs; other test classes
 * sharing the JVM are unaffected. Needs {@code -XX:+AllowRedefinitionToAddDeleteMethods} on
 * Java 13 and later (the module's surefire {@code argLine}). Isolated: a test class running at
 * the same time (the fault matrix runs concurrently) would have its blocking calls recorded here.
 */
@Isolated
class NonBlockingThreadsBlockHoundTests {

	private static final int TRACKED_CALLS = 3000;

	private static final List<String> blockingCalls = new CopyOnWriteArrayList<>();

	private static volatile boolean recording;

	private static Scheduler completions;

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().containerThreads(64))
		.build();

	private static final RSAKey KEY = rsaKey();

	private static final String WEBHOOK_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, AopAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				EventsAutoConfiguration.class, MailAutoConfiguration.class, MediaAutoConfiguration.class,
				AuthAutoConfiguration.class, WebhooksAutoConfiguration.class, WebFluxAutoConfiguration.class,
				HttpHandlerAutoConfiguration.class))
		.withBean(TrackedService.class)
		.withBean(RecordingWebhookListener.class)
		.withPropertyValues("saas.events.logsnag.token=ls-token-123", "saas.events.logsnag.project=my-saas",
				"saas.events.logsnag.base-url=" + wireMock.baseUrl(), "saas.events.logsnag.default-channel=general",
				"saas.events.delivery.queue-capacity=" + TRACKED_CALLS * 2, "saas.mail.resend.api-key=re_test_123",
				"saas.mail.resend.base-url=" + wireMock.baseUrl(), "saas.mail.default-from=Acme <hello@acme.test>",
				"saas.mail.resend.requests-per-second=1000",
				"saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo",
				"saas.media.imagekit.public-key=public_abc", "saas.media.imagekit.private-key=private_abc",
				"saas.media.imagekit.base-url=" + wireMock.baseUrl(),
				"saas.media.imagekit.upload-base-url=" + wireMock.baseUrl(), "saas.auth.provider=clerk",
				"saas.auth.clerk.secret-key=sk_test_blockhound0123456789",
				"saas.auth.clerk.base-url=" + wireMock.baseUrl(), "saas.auth.clerk.webhook-secret=" + WEBHOOK_SECRET);

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install(new RecordingIntegration());
		// Reactor's parallel threads are non-blocking: completing tracked calls on 8 of them on a
		// 2-core machine makes producers contend on the delivery queue, as the issue saw
		completions = Schedulers.newParallel("tracked-completions", 8);
	}

	@AfterAll
	static void disposeScheduler() {
		completions.dispose();
	}

	@BeforeEach
	void record() {
		blockingCalls.clear();
		recording = true;
	}

	@AfterEach
	void stopRecording() {
		recording = false;
	}

	@Test
	void blockHoundIsActive() {
		Mono<?> sleeping = Mono.fromCallable(() -> {
			Thread.sleep(1);
			return "slept";
		}).subscribeOn(Schedulers.parallel());
		sleeping.block(Duration.ofSeconds(5));
		assertThat(blockingCalls).as("the detector detects").isNotEmpty();
		blockingCalls.clear();
	}

	@Test
	void trackedMonosAndFluxesCompletingConcurrently() {
		wireMock.stubFor(post("/v1/log").willReturn(okJson("{}")));
		this.contextRunner.run((context) -> {
			TrackedService service = context.getBean(TrackedService.class);
			List<Mono<?>> calls = new ArrayList<>();
			for (int i = 0; i < TRACKED_CALLS; i++) {
				calls.add((i % 2 == 0) ? service.upgrade("user_" + i, i) : service.imported("user_" + i, i).then());
			}
			Flux.fromIterable(calls).flatMap((call) -> call, TRACKED_CALLS).then().block(Duration.ofSeconds(60));
			QueuedEventTracker tracker = context.getBean(QueuedEventTracker.class);
			assertThat(tracker.flush(Duration.ofSeconds(60))).isTrue();
			assertThat(tracker.stats().sent()).isEqualTo(TRACKED_CALLS);
			assertThat(tracker.stats().dropped()).isZero();
			wireMock.verify(TRACKED_CALLS, postRequestedFor(urlEqualTo("/v1/log")));
		});
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void reactiveMail() {
		wireMock.stubFor(post("/emails").willReturn(okJson("{\"id\":\"4ef9a417-02e9-4d39-ad75-9611e0fcc33c\"}")));
		this.contextRunner.run((context) -> {
			ReactiveMailClient mail = context.getBean(ReactiveMailClient.class);
			Flux.range(0, 20)
				.flatMap((i) -> Mono.defer(() -> mail
					.send(Email.builder().to("ada" + i + "@example.com").subject("Hi").text("Hello").build()))
					.subscribeOn(Schedulers.parallel()))
				.then()
				.block(Duration.ofSeconds(30));
			wireMock.verify(20, postRequestedFor(urlEqualTo("/emails")));
		});
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void localStandInsOfMailAndTokens() {
		this.contextRunner.withPropertyValues("saas.mail.capture.enabled=true").run((context) -> {
			ReactiveMailClient mail = context.getBean(ReactiveMailClient.class);
			assertThat(mail).isInstanceOf(CapturingMailClient.class);
			LocalTokenIssuer issuer = LocalTokenIssuer.clerk(null, null);
			Flux.range(0, 20)
				.flatMap((i) -> Mono.defer(() -> mail
					.send(Email.builder().to("ada" + i + "@example.com").subject("Hi").text("Hello").build())
					.then(Mono.fromCallable(() -> issuer.issue(LocalToken.user("user_" + i).build()))))
					.subscribeOn(Schedulers.parallel()))
				.then()
				.block(Duration.ofSeconds(30));
			assertThat(((CapturingMailClient) mail).captured()).hasSize(20);
		});
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void reactiveUpload() {
		wireMock.stubFor(post(urlPathEqualTo("/api/v1/files/upload")).willReturn(okJson("""
				{"fileId":"6673f1a2e375273f604c7a01","name":"avatar.png","size":3,"filePath":"/avatar.png",
				 "url":"https://ik.imagekit.io/demo/avatar.png","fileType":"image","height":1,"width":1}""")));
		this.contextRunner.run((context) -> {
			ReactiveMediaStorage storage = context.getBean(ReactiveMediaStorage.class);
			Flux.range(0, 10)
				.flatMap((i) -> Mono.defer(() -> storage.upload(UploadRequest.of(new byte[] { 1, 2, 3 }, "avatar.png")))
					.subscribeOn(Schedulers.parallel()))
				.then()
				.block(Duration.ofSeconds(30));
			wireMock.verify(10, postRequestedFor(urlPathEqualTo("/api/v1/files/upload")));
		});
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void tokenVerificationWithTheKeySetCached() {
		wireMock.stubFor(get("/v1/jwks").willReturn(okJson(new JWKSet(KEY.toPublicJWK()).toString())));
		this.contextRunner.run((context) -> {
			ReactiveJwtDecoder decoder = context.getBean(ReactiveJwtDecoder.class);
			// signed here: signing is the test's work, not the application's
			List<String> tokens = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				tokens.add(token("user_" + i));
			}
			List<Jwt> verified = Flux.fromIterable(tokens)
				.flatMap((token) -> Mono.defer(() -> decoder.decode(token)).subscribeOn(Schedulers.parallel()))
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(verified).hasSize(200);
		});
		assertThat(blockingCalls).isEmpty();
	}

	@Test
	void supabaseEs256VerificationFirstSeenAndSentAgain() throws JOSEException {
		ECKey key = new ECKeyGenerator(Curve.P_256).keyID("es_blockhound").generate();
		wireMock.stubFor(get("/auth/v1/.well-known/jwks.json")
			.willReturn(okJson(new JWKSet(key.toPublicJWK()).toString())));
		// signed here: signing is the test's work, not the application's
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			tokens.add(supabaseToken(key, i));
		}
		this.contextRunner
			.withPropertyValues("saas.auth.provider=supabase", "saas.auth.supabase.url=" + wireMock.baseUrl())
			.run((context) -> {
				ReactiveJwtDecoder decoder = context.getBean(ReactiveJwtDecoder.class);
				// each token twice: verified the first time, found among the verified tokens the second
				List<Jwt> verified = Flux.fromIterable(tokens)
					.concatWith(Flux.fromIterable(tokens))
					.flatMap((token) -> Mono.defer(() -> decoder.decode(token)).subscribeOn(Schedulers.parallel()))
					.collectList()
					.block(Duration.ofSeconds(60));
				assertThat(verified).hasSize(200);
			});
		assertThat(blockingCalls).isEmpty();
	}

	private static String supabaseToken(ECKey key, int user) throws JOSEException {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(wireMock.baseUrl() + "/auth/v1")
			.subject(UUID.nameUUIDFromBytes(("user " + user).getBytes(java.nio.charset.StandardCharsets.UTF_8))
				.toString())
			.audience("authenticated")
			.claim("role", "authenticated")
			.issueTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plusSeconds(55)))
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new ECDSASigner(key));
		return jwt.serialize();
	}

	@Test
	void webhookThroughTheWebFluxEndpoint() {
		this.contextRunner.run((context) -> {
			HttpHandler handler = context.getBean(HttpHandler.class);
			long now = Instant.now().getEpochSecond();
			List<HttpStatus> statuses = Flux.range(0, 20).flatMap((i) -> {
				String id = "msg_" + i;
				byte[] body = ("{\"type\":\"user.created\",\"object\":\"event\",\"data\":{\"id\":\"user_" + i
						+ "\",\"primary_email_address_id\":\"idn_1\",\"email_addresses\":[{\"id\":\"idn_1\","
						+ "\"email_address\":\"ada@example.com\"}]}}").getBytes(StandardCharsets.UTF_8);
				MockServerHttpRequest request = MockServerHttpRequest.post("/webhooks/clerk")
					.contentType(MediaType.APPLICATION_JSON)
					.header("svix-id", id)
					.header("svix-timestamp", String.valueOf(now))
					.header("svix-signature", StandardWebhookVerifier.sign(WEBHOOK_SECRET, id, now, body))
					.body(new String(body, StandardCharsets.UTF_8));
				MockServerHttpResponse response = new MockServerHttpResponse();
				return handler.handle(request, response)
					.subscribeOn(Schedulers.parallel())
					.then(Mono.fromSupplier(() -> HttpStatus.valueOf(response.getStatusCode().value())));
			}).collectList().block(Duration.ofSeconds(30));
			assertThat(statuses).hasSize(20).allMatch(HttpStatus::is2xxSuccessful);
			assertThat(context.getBean(RecordingWebhookListener.class).of(WebhookReceived.class)).hasSize(20);
		});
		assertThat(blockingCalls).isEmpty();
	}

	private static String token(String subject) {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(subject)
			.claim("sid", "sess_" + UUID.randomUUID())
			.claim("v", 2)
			.issueTime(Date.from(now.minusSeconds(5)))
			.notBeforeTime(Date.from(now.minusSeconds(5)))
			.expirationTime(Date.from(now.plusSeconds(55)))
			.build();
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).type(JOSEObjectType.JWT).build(),
					claims);
			jwt.sign(new RSASSASigner(KEY));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey() {
		try {
			return new RSAKeyGenerator(2048).keyID("ins_blockhound").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Records blocking calls on non-blocking threads while a test of this class runs.
	 */
	static final class RecordingIntegration implements BlockHoundIntegration {

		@Override
		public void applyTo(BlockHound.Builder builder) {
			// Spring's multipart boundary (an upload's form) comes from a SecureRandom, whose first
			// use per JVM may read /dev/urandom: Spring's, not ours, and bounded
			builder.allowBlockingCallsInside("org.springframework.util.MimeTypeUtils", "generateMultipartBoundary");
			// Netty copies its native transport library to a temporary file the first time Reactor
			// Netty makes its event loops: once per JVM, Netty's (a WebFlux server does it at start-up)
			builder.allowBlockingCallsInside("io.netty.util.internal.NativeLibraryLoader", "load");
			// the local stand-ins' store (captured mails, kept uploads) holds a lock over a few list
			// operations, so that tests can wait for items: development only, never a provider's path
			builder.allowBlockingCallsInside("io.saasstack.core.KeptItems", "atomically");
			// the JDK's RSA signatures draw their blinding parameters from its default SecureRandom
			// (a read of /dev/urandom) when a key's cached ones are gone: signing is the local token
			// issuer's (development only); verification, the path of every request, never signs
			builder.allowBlockingCallsInside("sun.security.rsa.RSACore", "getBlindingRandomPair");
			// Jackson creates the deserializer of a type under a lock the first time it reads that
			// type: once per type, Jackson's
			builder.allowBlockingCallsInside("tools.jackson.databind.deser.DeserializerCache",
					"_createAndCacheValueDeserializer");
			builder.blockingMethodCallback(NonBlockingThreadsBlockHoundTests::blocked);
		}

	}

	private static void blocked(BlockingMethod method) {
		if (recording) {
			StringBuilder trace = new StringBuilder(method + " on " + Thread.currentThread().getName());
			for (StackTraceElement element : new Exception().getStackTrace()) {
				trace.append("\n\tat ").append(element);
			}
			blockingCalls.add(trace.toString());
		}
	}

	/**
	 * Tracked methods completing on non-blocking threads.
	 */
	static class TrackedService {

		@TrackEvent(event = "User Upgraded", userId = "#userId", tags = "seats=#seats")
		public Mono<String> upgrade(String userId, int seats) {
			return Mono.delay(Duration.ofMillis(seats % 20), completions).map((tick) -> userId);
		}

		@TrackEvent(event = "Users Imported", userId = "#userId", tags = "count=#result")
		public Flux<Integer> imported(String userId, int count) {
			return Flux.range(0, 2).delayElements(Duration.ofMillis(count % 10), completions).map((i) -> count);
		}

	}

}
