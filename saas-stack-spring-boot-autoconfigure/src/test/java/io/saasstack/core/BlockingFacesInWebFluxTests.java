package io.saasstack.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.auth.UserDirectory;
import io.saasstack.auth.autoconfigure.AuthAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagClient;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailClient;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import io.saasstack.media.MediaStorage;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.autoconfigure.MediaAutoConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Issue 20, item 1: in a WebFlux application, every method of every blocking face of a
 * reactive client refuses a call made on a non-blocking thread before any request leaves, and
 * names the reactive client to inject instead; without the refusal, Reactor's {@code block()} fails only after the request was
 * subscribed, so the mail was sent and the caller got an error. The same call on a thread that
 * may block reaches the provider, so "no request" is not an artefact of the set-up.
 */
class BlockingFacesInWebFluxTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class, AuthAutoConfiguration.class,
				EventsAutoConfiguration.class, MailAutoConfiguration.class, MediaAutoConfiguration.class))
		.withPropertyValues("saas.mail.resend.api-key=re_test_123", "saas.mail.resend.base-url=" + wireMock.baseUrl(),
				"saas.mail.default-from=Acme <hello@acme.test>", "saas.events.logsnag.token=ls-token-123",
				"saas.events.logsnag.project=my-saas", "saas.events.logsnag.base-url=" + wireMock.baseUrl(),
				"saas.events.logsnag.default-channel=general",
				"saas.media.imagekit.url-endpoint=https://ik.imagekit.io/demo",
				"saas.media.imagekit.public-key=public_abc", "saas.media.imagekit.private-key=private_abc",
				"saas.media.imagekit.base-url=" + wireMock.baseUrl(),
				"saas.media.imagekit.upload-base-url=" + wireMock.baseUrl(), "saas.auth.provider=clerk",
				"saas.auth.clerk.secret-key=sk_test_blocking0123456789", "saas.auth.clerk.base-url=" + wireMock.baseUrl(),
				"saas.auth.clerk.retry.max-attempts=1", "saas.mail.resend.retry.max-attempts=1",
				"saas.media.imagekit.retry.max-attempts=1", "saas.events.logsnag.retry.max-attempts=1");

	@BeforeEach
	void answerEverythingWithABadRequest() {
		// not retried: one call, one request
		wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"no\"}")));
	}

	@Test
	void mailClientRefusesBeforeSending() {
		this.contextRunner.run((context) -> {
			MailClient mail = context.getBean(MailClient.class);
			Email email = Email.builder().to("ada@example.com").subject("Hi").text("Hello").build();
			assertRefusedBeforeAnyRequest(() -> mail.send(email), "MailClient.send", "ReactiveMailClient");
			assertRefusedBeforeAnyRequest(() -> mail.send(email, "key-1"), "MailClient.send", "ReactiveMailClient");
			assertRefusedBeforeAnyRequest(() -> mail.sendBatch(List.of(email), BatchOptions.DEFAULT),
					"MailClient.sendBatch", "ReactiveMailClient");
			assertRefusedBeforeAnyRequest(() -> mail.get("4ef9a417-02e9-4d39-ad75-9611e0fcc33c"), "MailClient.get",
					"ReactiveMailClient");
			assertRefusedBeforeAnyRequest(() -> mail.list(10, null, null), "MailClient.list", "ReactiveMailClient");
			assertRefusedBeforeAnyRequest(() -> {
				mail.reschedule("4ef9a417-02e9-4d39-ad75-9611e0fcc33c", "in 1 hour");
				return null;
			}, "MailClient.reschedule", "ReactiveMailClient");
			assertRefusedBeforeAnyRequest(() -> {
				mail.cancel("4ef9a417-02e9-4d39-ad75-9611e0fcc33c");
				return null;
			}, "MailClient.cancel", "ReactiveMailClient");
			assertReachesTheProviderWhereBlockingIsAllowed(() -> mail.send(email));
		});
	}

	@Test
	void mediaStorageRefusesBeforeUploading() {
		this.contextRunner.run((context) -> {
			MediaStorage storage = context.getBean(MediaStorage.class);
			UploadRequest upload = UploadRequest.of(new byte[] { 1, 2, 3 }, "a.png");
			assertRefusedBeforeAnyRequest(() -> storage.upload(upload), "MediaStorage.upload", "ReactiveMediaStorage");
			assertRefusedBeforeAnyRequest(() -> {
				storage.delete("file_1");
				return null;
			}, "MediaStorage.delete", "ReactiveMediaStorage");
			assertReachesTheProviderWhereBlockingIsAllowed(() -> storage.upload(upload));
		});
	}

	@Test
	void userDirectoryRefusesBeforeCallingTheProvider() {
		this.contextRunner.run((context) -> {
			UserDirectory users = context.getBean(UserDirectory.class);
			assertRefusedBeforeAnyRequest(() -> users.get("user_1"), "UserDirectory.get", "ReactiveUserDirectory");
			assertRefusedBeforeAnyRequest(() -> users.list(0, 10), "UserDirectory.list", "ReactiveUserDirectory");
			assertRefusedBeforeAnyRequest(() -> users.updateMetadata("user_1", Map.of("plan", "pro"), Map.of()),
					"UserDirectory.updateMetadata", "ReactiveUserDirectory");
			assertRefusedBeforeAnyRequest(() -> users.ban("user_1"), "UserDirectory.ban", "ReactiveUserDirectory");
			assertRefusedBeforeAnyRequest(() -> users.unban("user_1"), "UserDirectory.unban", "ReactiveUserDirectory");
			assertRefusedBeforeAnyRequest(() -> {
				users.delete("user_1");
				return null;
			}, "UserDirectory.delete", "ReactiveUserDirectory");
			assertReachesTheProviderWhereBlockingIsAllowed(() -> users.get("user_1"));
		});
	}

	@Test
	void logSnagClientRefusesBeforeSending() {
		this.contextRunner.run((context) -> {
			LogSnagClient logsnag = context.getBean(LogSnagClient.class);
			LogEvent event = LogEvent.builder("Signed Up").build();
			assertRefusedBeforeAnyRequest(() -> {
				logsnag.send(event);
				return null;
			}, "LogSnagClient.send", "ReactiveLogSnagClient");
			assertReachesTheProviderWhereBlockingIsAllowed(() -> {
				logsnag.send(event);
				return null;
			});
		});
	}

	private static void assertRefusedBeforeAnyRequest(Callable<?> call, String face, String reactiveClient)
			throws InterruptedException {
		Mono<?> onParallel = Mono.fromCallable(call).subscribeOn(Schedulers.parallel());
		assertThatIllegalStateException().isThrownBy(() -> onParallel.block(Duration.ofSeconds(5)))
			.withMessageStartingWith(face + " blocks, which thread 'parallel-")
			.withMessageEndingWith("In reactive code, inject " + reactiveClient + " instead.");
		// a request subscribed before the failure would arrive within milliseconds
		Thread.sleep(300);
		assertThat(wireMock.getAllServeEvents()).as("requests received").isEmpty();
	}

	private static void assertReachesTheProviderWhereBlockingIsAllowed(Callable<?> call) {
		Mono<?> onBoundedElastic = Mono.fromCallable(call).subscribeOn(Schedulers.boundedElastic());
		try {
			onBoundedElastic.block(Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			// the 400 answer: what matters is that the request left
		}
		assertThat(wireMock.getAllServeEvents()).as("requests received").hasSize(1);
	}

}
