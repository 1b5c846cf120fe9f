package io.saasstack.events.logsnag;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasAuthenticationException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link LogSnagHttpClient} against a WireMock server: the wire format of every
 * endpoint (reference {@code events-logsnag.md} §2-4), checks before any I/O, error decoding and
 * which calls are retried.
 */
class LogSnagHttpClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String TOKEN = "ls_live_9f3c2a7b1e6d";

	static final String PROJECT = "my-saas";

	/** The validation error of events-logsnag.md §5. */
	static final String VALIDATION_ERROR = """
			{"message":"Validation Error",
			 "validation":{"body":[{"path":"event","type":"too_small","message":"Event name may not be an empty string"},
			                       {"path":"tags.tag-1","type":"custom","message":"Tag keys must be lowercase characters, or dashes"}],
			               "headers":[{"path":"authorization","type":"invalid_type","message":"Authorization header must be a valid Bearer token"}]}}
			""";

	static LogSnagHttpClient client() {
		return client(new LogSnagRequests(null, false));
	}

	static LogSnagHttpClient client(LogSnagRequests requests) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(1));
		properties.setResponseTimeout(Duration.ofSeconds(2));
		// RetryPolicy(3, 10ms, 50ms, 5s, 0.5): fast, still with backoff
		properties.getRetry().setMaxAttempts(3);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(50));
		properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(5));
		SaasHttpClient http = LogSnagHttpClient.httpClient(SaasHttpClientFactory.standalone(), properties, TOKEN);
		return new LogSnagHttpClient(http, PROJECT, requests);
	}

	static List<LoggedRequest> requests() {
		return wm.findAll(anyRequestedFor(anyUrl()));
	}

	/** The headers of every LogSnag call. */
	static RequestPatternBuilder withHeaders(RequestPatternBuilder pattern) {
		return pattern.withHeader("Authorization", equalTo("Bearer " + TOKEN))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("User-Agent", matching("saas-stack/.+"));
	}

	/** Asserts exactly one call, with the common headers and exactly this JSON body. */
	static void verifySent(RequestPatternBuilder pattern, String json) {
		wm.verify(exactly(1), withHeaders(pattern).withRequestBody(equalToJson(json, false, false)));
		assertThat(requests()).hasSize(1);
	}

	/** Requests sent as idempotent, with their path. */
	static Stream<Arguments> idempotentRequests() {
		return Stream.of(
				Arguments.of("/v1/log", (Supplier<LogSnagRequest>) () -> LogEvent.builder("User Joined").channel("users").build()),
				Arguments.of("/v1/identify", (Supplier<LogSnagRequest>) () -> new Identify("user-123", Map.of("plan", "pro"))),
				Arguments.of("/v1/insight", (Supplier<LogSnagRequest>) () -> new Insight("User Count", 42, null)),
				Arguments.of("/v1/group", (Supplier<LogSnagRequest>) () -> new Group("org-1", "user-123", Map.of())));
	}

	@Nested
	class WireFormat {

		@Test
		void logSendsEveryFieldOfTheReferenceExample() {
			wm.stubFor(post("/v1/log").willReturn(ok()));
			LogEvent event = LogEvent.builder("New Subscription")
				.channel("payments")
				.description("**Pro** plan")
				.icon("💰")
				.notify(true)
				.tag("plan", "premium")
				.tag("billing-cycle", "monthly")
				.tag("trial", false)
				.parser(LogEvent.Parser.MARKDOWN)
				.userId("user-123")
				.timestamp(Instant.ofEpochMilli(1717000000789L))
				.build();
			client().log(event).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/log")), """
					{"project":"my-saas","channel":"payments","event":"New Subscription","description":"**Pro** plan",
					 "icon":"💰","notify":true,"tags":{"plan":"premium","billing-cycle":"monthly","trial":false},
					 "parser":"markdown","user_id":"user-123","timestamp":1717000000}
					""");
			assertThat(requests().get(0).getBodyAsString()).contains("\"icon\":\"💰\"").contains("\"timestamp\":1717000000}")
				.doesNotContain("1717000000789");
		}

		@Test
		void logOmitsNullFieldsAndEmptyTags() {
			wm.stubFor(post("/v1/log").willReturn(ok()));
			client().log(LogEvent.builder("User Joined").channel("users").build()).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/log")), """
					{"project":"my-saas","channel":"users","event":"User Joined"}
					""");
		}

		@Test
		void logSendsTextParserAndNotifyFalseAndNumberTags() {
			wm.stubFor(post("/v1/log").willReturn(ok()));
			LogEvent event = LogEvent.builder("Invoice Paid")
				.channel("billing")
				.notify(false)
				.parser(LogEvent.Parser.TEXT)
				.tag("amount", 49.5)
				.tag("seats", 3)
				.build();
			client().log(event).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/log")), """
					{"project":"my-saas","channel":"billing","event":"Invoice Paid","notify":false,"parser":"text",
					 "tags":{"amount":49.5,"seats":3}}
					""");
		}

		@Test
		void logUsesDefaultChannel() {
			wm.stubFor(post("/v1/log").willReturn(ok()));
			client(new LogSnagRequests("general", false)).log(LogEvent.builder("User Joined").build()).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/log")), """
					{"project":"my-saas","channel":"general","event":"User Joined"}
					""");
		}

		@Test
		void identifySendsUserIdAndProperties() {
			wm.stubFor(post("/v1/identify").willReturn(ok()));
			client().identify(new Identify("123", Map.of("plan", "free", "email", "john@foo.com"))).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/identify")), """
					{"project":"my-saas","user_id":"123","properties":{"plan":"free","email":"john@foo.com"}}
					""");
		}

		@Test
		void insightSetsValueWithPost() {
			wm.stubFor(post("/v1/insight").willReturn(ok()));
			client().insight(new Insight("User Count", 42, "👨")).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/insight")), """
					{"project":"my-saas","title":"User Count","value":42,"icon":"👨"}
					""");
		}

		@Test
		void insightSetsStringValueWithoutIcon() {
			wm.stubFor(post("/v1/insight").willReturn(ok()));
			client().insight(new Insight("Status", "healthy", null)).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/insight")), """
					{"project":"my-saas","title":"Status","value":"healthy"}
					""");
		}

		@Test
		void incrementPatchesWithInc() {
			wm.stubFor(patch(urlEqualTo("/v1/insight")).willReturn(ok()));
			client().increment(new InsightIncrement("User Count", 1, "👨")).block();
			verifySent(patchRequestedFor(urlEqualTo("/v1/insight")), """
					{"project":"my-saas","title":"User Count","value":{"$inc":1},"icon":"👨"}
					""");
		}

		@Test
		void incrementSendsNegativeAmounts() {
			wm.stubFor(patch(urlEqualTo("/v1/insight")).willReturn(ok()));
			client().increment(new InsightIncrement("Open Tickets", -3, null)).block();
			verifySent(patchRequestedFor(urlEqualTo("/v1/insight")), """
					{"project":"my-saas","title":"Open Tickets","value":{"$inc":-3}}
					""");
		}

		@Test
		void incrementSendsDecimalAmounts() {
			wm.stubFor(patch(urlEqualTo("/v1/insight")).willReturn(ok()));
			client().increment(new InsightIncrement("Balance", -2.5, null)).block();
			verifySent(patchRequestedFor(urlEqualTo("/v1/insight")), """
					{"project":"my-saas","title":"Balance","value":{"$inc":-2.5}}
					""");
		}

		@Test
		void groupSendsUserAndProperties() {
			wm.stubFor(post("/v1/group").willReturn(ok()));
			client().group(new Group("org-1", "user-123", Map.of("name", "Acme", "seats", 12))).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/group")), """
					{"project":"my-saas","group_id":"org-1","user_id":"user-123","properties":{"name":"Acme","seats":12}}
					""");
		}

		@Test
		void groupWithoutUserOmitsUserId() {
			wm.stubFor(post("/v1/group").willReturn(ok()));
			client().group(new Group("org-1", null, Map.of("name", "Acme"))).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/group")), """
					{"project":"my-saas","group_id":"org-1","properties":{"name":"Acme"}}
					""");
		}

		@Test
		void groupWithoutPropertiesOmitsProperties() {
			wm.stubFor(post("/v1/group").willReturn(ok()));
			client().group(new Group("org-1", "user-123", Map.of())).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/group")), """
					{"project":"my-saas","group_id":"org-1","user_id":"user-123"}
					""");
		}

		@Test
		void normalizedKeysAreSent() {
			wm.stubFor(post("/v1/log").willReturn(ok()));
			LogEvent event = LogEvent.builder("Upgraded").channel("billing").tag("Plan Type", "pro").tag("planId", "p1").build();
			client(new LogSnagRequests(null, true)).log(event).block();
			verifySent(postRequestedFor(urlEqualTo("/v1/log")), """
					{"project":"my-saas","channel":"billing","event":"Upgraded","tags":{"plan-type":"pro","plan-id":"p1"}}
					""");
		}

		@Test
		void anySuccessStatusCompletesWithoutReadingTheBody() {
			wm.stubFor(post("/v1/log").willReturn(aResponse().withStatus(202).withBody("<html>accepted</html>")));
			client().log(LogEvent.builder("User Joined").channel("users").build()).block();
			assertThat(requests()).hasSize(1);
		}

	}

	@Nested
	class Checks {

		@Test
		void emptyEvent() {
			assertRejectedBeforeAnyCall(LogEvent.builder("").channel("users").build(), "event name must not be empty");
		}

		@Test
		void noChannelAndNoDefaultChannel() {
			assertRejectedBeforeAnyCall(LogEvent.builder("User Joined").build(), "'User Joined' has no channel");
		}

		@Test
		void invalidChannel() {
			assertRejectedBeforeAnyCall(LogEvent.builder("User Joined").channel("User_Signups").build(),
					"channel of event 'User Joined' 'User_Signups' is invalid");
		}

		@Test
		void tagKeyWithDigit() {
			assertRejectedBeforeAnyCall(LogEvent.builder("User Joined").channel("users").tag("tag-1", "x").build(),
					"key 'tag-1' is invalid");
		}

		@Test
		void uppercaseTagKey() {
			assertRejectedBeforeAnyCall(LogEvent.builder("User Joined").channel("users").tag("Plan", "pro").build(),
					"key 'Plan' is invalid");
		}

		@Test
		void underscoreTagKey() {
			assertRejectedBeforeAnyCall(LogEvent.builder("User Joined").channel("users").tag("plan_type", "pro").build(),
					"key 'plan_type' is invalid");
		}

		@Test
		void listTagValue() {
			assertRejectedBeforeAnyCall(
					LogEvent.builder("User Joined").channel("users").tag("roles", List.of("admin")).build(),
					"'roles' must be a string, a number or a boolean");
		}

		@Test
		void identifyWithoutProperties() {
			assertRejectedBeforeAnyCall(new Identify("user-123", Map.of()), "identify: properties must not be empty");
		}

		@Test
		void groupWithNeitherUserNorProperties() {
			assertRejectedBeforeAnyCall(new Group("org-1", null, Map.of()), "group 'org-1': set a userId, properties");
		}

		@Test
		void checksHappenOnSubscriptionNotInSend() {
			Mono<Void> result = client().log(LogEvent.builder("").channel("users").build());
			assertThatIllegalArgumentException().isThrownBy(result::block);
		}

		@Test
		void invalidProjectIsRejected() {
			SaasHttpClient http = SaasHttpClientFactory.standalone().client("logsnag").baseUrl(URI.create(wm.baseUrl())).build();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> new LogSnagHttpClient(http, "My_SaaS", new LogSnagRequests(null, false)))
				.withMessageContaining("saas.events.logsnag.project 'My_SaaS' is invalid");
		}

		private void assertRejectedBeforeAnyCall(LogSnagRequest request, String message) {
			wm.stubFor(any(anyUrl()).willReturn(ok()));
			Mono<Void> result = client().send(request);
			assertThatIllegalArgumentException().isThrownBy(result::block).withMessageContaining(message);
			assertThat(requests()).isEmpty();
		}

	}

	@Nested
	class Errors {

		@Test
		void validationErrorMessagesAreJoined() {
			wm.stubFor(post("/v1/log").willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody(VALIDATION_ERROR)));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().log(LogEvent.builder("User Joined").channel("users").build()).block())
				.satisfies((ex) -> {
					assertThat(ex.getMessage()).contains(
							"Event name may not be an empty string, Tag keys must be lowercase characters, or dashes");
					assertThat(ex.getErrorCode()).isEqualTo("validation_error");
					assertThat(ex.getStatus()).isEqualTo(400);
					assertThat(ex.getProvider()).isEqualTo("logsnag");
					assertThat(ex.getOperation()).isEqualTo("log");
					assertThat(ex.isRetryable()).isFalse();
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void tokenNeverAppearsInExceptionMessages() {
			wm.stubFor(post("/v1/identify").willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"message\":\"Invalid token " + TOKEN + "\"}")));
			assertThatExceptionOfType(SaasAuthenticationException.class)
				.isThrownBy(() -> client().identify(new Identify("user-123", Map.of("plan", "pro"))).block())
				.satisfies((ex) -> {
					assertThat(ex.getMessage()).contains("Invalid token").doesNotContain(TOKEN);
					assertThat(ex.getProviderMessage()).doesNotContain(TOKEN);
				});
		}

		@Test
		void tokenNeverAppearsInToString() {
			assertThat(client()).hasToString("LogSnagHttpClient[project=my-saas]");
			assertThat(LogSnagHttpClient.httpClient(SaasHttpClientFactory.standalone(),
					new SaasClientProperties(URI.create(wm.baseUrl())) {
					}, TOKEN)
				.toString()).doesNotContain(TOKEN);
		}

	}

	@Nested
	class Retries {

		@ParameterizedTest
		@MethodSource("io.saasstack.events.logsnag.LogSnagHttpClientTests#idempotentRequests")
		void idempotentRequestIsRetriedAfterServerError(String path, Supplier<LogSnagRequest> request) {
			stubFailureThenOk(post(urlEqualTo(path)), aResponse().withStatus(503), post(urlEqualTo(path)));
			client().send(request.get()).block();
			wm.verify(exactly(2), postRequestedFor(urlEqualTo(path)));
		}

		@Test
		void logIsRetriedAfterServiceUnavailable() {
			stubFailureThenOk(post("/v1/log"), aResponse().withStatus(503), post("/v1/log"));
			client().log(LogEvent.builder("User Joined").channel("users").build()).block();
			List<LoggedRequest> sent = requests();
			assertThat(sent).hasSize(2);
			assertThat(sent.get(0).getBodyAsString()).isEqualTo(sent.get(1).getBodyAsString());
		}

		@Test
		void incrementIsNotRetriedAfterServerError() {
			wm.stubFor(patch(urlEqualTo("/v1/insight")).willReturn(aResponse().withStatus(503)));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().increment(new InsightIncrement("User Count", 1, null)).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(503);
					assertThat(ex.getOperation()).isEqualTo("insight.increment");
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void incrementIsRetriedAfterRateLimit() {
			stubFailureThenOk(patch(urlEqualTo("/v1/insight")), aResponse().withStatus(429).withHeader("Retry-After", "0"),
					patch(urlEqualTo("/v1/insight")));
			client().increment(new InsightIncrement("User Count", 1, null)).block();
			wm.verify(exactly(2), patchRequestedFor(urlEqualTo("/v1/insight")));
		}

		@Test
		void incrementRateLimitedEveryTimeFailsAfterMaxAttempts() {
			wm.stubFor(patch(urlEqualTo("/v1/insight")).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));
			assertThatExceptionOfType(SaasRateLimitException.class)
				.isThrownBy(() -> client().increment(new InsightIncrement("User Count", 1, null)).block());
			assertThat(requests()).hasSize(3);
		}

		private void stubFailureThenOk(MappingBuilder first,
				ResponseDefinitionBuilder failure, MappingBuilder second) {
			wm.stubFor(first.inScenario("retry")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(failure)
				.willSetStateTo("failed once"));
			wm.stubFor(second.inScenario("retry").whenScenarioStateIs("failed once").willReturn(ok()));
		}

	}

}
