package io.saasstack.events.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.autoconfigure.SaasCoreAutoConfiguration;
import io.saasstack.core.autoconfigure.SaasHealthContributorAutoConfiguration;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagClient;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.ReactiveLogSnagClient;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.events.TrackEvent;
import io.saasstack.events.aop.TrackEventAdvisor;
import io.saasstack.events.delivery.QueuedEventTracker;
import io.saasstack.events.logsnag.BlockingLogSnagClient;
import io.saasstack.events.logsnag.LogSnagHttpClient;
import io.saasstack.events.logsnag.LoggingLogSnagClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class EventsAutoConfigurationTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, AopAutoConfiguration.class, SaasCoreAutoConfiguration.class,
				EventsAutoConfiguration.class, EventsHealthContributorAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, SaasHealthContributorAutoConfiguration.class));

	@Test
	void withoutTokenEventsAreLoggedAndTheApplicationSaysSoOnce(CapturedOutput output) {
		this.contextRunner.withPropertyValues("saas.events.logsnag.default-channel=signups").run((context) -> {
			assertThat(context).hasSingleBean(LoggingLogSnagClient.class)
				.hasSingleBean(BlockingLogSnagClient.class)
				.hasSingleBean(QueuedEventTracker.class)
				.doesNotHaveBean(LogSnagHttpClient.class);
			EventTracker tracker = context.getBean(EventTracker.class);
			tracker.track(LogEvent.builder("User Signed Up").tag("plan", "free").build());
			assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
			assertThat(output).contains("LogSnag (not sent, no token) #signups \"User Signed Up\"");
			assertThat(logsnagHealth(context).health().getDetails()).containsEntry("mode", "local");
		});
		assertThat(output.getAll().split("saas.events.logsnag.token is not set", -1)).hasSize(2);
	}

	@Test
	void withTokenEventsAreSentToLogSnagInTheBackground() {
		wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/log")
			.willReturn(aResponse().withStatus(200).withFixedDelay(2000)));
		this.contextRunner.withUserConfiguration(TrackedService.class).withPropertyValues(logsnag()).run((context) -> {
			assertThat(context).hasSingleBean(LogSnagHttpClient.class).doesNotHaveBean(LoggingLogSnagClient.class);
			QueuedEventTracker tracker = context.getBean(QueuedEventTracker.class);
			context.getBean(AccountService.class).upgrade("user_1", "pro");
			// LogSnag takes 2 s to answer: the method returned before it did
			assertThat(tracker.stats().sent()).isZero();
			assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
			assertThat(tracker.stats().sent()).isEqualTo(1);
		});
		wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/log"))
			.withHeader("Authorization", equalTo("Bearer ls-token-123"))
			.withRequestBody(equalToJson("{\"project\":\"my-saas\",\"channel\":\"billing\",\"event\":\"User Upgraded\","
					+ "\"description\":\"Upgraded to pro\",\"user_id\":\"user_1\",\"tags\":{\"plan\":\"pro\"},"
					+ "\"parser\":\"text\"}", false, false)));
	}

	@Test
	void queuedEventsAreDeliveredOnShutdown() {
		wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/log")
			.willReturn(aResponse().withStatus(200).withFixedDelay(100)));
		this.contextRunner.withPropertyValues(logsnag()).withPropertyValues("saas.events.delivery.max-in-flight=2")
			.run((context) -> {
				EventTracker tracker = context.getBean(EventTracker.class);
				for (int i = 0; i < 10; i++) {
					assertThat(tracker.track(LogEvent.builder("Tick " + i).build())).isTrue();
				}
			});
		wireMock.verify(10, postRequestedFor(urlEqualTo("/v1/log")));
	}

	@Test
	void recordingKeepsEventsInMemory() {
		this.contextRunner.withUserConfiguration(TrackedService.class)
			.withPropertyValues("saas.events.recording=true", "saas.events.logsnag.token=ls-token-123",
					"saas.events.logsnag.project=my-saas")
			.run((context) -> {
				assertThat(context).hasSingleBean(RecordingLogSnagClient.class).doesNotHaveBean(LogSnagHttpClient.class);
				context.getBean(AccountService.class).upgrade("user_1", "pro");
				RecordingLogSnagClient recorder = context.getBean(RecordingLogSnagClient.class);
				assertThat(recorder.awaitRequests(1, Duration.ofSeconds(5))).isTrue();
				assertThat(recorder.events()).singleElement()
					.satisfies((event) -> assertThat(event.tags()).containsEntry("plan", "pro"));
				context.getBean(LogSnagClient.class).log(LogEvent.builder("Direct").channel("ops").build());
				assertThat(recorder.events()).hasSize(2);
			});
	}

	@Test
	void backsOffToUserClientAndTracker() {
		ReactiveLogSnagClient client = (request) -> Mono.empty();
		EventTracker tracker = new EventTracker() {

			@Override
			public boolean track(LogSnagRequest request) {
				return true;
			}

			@Override
			public boolean flush(Duration timeout) {
				return true;
			}

		};
		this.contextRunner.withBean(ReactiveLogSnagClient.class, () -> client)
			.withBean(EventTracker.class, () -> tracker)
			.run((context) -> {
				assertThat(context).getBean(ReactiveLogSnagClient.class).isSameAs(client);
				assertThat(context).getBean(EventTracker.class).isSameAs(tracker);
				assertThat(context).doesNotHaveBean(LoggingLogSnagClient.class)
					.doesNotHaveBean(QueuedEventTracker.class)
					.doesNotHaveBean("logSnagHealthCheck");
			});
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.events.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(EventTracker.class)
				.doesNotHaveBean(ReactiveLogSnagClient.class)
				.doesNotHaveBean(TrackEventAdvisor.class));
	}

	@Test
	void trackEventCanBeDisabledAlone() {
		this.contextRunner.withPropertyValues("saas.events.track-event.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(EventTracker.class)
				.doesNotHaveBean(TrackEventAdvisor.class));
	}

	@Test
	void worksWithoutMicrometer() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("saas.events.logsnag.default-channel=signups")
			.run((context) -> {
				EventTracker tracker = context.getBean(EventTracker.class);
				tracker.track(LogEvent.builder("User Signed Up").build());
				assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
			});
	}

	@Test
	void recordsDeliveryMetrics() {
		// LogSnag answers the first request at once and holds the others: the queue fills behind one in flight
		java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
		ReactiveLogSnagClient holding = (request) -> (calls.getAndIncrement() == 0) ? Mono.empty() : Mono.never();
		this.contextRunner.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(ReactiveLogSnagClient.class, () -> holding)
			.withPropertyValues("saas.events.logsnag.default-channel=signups", "saas.events.delivery.max-in-flight=1",
					"saas.events.delivery.shutdown-timeout=0s")
			.run((context) -> {
				EventTracker tracker = context.getBean(EventTracker.class);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("saas.events.queue.size").gauge().value()).isZero();
				tracker.track(LogEvent.builder("User Signed Up").build());
				assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
				assertThat(registry.get("saas.events.sent").tag("type", "log").counter().count()).isEqualTo(1);
				for (int i = 0; i < 4; i++) {
					tracker.track(LogEvent.builder("User Signed Up").build());
				}
				// one taken by the held call, three waiting
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.until(() -> calls.get() == 2);
				assertThat(registry.get("saas.events.queue.size").gauge().value()).isEqualTo(3);
			});
	}

	@Test
	void brokenTrackEventExpressionFailsStartup() {
		this.contextRunner.withUserConfiguration(BrokenService.class)
			.withPropertyValues("saas.events.logsnag.default-channel=signups")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasMessageContaining("EventsAutoConfigurationTests$Broken.upgrade(String)")
				.hasMessageContaining("description \"#plan.(\" is not a valid SpEL expression"));
	}

	@Test
	void rejectsTokenWithoutProject() {
		this.contextRunner.withPropertyValues("saas.events.logsnag.token=ls-token-123")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.events.logsnag.project"));
	}

	@Test
	void rejectsInvalidDefaultChannel() {
		this.contextRunner.withPropertyValues("saas.events.logsnag.default-channel=User_Signups")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.events.logsnag.default-channel"));
	}

	@Test
	void stalledAfterDefaultsToOneMinute() {
		this.contextRunner.run((context) -> assertThat(
				context.getBean(QueuedEventTracker.class).settings().stalledAfter()).isEqualTo(Duration.ofMinutes(1)));
	}

	@Test
	void stalledAfterIsConfigurable() {
		this.contextRunner.withPropertyValues("saas.events.delivery.stalled-after=30s")
			.run((context) -> assertThat(context.getBean(QueuedEventTracker.class).settings().stalledAfter())
				.isEqualTo(Duration.ofSeconds(30)));
	}

	@Test
	void rejectsAStalledAfterOfZero() {
		this.contextRunner.withPropertyValues("saas.events.delivery.stalled-after=0s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.events.delivery.stalled-after"));
	}

	private static HealthIndicator logsnagHealth(org.springframework.context.ApplicationContext context) {
		CompositeHealthContributor saas = context.getBean("saasHealthContributor", CompositeHealthContributor.class);
		HealthIndicator indicator = (HealthIndicator) saas.getContributor("logsnag");
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		return indicator;
	}

	private static String[] logsnag() {
		return List.of("saas.events.logsnag.token=ls-token-123", "saas.events.logsnag.project=my-saas",
				"saas.events.logsnag.base-url=" + wireMock.baseUrl(), "saas.events.logsnag.default-channel=general")
			.toArray(String[]::new);
	}

	@Configuration(proxyBeanMethods = false)
	static class TrackedService {

		@Bean
		AccountService accountService() {
			return new AccountService();
		}

	}

	static class AccountService {

		@TrackEvent(channel = "billing", event = "User Upgraded", description = "'Upgraded to ' + #plan",
				userId = "#userId", tags = "plan=#plan")
		public String upgrade(String userId, String plan) {
			return plan;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BrokenService {

		@Bean
		Broken broken() {
			return new Broken();
		}

	}

	static class Broken {

		@TrackEvent(event = "User Upgraded", description = "#plan.(")
		public String upgrade(String plan) {
			return plan;
		}

	}

}
