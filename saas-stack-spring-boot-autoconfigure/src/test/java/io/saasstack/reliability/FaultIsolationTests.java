package io.saasstack.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.events.TrackEvent;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.events.delivery.DeliveryStats;
import io.saasstack.events.delivery.QueuedEventTracker;
import io.saasstack.mail.Email;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.autoconfigure.MailAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The application's own requests are unaffected when LogSnag and Resend both fail: an MVC
 * endpoint that tracks an event ({@code @TrackEvent}) and sends a mail (a subscribed
 * {@link ReactiveMailClient} call) answers 200 to every request whatever the providers do,
 * without waiting for them, and the event queue stays bounded with its drops counted.
 * Latencies are measured healthy vs failing in the same run and written to
 * {@code target/reliability/latency.txt}; they are reported, never asserted.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultIsolationTests {

	static final Gate gate = new Gate();

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().containerThreads(200).asynchronousResponseEnabled(true)
			.extensions(gate))
		.build();

	static final int QUEUE_CAPACITY = 16;

	static final int MAX_IN_FLIGHT = 4;

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, AopAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				EventsAutoConfiguration.class, MailAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
				WebMvcAutoConfiguration.class))
		.withUserConfiguration(SignupApplication.class)
		.withPropertyValues("saas.events.logsnag.token=" + LeakScanSecrets.LOGSNAG_TOKEN,
				"saas.events.logsnag.project=acme", "saas.events.logsnag.base-url=" + wm.baseUrl(),
				"saas.events.delivery.queue-capacity=" + QUEUE_CAPACITY,
				"saas.events.delivery.max-in-flight=" + MAX_IN_FLIGHT, "saas.events.delivery.shutdown-timeout=1s",
				"saas.mail.resend.api-key=" + LeakScanSecrets.RESEND_API_KEY,
				"saas.mail.resend.base-url=" + wm.baseUrl(), "saas.mail.resend.requests-per-second=1000");

	@AfterEach
	void openTheGate() {
		gate.open();
	}

	@Test
	void endpointAnswersBeforeAnyProviderAnswersAndTheQueueStaysBounded(CapturedOutput output) {
		gate.close();
		wm.stubFor(any(anyUrl()).willReturn(okJson("{\"id\":\"4ef9a417-02e9-4d39-ad75-9611e0fcc33c\"}")));
		int requests = 50;
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			QueuedEventTracker tracker = context.getBean(QueuedEventTracker.class);
			Signups signups = context.getBean(Signups.class);
			for (int i = 0; i < requests; i++) {
				mvc.perform(post("/signup").param("email", "user" + i + "@example.com"))
					.andExpect(status().isOk())
					.andExpect(content().string("welcome"));
				assertThat(tracker.stats().queued()).isLessThanOrEqualTo(QUEUE_CAPACITY);
			}
			// every response is out; LogSnag and Resend have received calls and answered none
			gate.awaitReceived("/v1/log", 1);
			gate.awaitReceived("/emails", 1);
			DeliveryStats stats = tracker.stats();
			assertThat(gate.answered()).isZero();
			assertThat(stats.sent()).isZero();
			assertThat(stats.failed()).isZero();
			assertThat(signups.mailsSettled()).isZero();
			assertThat(signups.calls()).isEqualTo(requests);
			// bounded: what is neither queued nor in flight was dropped, counted and logged once
			assertThat(stats.queued()).isLessThanOrEqualTo(QUEUE_CAPACITY);
			assertThat(stats.queued() + stats.inFlight() + stats.dropped()).isEqualTo(requests);
			assertThat(stats.dropped()).isGreaterThanOrEqualTo(requests - QUEUE_CAPACITY - MAX_IN_FLIGHT);
			double counted = context.getBean(MeterRegistry.class)
				.find("saas.events.dropped")
				.counters()
				.stream()
				.mapToDouble((counter) -> counter.count())
				.sum();
			assertThat(counted).isEqualTo(stats.dropped());
			assertThat(output.getAll().split("Dropped ", -1)).hasSize(2);
			gate.open();
		});
	}

	@Test
	void endpointAnswersEveryRequestWhileTheProvidersFailAndLatencyIsReported() throws IOException {
		int warmup = 50;
		int measured = 200;
		Map<String, long[]> latencies = new LinkedHashMap<>();
		this.contextRunner.run((context) -> {
			MockMvc mvc = mvc(context);
			Map<String, ResponseDefinitionBuilder> phases = new LinkedHashMap<>();
			phases.put("healthy", okJson("{\"id\":\"4ef9a417-02e9-4d39-ad75-9611e0fcc33c\"}"));
			phases.put("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
			phases.put("HTTP 500", aResponse().withStatus(500).withBody("{\"message\":\"internal\"}"));
			phases.put("10 s delay", okJson("{\"id\":\"x\"}").withFixedDelay(10_000));
			int sequence = 0;
			for (Map.Entry<String, ResponseDefinitionBuilder> phase : phases.entrySet()) {
				wm.resetAll();
				wm.stubFor(any(urlPathEqualTo("/v1/log")).willReturn(phase.getValue()));
				wm.stubFor(any(urlPathEqualTo("/emails")).willReturn(phase.getValue()));
				long[] nanos = new long[measured];
				int rounds = (sequence == 0) ? warmup + measured : measured;
				for (int i = 0; i < rounds; i++) {
					long start = System.nanoTime();
					mvc.perform(post("/signup").param("email", "user" + (sequence++) + "@example.com"))
						.andExpect(status().isOk());
					long elapsed = System.nanoTime() - start;
					int index = i - (rounds - measured);
					if (index >= 0) {
						nanos[index] = elapsed;
					}
					assertThat(context.getBean(QueuedEventTracker.class).stats().queued())
						.isLessThanOrEqualTo(QUEUE_CAPACITY);
				}
				latencies.put(phase.getKey(), nanos);
			}
			assertThat(context.getBean(Signups.class).calls()).isEqualTo(warmup + 4 * measured);
		});
		report(latencies);
	}

	private static void report(Map<String, long[]> latencies) throws IOException {
		long[] healthy = latencies.get("healthy");
		List<String> lines = new ArrayList<>();
		lines.add("Endpoint latency (MockMvc, @TrackEvent + ReactiveMailClient.subscribe()), " + healthy.length
				+ " requests per phase, same run");
		for (Map.Entry<String, long[]> phase : latencies.entrySet()) {
			long[] nanos = phase.getValue();
			lines.add(String.format("%-16s p50 %8.3f ms  p99 %8.3f ms  p50 ratio %.2f  p99 ratio %.2f", phase.getKey(),
					percentile(nanos, 50) / 1e6, percentile(nanos, 99) / 1e6,
					(double) percentile(nanos, 50) / percentile(healthy, 50),
					(double) percentile(nanos, 99) / percentile(healthy, 99)));
		}
		Path file = Path.of("target", "reliability", "latency.txt");
		Files.createDirectories(file.getParent());
		Files.write(file, lines, StandardCharsets.UTF_8);
		lines.forEach(System.out::println);
	}

	static long percentile(long[] values, int percentile) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

	private static MockMvc mvc(org.springframework.context.ApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class SignupApplication {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		Signups signups(ReactiveMailClient mailClient) {
			return new Signups(mailClient);
		}

		@Bean
		SignupController signupController(Signups signups) {
			return new SignupController(signups);
		}

	}

	@RestController
	static class SignupController {

		private final Signups signups;

		SignupController(Signups signups) {
			this.signups = signups;
		}

		@PostMapping("/signup")
		String signup(@RequestParam String email) {
			this.signups.signUp(email);
			return "welcome";
		}

	}

	/** The application's service: tracks the sign-up and sends the welcome mail without waiting. */
	static class Signups {

		private final ReactiveMailClient mailClient;

		private final AtomicInteger calls = new AtomicInteger();

		private final AtomicInteger mailsSettled = new AtomicInteger();

		Signups(ReactiveMailClient mailClient) {
			this.mailClient = mailClient;
		}

		@TrackEvent(channel = "users", event = "User Signed Up", tags = "source='web'")
		public void signUp(String email) {
			this.calls.incrementAndGet();
			Email welcome = Email.builder()
				.from("Acme <hello@acme.com>")
				.to(email)
				.subject("Welcome")
				.text("Hi")
				.build();
			this.mailClient.send(welcome, "welcome/" + email)
				.subscribe((sent) -> this.mailsSettled.incrementAndGet(), (error) -> this.mailsSettled.incrementAndGet());
		}

		int calls() {
			return this.calls.get();
		}

		int mailsSettled() {
			return this.mailsSettled.get();
		}

	}

	/**
	 * Holds every WireMock answer while closed, counting what was received: a provider that
	 * accepted the connection and has not answered yet.
	 */
	static final class Gate implements ResponseDefinitionTransformerV2 {

		private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

		private final AtomicInteger answered = new AtomicInteger();

		private volatile CountDownLatch latch = new CountDownLatch(0);

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			String path = serveEvent.getRequest().getUrl().replaceAll("\\?.*", "");
			this.received.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			try {
				this.latch.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.answered.incrementAndGet();
			return serveEvent.getResponseDefinition();
		}

		void close() {
			this.received.clear();
			this.answered.set(0);
			this.latch = new CountDownLatch(1);
		}

		void open() {
			this.latch.countDown();
		}

		int answered() {
			return this.answered.get();
		}

		void awaitReceived(String path, int count) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (this.received.getOrDefault(path, new AtomicInteger()).get() < count) {
				assertThat(System.nanoTime()).as("liveness: " + path + " received nothing").isLessThan(deadline);
				Thread.sleep(10);
			}
		}

		@Override
		public String getName() {
			return "gate";
		}

	}

}
