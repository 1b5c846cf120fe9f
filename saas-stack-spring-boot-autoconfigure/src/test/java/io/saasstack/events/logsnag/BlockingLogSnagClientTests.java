package io.saasstack.events.logsnag;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.saasstack.core.ProviderError;
import io.saasstack.core.RateLimit;
import io.saasstack.core.SaasApiException;
import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.ReactiveLogSnagClient;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link BlockingLogSnagClient}.
 */
class BlockingLogSnagClientTests {

	@Test
	void everyMethodSendsItsRequestThroughTheReactiveClient() {
		List<LogSnagRequest> sent = new CopyOnWriteArrayList<>();
		BlockingLogSnagClient client = new BlockingLogSnagClient((request) -> Mono.fromRunnable(() -> sent.add(request)));
		LogEvent event = LogEvent.builder("User Joined").channel("users").build();
		Identify identify = new Identify("user-123", Map.of("plan", "pro"));
		Insight insight = new Insight("User Count", 42, null);
		InsightIncrement increment = new InsightIncrement("User Count", 1, null);
		Group group = new Group("org-1", "user-123", Map.of());
		client.log(event);
		client.identify(identify);
		client.insight(insight);
		client.increment(increment);
		client.group(group);
		client.send(event);
		assertThat(sent).containsExactly(event, identify, insight, increment, group, event);
	}

	@Test
	void sendReturnsOnlyWhenTheReactiveClientCompletes() throws Exception {
		Sinks.Empty<Void> response = Sinks.empty();
		CountDownLatch subscribed = new CountDownLatch(1);
		ReactiveLogSnagClient reactive = (request) -> response.asMono().doOnSubscribe((subscription) -> subscribed.countDown());
		BlockingLogSnagClient client = new BlockingLogSnagClient(reactive);
		CountDownLatch returned = new CountDownLatch(1);
		Thread caller = new Thread(() -> {
			client.log(LogEvent.builder("User Joined").channel("users").build());
			returned.countDown();
		});
		caller.start();
		assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(returned.getCount()).isEqualTo(1);
		response.tryEmitEmpty();
		assertThat(returned.await(5, TimeUnit.SECONDS)).isTrue();
		caller.join(Duration.ofSeconds(5).toMillis());
	}

	@Test
	void failuresAreThrownAsTheyAre() {
		SaasApiException failure = new SaasApiException("logsnag", "log", 503, ProviderError.of(null, "unavailable", null),
				RateLimit.NONE, true);
		BlockingLogSnagClient client = new BlockingLogSnagClient((request) -> Mono.error(failure));
		assertThatExceptionOfType(SaasApiException.class)
			.isThrownBy(() -> client.log(LogEvent.builder("User Joined").channel("users").build()))
			.isSameAs(failure);
	}

	@Test
	void invalidRequestsAreRejectedByTheWrappedClient() {
		BlockingLogSnagClient client = new BlockingLogSnagClient(new LoggingLogSnagClient(new LogSnagRequests(null, false)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> client.log(LogEvent.builder("User Joined").channel("users").tag("tag-1", "x").build()))
			.withMessageContaining("key 'tag-1' is invalid");
	}

}
