package io.saasstack.mail.resend;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.core.RequestPacer;
import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasMalformedResponseException;
import io.saasstack.core.SaasRateLimitException;
import io.saasstack.mail.Attachment;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.BatchOptions.Validation;
import io.saasstack.mail.BatchResult;
import io.saasstack.mail.BatchResult.BatchError;
import io.saasstack.mail.Email;
import io.saasstack.mail.EmailPage;
import io.saasstack.mail.EmailTag;
import io.saasstack.mail.SendResult;
import io.saasstack.mail.SentEmail;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ResendMailClient} against a WireMock server: the exact wire format of every
 * endpoint (reference {@code mail-resend.md} §2-6), the checks made before any request, which
 * failures are retried and with which idempotency key, and batch chunking.
 */
class ResendMailClientTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final String API_KEY = "re_test_0123456789abcdef";

	static final String ID = "49a3999c-0ce1-4ea6-ab68-afcd6dc2e794";

	static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

	static ResendMailClient client() {
		return client(MailDefaults.NONE);
	}

	static ResendMailClient client(MailDefaults defaults) {
		return new ResendMailClient(http(RequestPacer.NONE), defaults);
	}

	static SaasHttpClient http(RequestPacer pacer) {
		SaasClientProperties properties = new SaasClientProperties(URI.create(wm.baseUrl())) {
		};
		properties.setConnectTimeout(Duration.ofSeconds(2));
		properties.setResponseTimeout(Duration.ofSeconds(5));
		// RetryPolicy(3, 10ms, 50ms, 5s, 0.5): fast, still with backoff
		properties.getRetry().setMaxAttempts(3);
		properties.getRetry().setInitialBackoff(Duration.ofMillis(10));
		properties.getRetry().setMaxBackoff(Duration.ofMillis(50));
		properties.getRetry().setMaxElapsedTime(Duration.ofSeconds(5));
		return ResendMailClient.httpClient(SaasHttpClientFactory.standalone(), properties, API_KEY, pacer);
	}

	static Email.Builder email() {
		return withoutRecipient().to("a@example.com");
	}

	static Email.Builder withoutRecipient() {
		return Email.builder().from("Acme <hello@acme.com>").subject("Hi").html("<p>Hi</p>");
	}

	static List<LoggedRequest> requests() {
		return wm.findAll(anyRequestedFor(anyUrl()));
	}

	/** The headers of every Resend call. */
	static RequestPatternBuilder withHeaders(RequestPatternBuilder pattern) {
		return pattern.withHeader("Authorization", equalTo("Bearer " + API_KEY))
			.withHeader("User-Agent", matching("saas-stack/.+"))
			.withHeader("Accept", equalTo("application/json"));
	}

	/** Asserts exactly one call, with the common headers, JSON content and exactly this body. */
	static void verifySent(RequestPatternBuilder pattern, String json) {
		wm.verify(exactly(1), withHeaders(pattern).withHeader("Content-Type", equalTo("application/json"))
			.withRequestBody(equalToJson(json, false, false)));
		assertThat(requests()).hasSize(1);
	}

	static ResponseDefinitionBuilder error(int status, String name, String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"statusCode\":" + status + ",\"name\":\"" + name + "\",\"message\":\"" + message + "\"}");
	}

	static String ids(String prefix, int count) {
		return IntStream.range(0, count)
			.mapToObj((i) -> "{\"id\":\"" + prefix + "-" + i + "\"}")
			.reduce((a, b) -> a + "," + b)
			.map((list) -> "{\"data\":[" + list + "]}")
			.orElse("{\"data\":[]}");
	}

	@Nested
	class Send {

		@Test
		void sendsTheReferenceExampleWithAGeneratedKey() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}")));
			Email email = Email.builder()
				.from("Acme <billing@acme.com>")
				.to("a@example.com")
				.subject("Your invoice")
				.html("<p>Hi</p><img src=\"cid:logo\">")
				.replyTo("support@acme.com")
				.header("X-Entity-Ref-ID", "inv-42")
				.attach(Attachment.of("invoice.pdf", "%PDF-1.4".getBytes(StandardCharsets.US_ASCII)))
				.attach(Attachment.fromUrl("https://cdn.acme.com/logo.png", "logo.png").inline("logo"))
				.tag("category", "invoice")
				.build();
			SendResult result = client().send(email).block();
			verifySent(postRequestedFor(urlEqualTo("/emails"))
				.withHeader("Idempotency-Key", matching("email/" + UUID_PATTERN)), """
					{"from":"Acme <billing@acme.com>","to":["a@example.com"],"subject":"Your invoice",
					 "html":"<p>Hi</p><img src=\\"cid:logo\\">","reply_to":["support@acme.com"],
					 "headers":{"X-Entity-Ref-ID":"inv-42"},
					 "attachments":[{"filename":"invoice.pdf","content":"JVBERi0xLjQ="},
					                {"path":"https://cdn.acme.com/logo.png","filename":"logo.png","content_id":"logo"}],
					 "tags":[{"name":"category","value":"invoice"}]}
					""");
			assertThat(result).isNotNull();
			assertThat(result.id()).isEqualTo(ID);
			assertThat(result.idempotencyKey()).isEqualTo(requests().get(0).getHeader("Idempotency-Key"));
		}

		@Test
		void sendsTheCallersKeyAndEveryOtherField() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}")));
			Email email = Email.builder()
				.from("hello@acme.com")
				.to("a@example.com", "b@example.com")
				.cc("c@example.com")
				.bcc("d@example.com")
				.replyTo("support@acme.com", "sales@acme.com")
				.subject("Report")
				.html("<p>Report</p>")
				.text("")
				.attach(Attachment.of("report.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))
					.withContentType("text/csv"))
				.scheduledAt(OffsetDateTime.of(2026, 8, 5, 13, 52, 1, 0, ZoneOffset.ofHours(2)))
				.topicId("b6d24b8e-af0b-4c3c-be0c-359bbd97381e")
				.build();
			SendResult result = client().send(email, "report/2026-08").block();
			verifySent(postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key", equalTo("report/2026-08")),
					"""
					{"from":"hello@acme.com","to":["a@example.com","b@example.com"],"cc":["c@example.com"],
					 "bcc":["d@example.com"],"reply_to":["support@acme.com","sales@acme.com"],"subject":"Report",
					 "html":"<p>Report</p>","text":"",
					 "attachments":[{"filename":"report.csv","content":"YSxiCjEsMgo=","content_type":"text/csv"}],
					 "scheduled_at":"2026-08-05T13:52:01+02:00","topic_id":"b6d24b8e-af0b-4c3c-be0c-359bbd97381e"}
					""");
			assertThat(result).isNotNull();
			assertThat(result.idempotencyKey()).isEqualTo("report/2026-08");
		}

		@Test
		void sendsATemplateWithItsVariablesAndAnInstantSchedule() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}")));
			Map<String, Object> variables = new LinkedHashMap<>();
			variables.put("name", "Ada");
			variables.put("total", 42);
			variables.put("discount", 2.5);
			Email email = Email.builder()
				.to("a@example.com")
				.template("order-confirmation", variables)
				.scheduledAt(Instant.parse("2026-08-05T11:52:01.858Z"))
				.build();
			client().send(email, "order/1").block();
			verifySent(postRequestedFor(urlEqualTo("/emails")), """
					{"to":["a@example.com"],
					 "template":{"id":"order-confirmation","variables":{"name":"Ada","total":42,"discount":2.5}},
					 "scheduled_at":"2026-08-05T11:52:01.858Z"}
					""");
		}

		@Test
		void sendsATemplateWithoutVariablesAsItsIdOnly() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}")));
			client().send(Email.builder().to("a@example.com").template("welcome", Map.of()).build(), "k").block();
			verifySent(postRequestedFor(urlEqualTo("/emails")), """
					{"to":["a@example.com"],"template":{"id":"welcome"}}
					""");
		}

		@Test
		void appliesTheDefaultsToEmailsWithoutSenderOrReplyTo() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}")));
			MailDefaults defaults = new MailDefaults("Acme <hello@acme.com>", List.of("support@acme.com"));
			client(defaults).send(Email.builder().to("a@example.com").subject("Hi").text("Hi").build(), "k").block();
			verifySent(postRequestedFor(urlEqualTo("/emails")), """
					{"from":"Acme <hello@acme.com>","to":["a@example.com"],"reply_to":["support@acme.com"],
					 "subject":"Hi","text":"Hi"}
					""");
		}

		@Test
		void keepsTheEmailsOwnSenderAndReplyTo() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}")));
			MailDefaults defaults = new MailDefaults("Acme <hello@acme.com>", List.of("support@acme.com"));
			client(defaults).send(email().from("billing@acme.com").replyTo("billing@acme.com").build(), "k").block();
			verifySent(postRequestedFor(urlEqualTo("/emails")), """
					{"from":"billing@acme.com","to":["a@example.com"],"reply_to":["billing@acme.com"],
					 "subject":"Hi","html":"<p>Hi</p>"}
					""");
		}

		@Test
		void exposesTheRateLimitHeaders() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}").withHeader("ratelimit-limit", "5")
				.withHeader("ratelimit-remaining", "3")
				.withHeader("ratelimit-reset", "1")));
			SendResult result = client().send(email().build()).block();
			assertThat(result).isNotNull();
			assertThat(result.rateLimit().limit()).isEqualTo(5);
			assertThat(result.rateLimit().remaining()).isEqualTo(3);
			assertThat(result.rateLimit().reset()).isEqualTo(Duration.ofSeconds(1));
		}

		@Test
		void aResponseWithoutIdIsMalformed() {
			wm.stubFor(post("/emails").willReturn(okJson("{}")));
			assertThatExceptionOfType(SaasMalformedResponseException.class)
				.isThrownBy(() -> client().send(email().build()).block())
				.withMessageContaining("resend emails.send")
				.withMessageContaining("no email id");
		}

	}

	@Nested
	class Batch {

		@Test
		void sendsOneRequestWithTheKeyAndStrictValidation() {
			wm.stubFor(post("/emails/batch").willReturn(okJson(ids("e", 2)).withHeader("ratelimit-remaining", "4")));
			BatchResult result = client()
				.sendBatch(List.of(email().tag("kind", "welcome").build(),
						Email.builder().from("b@acme.com").to("b@example.com", "c@example.com").subject("Yo").text("Yo")
							.build()),
						new BatchOptions("welcome/2026-08-05", Validation.STRICT))
				.block();
			verifySent(postRequestedFor(urlEqualTo("/emails/batch"))
				.withHeader("Idempotency-Key", equalTo("welcome/2026-08-05"))
				.withHeader("x-batch-validation", equalTo("strict")), """
					[{"from":"Acme <hello@acme.com>","to":["a@example.com"],"subject":"Hi","html":"<p>Hi</p>",
					  "tags":[{"name":"kind","value":"welcome"}]},
					 {"from":"b@acme.com","to":["b@example.com","c@example.com"],"subject":"Yo","text":"Yo"}]
					""");
			assertThat(result).isNotNull();
			assertThat(result.ids()).containsExactly("e-0", "e-1");
			assertThat(result.errors()).isEmpty();
			assertThat(result.idempotencyKeys()).containsExactly("welcome/2026-08-05");
			assertThat(result.rateLimit().remaining()).isEqualTo(4);
		}

		@Test
		void generatesAKeyAndAppliesTheDefaults() {
			wm.stubFor(post("/emails/batch").willReturn(okJson(ids("e", 1))));
			MailDefaults defaults = new MailDefaults("Acme <hello@acme.com>", List.of("support@acme.com"));
			BatchResult result = client(defaults)
				.sendBatch(List.of(Email.builder().to("a@example.com").subject("Hi").text("Hi").build()))
				.block();
			verifySent(postRequestedFor(urlEqualTo("/emails/batch"))
				.withHeader("Idempotency-Key", matching("batch/" + UUID_PATTERN))
				.withHeader("x-batch-validation", equalTo("strict")), """
					[{"from":"Acme <hello@acme.com>","to":["a@example.com"],"reply_to":["support@acme.com"],
					  "subject":"Hi","text":"Hi"}]
					""");
			assertThat(result).isNotNull();
			assertThat(result.idempotencyKeys()).containsExactly(requests().get(0).getHeader("Idempotency-Key"));
		}

		@Test
		void splitsLongListsIntoChunksOfAHundredSentInOrderWithDerivedKeys() {
			// each chunk is only answered after the previous one, so the order is enforced
			for (int chunk = 1; chunk <= 3; chunk++) {
				wm.stubFor(post("/emails/batch").withHeader("Idempotency-Key", equalTo("k/chunk-" + chunk))
					.inScenario("chunks")
					.whenScenarioStateIs((chunk == 1) ? Scenario.STARTED : "chunk-" + chunk)
					.willReturn(okJson(ids("c" + chunk, (chunk < 3) ? 100 : 50)).withHeader("ratelimit-remaining",
							String.valueOf(5 - chunk)))
					.willSetStateTo("chunk-" + (chunk + 1)));
			}
			List<Email> emails = IntStream.range(0, 250)
				.mapToObj((i) -> withoutRecipient().to("user" + i + "@example.com").build())
				.toList();
			BatchResult result = client().sendBatch(emails, new BatchOptions("k", Validation.STRICT)).block();
			assertThat(requests()).hasSize(3);
			for (int chunk = 1; chunk <= 3; chunk++) {
				String expected = IntStream.range((chunk - 1) * 100, Math.min(chunk * 100, 250))
					.mapToObj((i) -> "{\"from\":\"Acme <hello@acme.com>\",\"to\":[\"user" + i
							+ "@example.com\"],\"subject\":\"Hi\",\"html\":\"<p>Hi</p>\"}")
					.collect(Collectors.joining(",", "[", "]"));
				wm.verify(exactly(1), withHeaders(postRequestedFor(urlEqualTo("/emails/batch")))
					.withHeader("Content-Type", equalTo("application/json"))
					.withHeader("Idempotency-Key", equalTo("k/chunk-" + chunk))
					.withHeader("x-batch-validation", equalTo("strict"))
					.withRequestBody(equalToJson(expected, false, false)));
			}
			assertThat(result).isNotNull();
			List<String> expectedIds = new ArrayList<>();
			IntStream.range(0, 100).forEach((i) -> expectedIds.add("c1-" + i));
			IntStream.range(0, 100).forEach((i) -> expectedIds.add("c2-" + i));
			IntStream.range(0, 50).forEach((i) -> expectedIds.add("c3-" + i));
			assertThat(result.ids()).containsExactlyElementsOf(expectedIds);
			assertThat(result.idempotencyKeys()).containsExactly("k/chunk-1", "k/chunk-2", "k/chunk-3");
			assertThat(result.rateLimit().remaining()).isEqualTo(2);
		}

		@Test
		void derivesTheChunkKeysFromAGeneratedKey() {
			wm.stubFor(post("/emails/batch").willReturn(okJson(ids("e", 100))));
			List<Email> emails = IntStream.range(0, 101).mapToObj((i) -> email().build()).toList();
			BatchResult result = client().sendBatch(emails).block();
			assertThat(result).isNotNull();
			assertThat(result.idempotencyKeys()).hasSize(2)
				.allMatch((key) -> key.matches("batch/" + UUID_PATTERN + "/chunk-[12]"));
			assertThat(result.idempotencyKeys().get(0)).endsWith("/chunk-1");
			assertThat(result.idempotencyKeys().get(0).replace("/chunk-1", ""))
				.isEqualTo(result.idempotencyKeys().get(1).replace("/chunk-2", ""));
			assertThat(requests()).extracting((request) -> request.getHeader("Idempotency-Key"))
				.containsExactlyInAnyOrderElementsOf(result.idempotencyKeys());
		}

		@Test
		void mapsPermissiveErrorsBackToTheIndexInTheListGiven() {
			wm.stubFor(post("/emails/batch").withHeader("Idempotency-Key", equalTo("p/chunk-1"))
				.willReturn(okJson(ids("c1", 99).replace("]}",
						"],\"errors\":[{\"index\":5,\"message\":\"The `to` field is missing.\"}]}"))));
			wm.stubFor(post("/emails/batch").withHeader("Idempotency-Key", equalTo("p/chunk-2"))
				.willReturn(okJson(ids("c2", 49).replace("]}",
						"],\"errors\":[{\"index\":2,\"message\":\"Invalid `from` field.\"}]}"))));
			List<Email> emails = IntStream.range(0, 150).mapToObj((i) -> email().build()).toList();
			BatchResult result = client().sendBatch(emails, new BatchOptions("p", Validation.PERMISSIVE)).block();
			assertThat(requests()).hasSize(2)
				.allSatisfy((request) -> assertThat(request.getHeader("x-batch-validation")).isEqualTo("permissive"));
			assertThat(result).isNotNull();
			assertThat(result.ids()).hasSize(148).startsWith("c1-0").endsWith("c2-48");
			assertThat(result.errors()).containsExactly(new BatchError(5, "The `to` field is missing."),
					new BatchError(102, "Invalid `from` field."));
		}

		@Test
		void aFailedChunkStopsTheBatchAfterTheChunksSent() {
			wm.stubFor(post("/emails/batch").withHeader("Idempotency-Key", equalTo("f/chunk-1"))
				.willReturn(okJson(ids("c1", 100))));
			wm.stubFor(post("/emails/batch").withHeader("Idempotency-Key", equalTo("f/chunk-2"))
				.willReturn(error(422, "validation_error", "Invalid `to` field.")));
			List<Email> emails = IntStream.range(0, 250).mapToObj((i) -> email().build()).toList();
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().sendBatch(emails, new BatchOptions("f", Validation.STRICT)).block())
				.satisfies((ex) -> assertThat(ex.getStatus()).isEqualTo(422));
			assertThat(requests()).extracting((request) -> request.getHeader("Idempotency-Key"))
				.containsExactlyInAnyOrder("f/chunk-1", "f/chunk-2");
		}

	}

	@Nested
	class Emails {

		@Test
		void getReadsTheEmailKeepingTimestampsAsSent() {
			wm.stubFor(get("/emails/" + ID).willReturn(okJson("""
					{"object":"email","id":"%s","message_id":"<202301010000.4ef9a417@email.example.com>",
					 "to":["delivered@resend.dev"],"from":"Acme <onboarding@resend.dev>",
					 "created_at":"2023-04-03 22:13:42.674981+00","subject":"Hello World",
					 "html":"Congrats on sending your <strong>first email</strong>!","text":null,
					 "bcc":null,"cc":["cc@example.com"],"reply_to":null,"last_event":"delivered",
					 "scheduled_at":null,"tags":[{"name":"category","value":"welcome"}],"topic_id":"t1"}
					""".formatted(ID))));
			SentEmail email = client().get(ID).block();
			wm.verify(exactly(1), withHeaders(getRequestedFor(urlEqualTo("/emails/" + ID))));
			assertThat(email).isEqualTo(new SentEmail(ID, "Acme <onboarding@resend.dev>", List.of("delivered@resend.dev"),
					List.of("cc@example.com"), List.of(), List.of(), "Hello World",
					"Congrats on sending your <strong>first email</strong>!", null, "2023-04-03 22:13:42.674981+00",
					null, "delivered", List.of(new EmailTag("category", "welcome"))));
		}

		@Test
		void getEncodesTheId() {
			wm.stubFor(get(urlPathEqualTo("/emails/a%2Fb")).willReturn(okJson("{\"id\":\"a/b\"}")));
			SentEmail email = client().get("a/b").block();
			assertThat(email).isNotNull();
			assertThat(email.id()).isEqualTo("a/b");
			assertThat(requests()).singleElement().satisfies((request) -> assertThat(request.getUrl()).isEqualTo("/emails/a%2Fb"));
		}

		@Test
		void listSendsTheCursorAndLimit() {
			wm.stubFor(get(urlPathEqualTo("/emails")).willReturn(okJson("""
					{"object":"list","has_more":true,"data":[
					 {"id":"e2","to":["a@example.com"],"from":"hello@acme.com","created_at":"2026-08-05 11:52:01.858+00",
					  "subject":"Two","last_event":"sent"},
					 {"id":"e1","to":["b@example.com"],"from":"hello@acme.com","created_at":"2026-08-05 11:50:00+00",
					  "subject":"One","last_event":"delivered"}]}
					""")));
			EmailPage page = client().list(2, "e3", null).block();
			wm.verify(exactly(1), withHeaders(getRequestedFor(urlEqualTo("/emails?limit=2&after=e3")))
				.withQueryParam("before", absent()));
			assertThat(page).isNotNull();
			assertThat(page.hasMore()).isTrue();
			assertThat(page.emails()).extracting(SentEmail::id).containsExactly("e2", "e1");
			assertThat(page.emails().get(0).createdAt()).isEqualTo("2026-08-05 11:52:01.858+00");
		}

		@Test
		void listSendsBefore() {
			wm.stubFor(get(urlPathEqualTo("/emails")).willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"data\":[]}")));
			EmailPage page = client().list(100, null, "e1").block();
			wm.verify(exactly(1), withHeaders(getRequestedFor(urlEqualTo("/emails?limit=100&before=e1"))));
			assertThat(page).isEqualTo(new EmailPage(List.of(), false));
		}

		@Test
		void reschedulePatchesScheduledAt() {
			wm.stubFor(patch(urlEqualTo("/emails/" + ID)).willReturn(okJson("{\"object\":\"email\",\"id\":\"" + ID + "\"}")));
			client().reschedule(ID, Instant.parse("2026-08-06T09:00:00Z")).block();
			verifySent(patchRequestedFor(urlEqualTo("/emails/" + ID)).withHeader("Idempotency-Key", absent()), """
					{"scheduled_at":"2026-08-06T09:00:00Z"}
					""");
		}

		@Test
		void rescheduleAcceptsNaturalLanguageAndOffsets() {
			wm.stubFor(patch(urlEqualTo("/emails/" + ID)).willReturn(okJson("{\"object\":\"email\",\"id\":\"" + ID + "\"}")));
			client().reschedule(ID, "in 1 hour").block();
			client().reschedule(ID, OffsetDateTime.of(2026, 8, 6, 11, 0, 0, 0, ZoneOffset.ofHours(2))).block();
			wm.verify(exactly(1), withHeaders(patchRequestedFor(urlEqualTo("/emails/" + ID)))
				.withRequestBody(equalToJson("{\"scheduled_at\":\"in 1 hour\"}", false, false)));
			wm.verify(exactly(1), withHeaders(patchRequestedFor(urlEqualTo("/emails/" + ID)))
				.withRequestBody(equalToJson("{\"scheduled_at\":\"2026-08-06T11:00:00+02:00\"}", false, false)));
		}

		@Test
		void cancelPostsWithoutBody() {
			wm.stubFor(post("/emails/" + ID + "/cancel").willReturn(okJson("{\"object\":\"email\",\"id\":\"" + ID + "\"}")));
			client().cancel(ID).block();
			wm.verify(exactly(1), withHeaders(postRequestedFor(urlEqualTo("/emails/" + ID + "/cancel")))
				.withHeader("Idempotency-Key", absent())
				.withHeader("Content-Type", absent()));
			assertThat(requests()).singleElement().satisfies((request) -> assertThat(request.getBody()).isEmpty());
		}

	}

	@Nested
	class Checks {

		static Stream<Arguments> invalidEmails() {
			return Stream.of(
					Arguments.of(Email.builder().to("a@example.com").subject("Hi").text("Hi").build(),
							"'from' is missing: set it on the email or set saas.mail.default-from"),
					Arguments.of(email().subject(null).build(), "'subject' is missing"),
					Arguments.of(email().subject(" ").build(), "'subject' is missing"),
					Arguments.of(email().html(null).build(), "there is no content: set html, text or a template"),
					Arguments.of(email().html("").text("").build(), "there is no content"),
					Arguments.of(email().template("welcome", Map.of()).build(),
							"a template excludes html and text: remove them or the template"),
					Arguments.of(email().html(null).template("welcome", Map.of("flag", true)).build(),
							"template variable 'flag' is a Boolean, Resend accepts strings and numbers"),
					Arguments.of(email().html(null).template(" ", Map.of()).build(), "the template id is empty"),
					Arguments.of(withoutRecipient().build(), "'to' is empty"),
					Arguments.of(recipients(51), "'to' has 51 recipients, at most 50 are allowed"),
					Arguments.of(email().to(" ").build(), "'to[1]' is blank"),
					Arguments.of(email().cc("").build(), "'cc[0]' is blank"),
					Arguments.of(email().tag("my tag", "x").build(), "tag 0 has the name 'my tag', Resend accepts 1 to 256"),
					Arguments.of(email().tag("ok", "é").build(), "tag 0 ('ok') has the value 'é'"),
					Arguments.of(email().tag("ok", "v".repeat(257)).build(), "tag 0 ('ok') has the value"),
					Arguments.of(email().tag("", "v").build(), "tag 0 has the name ''"),
					Arguments.of(email().attach(new Attachment("a.txt", null, null, null, null)).build(),
							"attachment 0 ('a.txt') has neither content nor path"),
					Arguments.of(email().attach(new Attachment(null, new byte[] { 1 }, "https://x.test/a", null, null))
						.build(), "attachment 0 has both content and path: keep one"),
					Arguments.of(email().scheduledAt(" ").build(), "'scheduledAt' is blank"),
					Arguments.of(email().from(" ").build(), "'from' is missing"));
		}

		static Email recipients(int count) {
			return withoutRecipient().to(IntStream.range(0, count).mapToObj((i) -> "u" + i + "@example.com").toList())
				.build();
		}

		@ParameterizedTest
		@MethodSource("invalidEmails")
		void rejectsInvalidEmailsWithoutAnyRequest(Email email, String message) {
			assertThatIllegalArgumentException().isThrownBy(() -> client().send(email, "k").block())
				.withMessageStartingWith("Invalid email: ")
				.withMessageContaining(message);
			assertThat(requests()).isEmpty();
		}

		@ParameterizedTest
		@MethodSource("invalidEmails")
		void rejectsInvalidEmailsOfABatchWithoutAnyRequest(Email email, String message) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> client().sendBatch(List.of(email().build(), email().build(), email)).block())
				.withMessageContaining("email 3 of the batch (index 2): ")
				.withMessageContaining(message);
			assertThat(requests()).isEmpty();
		}

		@Test
		void acceptsFiftyRecipients() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}")));
			client().send(recipients(50), "k").block();
			assertThat(requests()).hasSize(1);
		}

		@Test
		void reportsEveryProblemOfAnEmail() {
			Email email = Email.builder().to(List.of()).tag("a b", "c").build();
			assertThatIllegalArgumentException().isThrownBy(() -> client().send(email, "k").block())
				.withMessage("Invalid email: 'from' is missing: set it on the email or set saas.mail.default-from; "
						+ "'subject' is missing; there is no content: set html, text or a template; "
						+ "'to' is empty: at least 1 recipient is needed; tag 0 has the name 'a b', "
						+ "Resend accepts 1 to 256 ASCII letters, digits, '_' or '-'");
			assertThat(requests()).isEmpty();
		}

		@Test
		void rejectsAttachmentsOverFortyMegabytesOnceEncoded() {
			// 31,457,281 bytes encode to 41,943,044 characters, 4 more than the limit
			Email email = email().attach(new Attachment("a.bin", new byte[20_000_000], null, null, null))
				.attach(new Attachment("b.bin", new byte[11_457_281], null, null, null))
				.attach(Attachment.fromUrl("https://x.test/huge.zip", "huge.zip"))
				.build();
			assertThatIllegalArgumentException().isThrownBy(() -> client().send(email, "k").block())
				.withMessageContaining("the attachments are 41943044 bytes once Base64-encoded, Resend accepts at most "
						+ "41943040 (40 MB) per email");
			assertThat(requests()).isEmpty();
		}

		@ParameterizedTest
		@ValueSource(ints = { 0, 257 })
		void rejectsIdempotencyKeysOfTheWrongLength(int length) {
			assertThatIllegalArgumentException().isThrownBy(() -> client().send(email().build(), "k".repeat(length)).block())
				.withMessageStartingWith("Invalid idempotency key: ")
				.withMessageContaining("1 to 256");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> client()
					.sendBatch(List.of(email().build()), new BatchOptions("k".repeat(length), Validation.STRICT))
					.block())
				.withMessageStartingWith("Invalid idempotency key: ");
			assertThat(requests()).isEmpty();
		}

		@Test
		void acceptsAKeyOf256Characters() {
			wm.stubFor(post("/emails").willReturn(okJson("{\"id\":\"" + ID + "\"}")));
			client().send(email().build(), "k".repeat(256)).block();
			assertThat(requests()).singleElement()
				.satisfies((request) -> assertThat(request.getHeader("Idempotency-Key")).hasSize(256));
		}

		@Test
		void rejectsABatchKeyTooLongForItsChunkKeys() {
			List<Email> emails = IntStream.range(0, 250).mapToObj((i) -> email().build()).toList();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> client().sendBatch(emails, new BatchOptions("k".repeat(250), Validation.STRICT)).block())
				.withMessage("Invalid idempotency key: the key of the last of the 3 requests of this batch "
						+ "('<key>/chunk-3') has 258 characters, Resend accepts 1 to 256");
			assertThat(requests()).isEmpty();
		}

		@Test
		void rejectsAnEmptyBatch() {
			assertThatIllegalArgumentException().isThrownBy(() -> client().sendBatch(List.of()).block())
				.withMessage("Invalid batch: it has no email, at least 1 is needed");
			assertThat(requests()).isEmpty();
		}

		@Test
		void rejectsAttachmentsInABatchSinceResendDropsThem() {
			List<Email> emails = List.of(email().build(),
					email().attach(Attachment.of("a.txt", new byte[] { 'a' })).build());
			assertThatIllegalArgumentException().isThrownBy(() -> client().sendBatch(emails).block())
				.withMessage("Invalid batch of 2 emails: email 2 of the batch (index 1): it has attachments, "
						+ "which Resend's batch endpoint silently drops: send it with send()");
			assertThat(requests()).isEmpty();
		}

		@Test
		void rejectsScheduledEmailsInABatch() {
			List<Email> emails = List.of(email().scheduledAt("in 1 hour").build());
			assertThatIllegalArgumentException().isThrownBy(() -> client().sendBatch(emails).block())
				.withMessageContaining("email 1 of the batch (index 0): it is scheduled");
			assertThat(requests()).isEmpty();
		}

		@Test
		void checksEveryEmailOfALongBatchBeforeAnyChunkIsSent() {
			List<Email> emails = new ArrayList<>(IntStream.range(0, 250).mapToObj((i) -> email().build()).toList());
			emails.set(237, email().subject(null).build());
			assertThatIllegalArgumentException().isThrownBy(() -> client().sendBatch(emails).block())
				.withMessage("Invalid batch of 250 emails: email 238 of the batch (index 237): 'subject' is missing");
			assertThat(requests()).isEmpty();
		}

		@Test
		void reportsAtMostTenInvalidEmailsOfABatch() {
			List<Email> emails = IntStream.range(0, 12).mapToObj((i) -> email().subject(null).build()).toList();
			assertThatIllegalArgumentException().isThrownBy(() -> client().sendBatch(emails).block())
				.withMessageContaining("email 10 of the batch (index 9)")
				.withMessageNotContaining("index 10)")
				.withMessageEndingWith("(and 2 more invalid emails)");
		}

		@ParameterizedTest
		@ValueSource(ints = { 0, 101 })
		void rejectsListLimitsOutsideOneToAHundred(int limit) {
			assertThatIllegalArgumentException().isThrownBy(() -> client().list(limit, null, null).block())
				.withMessage("Invalid limit " + limit + ": Resend lists 1 to 100 emails per page");
			assertThat(requests()).isEmpty();
		}

		@Test
		void rejectsBlankIdsAndSchedules() {
			assertThatIllegalArgumentException().isThrownBy(() -> client().get(" ").block())
				.withMessage("Invalid email id: it is blank");
			assertThatIllegalArgumentException().isThrownBy(() -> client().cancel("").block())
				.withMessage("Invalid email id: it is blank");
			assertThatIllegalArgumentException().isThrownBy(() -> client().reschedule(ID, " ").block())
				.withMessage("Invalid schedule: 'when' is blank");
			assertThat(requests()).isEmpty();
		}

		@Test
		void checksOnSubscriptionNotOnCall() {
			client().send(Email.builder().build(), "k");
			client().sendBatch(List.of());
			assertThat(requests()).isEmpty();
		}

	}

	@Nested
	class Retries {

		static final String RATE_LIMITED = "Too many requests. You can only make 5 requests per second.";

		void stubFirstThenOk(String path, ResponseDefinitionBuilder first, String okBody) {
			wm.stubFor(post(path).inScenario("retry")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(first)
				.willSetStateTo("answered"));
			wm.stubFor(post(path).inScenario("retry").whenScenarioStateIs("answered").willReturn(okJson(okBody)));
		}

		void assertSameKeyAndBody(int count) {
			List<LoggedRequest> requests = requests();
			assertThat(requests).hasSize(count);
			assertThat(requests).extracting((request) -> request.getHeader("Idempotency-Key")).doesNotContainNull()
				.containsOnly(requests.get(0).getHeader("Idempotency-Key"));
			assertThat(requests).extracting(LoggedRequest::getBodyAsString).containsOnly(requests.get(0).getBodyAsString());
		}

		@Test
		void retriesARateLimitWithTheSameKey() {
			stubFirstThenOk("/emails", error(429, "rate_limit_exceeded", RATE_LIMITED).withHeader("retry-after", "0")
				.withHeader("ratelimit-limit", "5")
				.withHeader("ratelimit-remaining", "0"), "{\"id\":\"" + ID + "\"}");
			SendResult result = client().send(email().build()).block();
			assertSameKeyAndBody(2);
			assertThat(result).isNotNull();
			assertThat(result.idempotencyKey()).isEqualTo(requests().get(0).getHeader("Idempotency-Key"));
		}

		@Test
		void retriesConcurrentIdempotentRequestsWithTheSameKey() {
			stubFirstThenOk("/emails", error(409, "concurrent_idempotent_requests",
					"Same idempotency key used while original request is still in progress."), "{\"id\":\"" + ID + "\"}");
			client().send(email().build(), "welcome/1").block();
			assertSameKeyAndBody(2);
			assertThat(requests().get(0).getHeader("Idempotency-Key")).isEqualTo("welcome/1");
		}

		@Test
		void retriesServerErrorsWithTheSameKey() {
			stubFirstThenOk("/emails", error(500, "internal_server_error", "Unexpected error."), "{\"id\":\"" + ID + "\"}");
			client().send(email().build()).block();
			assertSameKeyAndBody(2);
		}

		@Test
		void retriesAConnectionResetWithTheSameKey() {
			stubFirstThenOk("/emails", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "{\"id\":\"" + ID + "\"}");
			client().send(email().build()).block();
			assertSameKeyAndBody(2);
		}

		@Test
		void retriesABatchChunkWithItsKey() {
			stubFirstThenOk("/emails/batch", error(503, "service_unavailable", "Try again."), ids("e", 1));
			client().sendBatch(List.of(email().build()), new BatchOptions("b", Validation.STRICT)).block();
			assertSameKeyAndBody(2);
			assertThat(requests().get(0).getHeader("Idempotency-Key")).isEqualTo("b");
		}

		@ParameterizedTest
		@ValueSource(strings = { "daily_quota_exceeded", "monthly_quota_exceeded" })
		void doesNotRetryQuotas(String name) {
			wm.stubFor(post("/emails").willReturn(error(429, name, "You have reached your quota.")
				.withHeader("retry-after", "0")));
			assertThatExceptionOfType(SaasRateLimitException.class)
				.isThrownBy(() -> client().send(email().build()).block())
				.satisfies((ex) -> {
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getErrorCode()).isEqualTo(name);
					assertThat(ex.getStatus()).isEqualTo(429);
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void doesNotRetryValidationErrors() {
			wm.stubFor(post("/emails").willReturn(error(422, "validation_error", "Invalid `to` field.")));
			assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> client().send(email().build()).block())
				.satisfies((ex) -> {
					assertThat(ex.isRetryable()).isFalse();
					assertThat(ex.getStatus()).isEqualTo(422);
					assertThat(ex.getMessage()).isEqualTo(
							"resend emails.send failed with HTTP 422 [validation_error]: Invalid `to` field.");
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void aBodyThatIsNotResendShapedGivesASecretFreeSnippet() {
			// a proxy or gateway in front of Resend answering in its own JSON shape
			wm.stubFor(post("/emails").willReturn(aResponse().withStatus(422)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"errors\":[{\"field\":\"to\",\"detail\":\"must be an address\"}],"
						+ "\"api_key\":\"" + API_KEY + "\",\"session_token\":\"tok_abcdef\"}")));
			assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> client().send(email().build()).block())
				.satisfies((ex) -> {
					assertThat(ex.getStatus()).isEqualTo(422);
					assertThat(ex.getErrorCode()).isNull();
					assertThat(ex.getMessage()).isEqualTo("resend emails.send failed with HTTP 422: "
							+ "{\"errors\":[{\"field\":\"to\",\"detail\":\"must be an address\"}],"
							+ "\"api_key\":\"…\",\"session_token\":\"…\"}");
				});
			assertThat(requests()).hasSize(1);
		}

		@Test
		void doesNotRetryAKeyReusedWithAnotherPayload() {
			wm.stubFor(post("/emails").willReturn(error(409, "invalid_idempotent_request",
					"Same idempotency key used with a different request payload.")));
			assertThatExceptionOfType(SaasApiException.class)
				.isThrownBy(() -> client().send(email().build(), "k").block())
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_idempotent_request"));
			assertThat(requests()).hasSize(1);
		}

		@Test
		void retriesRescheduleAndCancelSinceTheyAreIdempotent() {
			wm.stubFor(patch(urlEqualTo("/emails/" + ID)).inScenario("patch")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(error(500, "internal_server_error", "Unexpected error."))
				.willSetStateTo("answered"));
			wm.stubFor(patch(urlEqualTo("/emails/" + ID)).inScenario("patch").whenScenarioStateIs("answered")
				.willReturn(okJson("{}")));
			client().reschedule(ID, "in 1 min").block();
			stubFirstThenOk("/emails/" + ID + "/cancel", error(500, "internal_server_error", "Unexpected error."),
					"{}");
			client().cancel(ID).block();
			assertThat(requests()).hasSize(4);
		}

		@Test
		void messagesNeverContainTheKey() {
			wm.stubFor(post("/emails").willReturn(error(401, "validation_error", "API key " + API_KEY + " is invalid")));
			assertThatExceptionOfType(SaasApiException.class).isThrownBy(() -> client().send(email().build()).block())
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(API_KEY).contains("******"));
			assertThat(client()).hasToString("ResendMailClient[SaasHttpClient[resend]]");
		}

	}

}
