package io.saasstack.events.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.logsnag.LogSnagHttpClient;
import io.saasstack.events.logsnag.LogSnagRequests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link LogSnagDeliveryTask}: every request type survives its stored form unchanged and reaches
 * LogSnag (WireMock) as the JSON the client sends directly.
 */
class LogSnagDeliveryTaskTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final String TOKEN = "ls-token-123";

	private static LogEvent fullEvent() {
		Map<String, Object> tags = new LinkedHashMap<>();
		tags.put("plan", "premium");
		tags.put("seats", 3);
		tags.put("amount", 49.5);
		tags.put("lifetime-cents", 12_345_678_901L);
		tags.put("trial", false);
		tags.put("annual", true);
		return LogEvent.builder("New Subscription")
			.channel("payments")
			.description("**Pro** plan")
			.icon("💰")
			.notify(true)
			.tags(tags)
			.parser(LogEvent.Parser.MARKDOWN)
			.userId("user-123")
			.timestamp(Instant.ofEpochMilli(1717000000789L))
			.build();
	}

	static Stream<Arguments> requests() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("plan", "pro");
		properties.put("seats", 12);
		properties.put("active", true);
		return Stream.of(Arguments.of("log", fullEvent(), "POST", "/v1/log", """
				{"project":"my-saas","channel":"payments","event":"New Subscription","description":"**Pro** plan",
				 "icon":"💰","notify":true,
				 "tags":{"plan":"premium","seats":3,"amount":49.5,"lifetime-cents":12345678901,"trial":false,"annual":true},
				 "parser":"markdown","user_id":"user-123","timestamp":1717000000}
				"""), Arguments.of("log", LogEvent.builder("User Joined").channel("users").build(), "POST", "/v1/log", """
				{"project":"my-saas","channel":"users","event":"User Joined"}
				"""), Arguments.of("identify", new Identify("user-123", properties), "POST", "/v1/identify", """
				{"project":"my-saas","user_id":"user-123","properties":{"plan":"pro","seats":12,"active":true}}
				"""), Arguments.of("insight", new Insight("User Count", 42, "👨"), "POST", "/v1/insight", """
				{"project":"my-saas","title":"User Count","value":42,"icon":"👨"}
				"""), Arguments.of("insight", new Insight("Status", "green", null), "POST", "/v1/insight", """
				{"project":"my-saas","title":"Status","value":"green"}
				"""), Arguments.of("insight", new Insight("Ratio", 0.75, null), "POST", "/v1/insight", """
				{"project":"my-saas","title":"Ratio","value":0.75}
				"""), Arguments.of("increment", new InsightIncrement("Signups", 1, "🚀"), "PATCH", "/v1/insight", """
				{"project":"my-saas","title":"Signups","value":{"$inc":1},"icon":"🚀"}
				"""), Arguments.of("increment", new InsightIncrement("Revenue", 2.5, null), "PATCH", "/v1/insight", """
				{"project":"my-saas","title":"Revenue","value":{"$inc":2.5}}
				"""), Arguments.of("group", new Group("org-1", "user-123", properties), "POST", "/v1/group", """
				{"project":"my-saas","group_id":"org-1","user_id":"user-123","properties":{"plan":"pro","seats":12,"active":true}}
				"""), Arguments.of("group", new Group("org-2", null, Map.of("plan", "free")), "POST", "/v1/group", """
				{"project":"my-saas","group_id":"org-2","properties":{"plan":"free"}}
				"""));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("requests")
	void aStoredRequestIsEqualToTheOriginalAndSentAsLogSnagJson(String type, LogSnagRequest request, String method,
			String path, String json) {
		String payload = LogSnagDeliveryTask.payload(request);
		assertThat(payload).startsWith("{\"type\":\"" + type + "\",\"request\":{");
		assertThat(LogSnagDeliveryTask.request(payload)).isEqualTo(request);
		wireMock.stubFor(post(path).willReturn(ok()));
		wireMock.stubFor(patch(urlEqualTo(path)).willReturn(ok()));
		new LogSnagDeliveryTask(client()).deliver(payload).block(Duration.ofSeconds(60));
		wireMock.verify(exactly(1),
				(("PATCH".equals(method)) ? patchRequestedFor(urlEqualTo(path)) : postRequestedFor(urlEqualTo(path)))
					.withHeader("Authorization", equalTo("Bearer " + TOKEN))
					.withHeader("Content-Type", equalTo("application/json"))
					.withRequestBody(equalToJson(json, false, false)));
		assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void theTimestampIsKeptToTheMillisecondInTheStoredForm() {
		LogEvent event = (LogEvent) LogSnagDeliveryTask.request(LogSnagDeliveryTask.payload(fullEvent()));
		assertThat(event.timestamp()).isEqualTo(Instant.ofEpochMilli(1717000000789L));
		assertThat(event.tags()).containsExactly(Map.entry("plan", "premium"), Map.entry("seats", 3),
				Map.entry("amount", 49.5), Map.entry("lifetime-cents", 12_345_678_901L), Map.entry("trial", false),
				Map.entry("annual", true));
	}

	@Test
	void anUnknownTypeFailsWithIllegalArgumentExceptionSoItFailsForGood() {
		String payload = "{\"type\":\"alias\",\"request\":{\"userId\":\"u1\"}}";
		assertThatIllegalArgumentException().isThrownBy(() -> LogSnagDeliveryTask.request(payload))
			.withMessage("Not a stored LogSnag request: unknown type 'alias'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogSnagDeliveryTask(client()).deliver(payload).block(Duration.ofSeconds(60)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LogSnagDeliveryTask.request("{\"request\":{\"event\":\"x\"}}"))
			.withMessageContaining("unknown type ''");
		assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	@Test
	void aPayloadThatIsNotAStoredRequestFailsWithIllegalArgumentException() {
		// a request the record refuses, and text that is not JSON: neither will ever be delivered
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogSnagDeliveryTask(client()).deliver("{\"type\":\"log\",\"request\":{}}")
				.block(Duration.ofSeconds(60)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new LogSnagDeliveryTask(client()).deliver("not json").block(Duration.ofSeconds(60)));
		assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private static LogSnagHttpClient client() {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wireMock.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(10));
		properties.setResponseTimeout(Duration.ofSeconds(30));
		properties.getRetry().setMaxAttempts(1);
		SaasHttpClient http = LogSnagHttpClient.httpClient(SaasHttpClientFactory.standalone(), properties, TOKEN);
		return new LogSnagHttpClient(http, "my-saas", new LogSnagRequests(null, false));
	}

}
