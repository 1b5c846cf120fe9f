package io.saasstack.reliability;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.autoconfigure.EventsAutoConfiguration;
import io.saasstack.events.delivery.DeliveryStats;
import io.saasstack.events.delivery.QueuedEventTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost that we promised to keep: closing the application context delivers the queued
 * events to a slow LogSnag within {@code saas.events.delivery.shutdown-timeout}, and what cannot
 * be delivered by then is counted in {@code saas.events.dropped} and logged once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownFlushTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance()
		.options(wireMockConfig().dynamicPort().asynchronousResponseEnabled(true))
		.build();

	static final int QUEUED = 20;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				EventsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("saas.events.logsnag.token=" + LeakScanSecrets.LOGSNAG_TOKEN,
				"saas.events.logsnag.project=acme", "saas.events.logsnag.base-url=" + wm.baseUrl(),
				"saas.events.logsnag.default-channel=users", "saas.events.delivery.max-in-flight=2");

	@Test
	void closingTheContextDeliversEveryQueuedEventToASlowLogSnag(CapturedOutput output) {
		wm.stubFor(post(urlPathEqualTo("/v1/log")).willReturn(okJson("{}").withFixedDelay(200)));
		AtomicReference<QueuedEventTracker> tracker = new AtomicReference<>();
		this.contextRunner.withPropertyValues("saas.events.delivery.shutdown-timeout=60s").run((context) -> {
			tracker.set(context.getBean(QueuedEventTracker.class));
			EventTracker events = context.getBean(EventTracker.class);
			for (int i = 0; i < QUEUED; i++) {
				assertThat(events.track(LogEvent.builder("Signed Up " + i).build())).isTrue();
			}
			// two in flight at a time, 200 ms each: most of the queue is still waiting at close
			assertThat(tracker.get().stats().queued()).isPositive();
		});
		DeliveryStats stats = tracker.get().stats();
		assertThat(stats.sent()).isEqualTo(QUEUED);
		assertThat(stats.dropped()).isZero();
		assertThat(stats.queued()).isZero();
		wm.verify(exactly(QUEUED), postRequestedFor(urlPathEqualTo("/v1/log")));
		assertThat(output).doesNotContain("Lost ");
	}

	@Test
	void whatIsNotDeliveredWithinTheShutdownTimeoutIsCountedAndLoggedOnce(CapturedOutput output) {
		wm.stubFor(post(urlPathEqualTo("/v1/log")).willReturn(okJson("{}").withFixedDelay(10_000)));
		AtomicReference<QueuedEventTracker> tracker = new AtomicReference<>();
		AtomicReference<MeterRegistry> registry = new AtomicReference<>();
		Duration shutdownTimeout = Duration.ofMillis(500);
		this.contextRunner
			.withPropertyValues("saas.events.delivery.shutdown-timeout=" + shutdownTimeout.toMillis() + "ms",
					"saas.events.logsnag.response-timeout=30s")
			.run((context) -> {
				tracker.set(context.getBean(QueuedEventTracker.class));
				registry.set(context.getBean(MeterRegistry.class));
				EventTracker events = context.getBean(EventTracker.class);
				for (int i = 0; i < QUEUED; i++) {
					assertThat(events.track(LogEvent.builder("Signed Up " + i).build())).isTrue();
				}
			});
		DeliveryStats stats = tracker.get().stats();
		assertThat(stats.sent()).isZero();
		assertThat(stats.queued()).isZero();
		assertThat(stats.inFlight()).isZero();
		assertThat(stats.dropped()).isEqualTo(QUEUED);
		assertThat(registry.get().find("saas.events.dropped").tag("type", "log").counter().count())
			.isEqualTo(QUEUED);
		assertThat(output.getAll().split("Lost ", -1)).hasSize(2);
		assertThat(output).contains("Lost " + QUEUED + " LogSnag request(s) on shutdown: not delivered within "
				+ shutdownTimeout.toMillis() + " ms (saas.events.delivery.shutdown-timeout)");
		assertThat(tracker.get().track(LogEvent.builder("Too Late").channel("users").build())).isFalse();
	}

}
