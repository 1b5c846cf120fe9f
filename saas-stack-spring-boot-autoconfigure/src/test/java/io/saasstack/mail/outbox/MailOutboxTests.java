package io.saasstack.mail.outbox;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.saasstack.delivery.DeliveryTestDatabase;
import io.saasstack.mail.Attachment;
import io.saasstack.mail.BatchOptions;
import io.saasstack.mail.Email;
import io.saasstack.mail.MailOutbox;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import io.saasstack.core.SaasJson;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link MailOutbox} in both stores: what is refused before anything is stored, and the exact
 * Resend requests (WireMock) of what is enqueued: defaults, idempotency keys, batches,
 * attachments and templates.
 */
class MailOutboxTests {

	@RegisterExtension
	static WireMockExtension wireMock = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static DeliveryTestDatabase database;

	private String prefix;

	@BeforeAll
	static void database() {
		database = DeliveryTestDatabase.create("mail_outbox_tests");
	}

	@BeforeEach
	void stubs() {
		this.prefix = DeliveryTestDatabase.newPrefix();
		wireMock.stubFor(post("/emails").willReturn(okJson("{\"id\":\"4ef9a417-02e9-4d39-ad75-9611e0fcc33c\"}")));
		wireMock.stubFor(post("/emails/batch").willReturn(okJson(
				"{\"data\":[{\"id\":\"ae2014de-c168-4c61-8267-70d2662a1ce1\"},{\"id\":\"faccb7a5-8a28-4e9a-ac64-8da1cc3bc1cb\"}]}")));
	}

	private ApplicationContextRunner context(String store) {
		ApplicationContextRunner runner = "jdbc".equals(store) ? database.jdbcContext(wireMock.baseUrl(), this.prefix)
				: DeliveryTestDatabase.memoryContext(wireMock.baseUrl());
		return runner.withPropertyValues("saas.mail.default-reply-to=support@acme.test");
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "jdbc" })
	void invalidMailsKeysAndBatchesFailBeforeAnythingIsEnqueued(String store) {
		context(store).run((context) -> {
			MailOutbox outbox = context.getBean(MailOutbox.class);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> outbox.enqueue(Email.builder().to("not-an-address").subject("Hi").text("Hi").build()))
				.withMessageContaining("'to[0]' (not-an-address) is not an email address");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> outbox.enqueue(Email.builder().to("ada@example.com").text("no subject").build(),
						"welcome/ada"))
				.withMessageContaining("'subject' is missing");
			assertThatIllegalArgumentException().isThrownBy(() -> outbox.enqueue(welcome("ada@example.com"), ""))
				.withMessageContaining("Invalid idempotency key");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> outbox.enqueue(welcome("ada@example.com"), "k".repeat(257)))
				.withMessageContaining("has 257 characters");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> outbox.enqueueBatch(List.of(), BatchOptions.DEFAULT))
				.withMessageContaining("it has no email");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> outbox.enqueueBatch(List.of(welcome("ada@example.com"), welcome("grace")),
						new BatchOptions("batch/1", BatchOptions.Validation.PERMISSIVE)))
				.withMessageContaining("email 2 of the batch (index 1)");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> outbox.enqueueBatch(List.of(welcome("ada@example.com").toBuilder()
					.attach(Attachment.of("a.txt", new byte[] { 1 }))
					.build()), BatchOptions.DEFAULT))
				.withMessageContaining("it has attachments");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> outbox.enqueueBatch(List.of(welcome("ada@example.com")),
						new BatchOptions("b".repeat(300), BatchOptions.Validation.STRICT)))
				.withMessageContaining("Invalid idempotency key");
			if ("jdbc".equals(store)) {
				assertThat(rows(context.getBean(JdbcTemplate.class))).isZero();
			}
			// a valid mail enqueued after them is the only request Resend sees
			outbox.enqueue(welcome("control@example.com"), "control");
			await().atMost(WAIT).until(() -> wireMock.findAll(anyRequestedFor(anyUrl())).size() >= 1);
			Thread.sleep(500);
			List<LoggedRequest> requests = wireMock.findAll(anyRequestedFor(anyUrl()));
			assertThat(requests).hasSize(1);
			assertThat(requests.get(0).getHeader("Idempotency-Key")).isEqualTo("control");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "jdbc" })
	void aMailIsSentWithTheDefaultsAndItsIdempotencyKeyAsExactResendJson(String store) {
		context(store).run((context) -> {
			MailOutbox outbox = context.getBean(MailOutbox.class);
			Email email = Email.builder()
				.to("ada@example.com")
				.cc("cc@example.com")
				.bcc("bcc@example.com")
				.subject("Welcome")
				.html("<p>Hello <b>Ada</b></p>")
				.text("Hello Ada")
				.header("X-Entity-Ref-ID", "123")
				.tag("category", "welcome")
				.build();
			assertThat(outbox.enqueue(email, "welcome/ada")).isEqualTo("welcome/ada");
			String generated = outbox.enqueue(welcome("grace@example.com"));
			assertThat(generated).matches("email/[0-9a-f-]{36}");
			await().atMost(WAIT).until(() -> wireMock.findAll(postRequestedFor(urlEqualTo("/emails"))).size() == 2);
			wireMock.verify(1, postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key", equalTo("welcome/ada"))
				.withHeader("Authorization", equalTo("Bearer " + DeliveryTestDatabase.RESEND_KEY))
				.withHeader("Content-Type", equalTo("application/json"))
				.withRequestBody(equalToJson("""
						{"from":"Acme <hello@acme.test>","to":["ada@example.com"],"cc":["cc@example.com"],
						 "bcc":["bcc@example.com"],"reply_to":["support@acme.test"],"subject":"Welcome",
						 "html":"<p>Hello <b>Ada</b></p>","text":"Hello Ada","headers":{"X-Entity-Ref-ID":"123"},
						 "tags":[{"name":"category","value":"welcome"}]}
						""", false, false)));
			wireMock.verify(1, postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key", equalTo(generated))
				.withRequestBody(equalToJson("""
						{"from":"Acme <hello@acme.test>","to":["grace@example.com"],"reply_to":["support@acme.test"],
						 "subject":"Welcome","text":"Hello"}
						""", false, false)));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "jdbc" })
	void aBatchIsSentToTheBatchEndpointWithItsKeyAndValidation(String store) {
		context(store).run((context) -> {
			MailOutbox outbox = context.getBean(MailOutbox.class);
			Email own = welcome("grace@example.com").toBuilder().from("Grace <grace@acme.test>").build();
			assertThat(outbox.enqueueBatch(List.of(welcome("ada@example.com"), own),
					new BatchOptions("batch/42", BatchOptions.Validation.PERMISSIVE)))
				.isEqualTo("batch/42");
			String generated = outbox.enqueueBatch(List.of(welcome("alan@example.com")), BatchOptions.DEFAULT);
			assertThat(generated).matches("batch/[0-9a-f-]{36}");
			await().atMost(WAIT)
				.until(() -> wireMock.findAll(postRequestedFor(urlEqualTo("/emails/batch"))).size() == 2);
			wireMock.verify(1, postRequestedFor(urlEqualTo("/emails/batch"))
				.withHeader("Idempotency-Key", equalTo("batch/42"))
				.withHeader("x-batch-validation", equalTo("permissive"))
				.withHeader("Authorization", equalTo("Bearer " + DeliveryTestDatabase.RESEND_KEY))
				.withRequestBody(equalToJson("""
						[{"from":"Acme <hello@acme.test>","to":["ada@example.com"],"reply_to":["support@acme.test"],
						  "subject":"Welcome","text":"Hello"},
						 {"from":"Grace <grace@acme.test>","to":["grace@example.com"],"reply_to":["support@acme.test"],
						  "subject":"Welcome","text":"Hello"}]
						""", false, false)));
			wireMock.verify(1, postRequestedFor(urlEqualTo("/emails/batch")).withHeader("Idempotency-Key", equalTo(generated))
				.withHeader("x-batch-validation", equalTo("strict"))
				.withRequestBody(equalToJson("""
						[{"from":"Acme <hello@acme.test>","to":["alan@example.com"],"reply_to":["support@acme.test"],
						  "subject":"Welcome","text":"Hello"}]
						""", false, false)));
			wireMock.verify(0, postRequestedFor(urlEqualTo("/emails")));
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "memory", "jdbc" })
	void attachmentsAndTemplatesReachResendByteExact(String store) {
		byte[] pdf = bytes(3001);
		byte[] logo = bytes(256);
		context(store).run((context) -> {
			MailOutbox outbox = context.getBean(MailOutbox.class);
			Email email = welcome("ada@example.com").toBuilder()
				.attach(Attachment.of("report.pdf", pdf).withContentType("application/pdf"))
				.attach(Attachment.of("logo.png", logo).inline("logo"))
				.attach(Attachment.fromUrl("https://files.acme.test/terms.pdf", "terms.pdf"))
				.build();
			outbox.enqueue(email, "report/1");
			outbox.enqueue(Email.builder()
				.to("grace@example.com")
				.template("welcome-v2", Map.of("name", "Grace", "credits", 25))
				.build(), "template/1");
			await().atMost(WAIT).until(() -> wireMock.findAll(postRequestedFor(urlEqualTo("/emails"))).size() == 2);
			wireMock.verify(1, postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key", equalTo("report/1"))
				.withRequestBody(equalToJson("""
						{"from":"Acme <hello@acme.test>","to":["ada@example.com"],"reply_to":["support@acme.test"],
						 "subject":"Welcome","text":"Hello","attachments":[
						  {"content":"%s","filename":"report.pdf","content_type":"application/pdf"},
						  {"content":"%s","filename":"logo.png","content_id":"logo"},
						  {"filename":"terms.pdf","path":"https://files.acme.test/terms.pdf"}]}
						""".formatted(base64(pdf), base64(logo)), false, false)));
			wireMock.verify(1, postRequestedFor(urlEqualTo("/emails")).withHeader("Idempotency-Key", equalTo("template/1"))
				.withRequestBody(equalToJson("""
						{"from":"Acme <hello@acme.test>","to":["grace@example.com"],"reply_to":["support@acme.test"],
						 "template":{"id":"welcome-v2","variables":{"name":"Grace","credits":25}}}
						""", false, false)));
		});
	}

	@Test
	void inTheDatabaseTheStoredJsonHoldsTheAttachmentInBase64AndIsWrittenInTheTransaction() {
		byte[] pdf = bytes(1000);
		context("jdbc").run((context) -> {
			MailOutbox outbox = context.getBean(MailOutbox.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
				outbox.enqueue(welcome("ada@example.com").toBuilder()
					.attach(Attachment.of("report.pdf", pdf))
					.build(), "stored/1");
				String stored = jdbc.queryForObject("select convert_from(task_data, 'UTF8') from " + this.prefix
						+ "scheduled_tasks where task_name = 'saas-delivery' and task_instance = 'saas-mail:stored/1'",
						String.class);
				assertThat(stored).startsWith("saas-mail\n0\n{");
				JsonNode json = SaasJson.mapper().readTree(stored.substring("saas-mail\n0\n".length()));
				assertThat(json.path("key").asString()).isEqualTo("stored/1");
				assertThat(json.path("email").path("attachments").get(0).path("content").asString())
					.isEqualTo(base64(pdf));
				// not visible to the scheduler before the commit
				assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
			});
			await().atMost(WAIT).until(() -> wireMock.findAll(postRequestedFor(urlEqualTo("/emails"))).size() == 1);
			assertThat(wireMock.findAll(postRequestedFor(urlEqualTo("/emails"))).get(0).getBodyAsString())
				.contains("\"content\":\"" + base64(pdf) + "\"");
		});
	}

	@Test
	void theStoredFormKeepsEveryFieldAndTheAttachmentBytes() {
		byte[] content = bytes(777);
		Email email = welcome("ada@example.com").toBuilder()
			.from("Acme <hello@acme.test>")
			.cc("cc@example.com")
			.replyTo("support@acme.test")
			.header("X-Ref", "1")
			.tag("category", "welcome")
			.scheduledAt("in 1 hour")
			.topicId("topic-1")
			.attach(Attachment.of("a.bin", content).withContentType("application/octet-stream").inline("cid-1"))
			.build();
		StoredMail stored = MailDeliveryTask.mail(MailDeliveryTask.payload(new StoredMail("k/1", email, null, null)));
		assertThat(stored.key()).isEqualTo("k/1");
		assertThat(stored.batch()).isNull();
		Email read = stored.email();
		assertThat(read).isNotNull();
		assertThat(read.attachments()).hasSize(1);
		Attachment attachment = read.attachments().get(0);
		assertThat(attachment.content()).isEqualTo(content);
		assertThat(attachment).usingRecursiveComparison().isEqualTo(email.attachments().get(0));
		assertThat(read).usingRecursiveComparison().isEqualTo(email);
		StoredMail batch = MailDeliveryTask.mail(MailDeliveryTask.payload(
				new StoredMail("b/1", null, List.of(email, welcome("grace@example.com")), BatchOptions.Validation.PERMISSIVE)));
		assertThat(batch.email()).isNull();
		assertThat(batch.validation()).isEqualTo(BatchOptions.Validation.PERMISSIVE);
		assertThat(batch.batch()).usingRecursiveComparison().isEqualTo(List.of(email, welcome("grace@example.com")));
	}

	@Test
	void aPayloadThatIsNotAStoredMailFailsWithIllegalArgumentException() {
		context("memory").run((context) -> {
			MailDeliveryTask task = context.getBean(MailDeliveryTask.class);
			assertThatIllegalArgumentException().isThrownBy(() -> task.deliver("not json").block(WAIT))
				.withMessageNotContaining("not json");
			assertThatIllegalArgumentException()
				.isThrownBy(() -> task.deliver("{\"key\":\"k\",\"email\":{\"to\":\"x\"}}").block(WAIT));
			assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		});
	}

	private int rows(JdbcTemplate jdbc) {
		Integer rows = jdbc.queryForObject("select count(*) from " + this.prefix + "scheduled_tasks where task_name = ?",
				Integer.class, "saas-delivery");
		return (rows != null) ? rows : 0;
	}

	private static Email welcome(String to) {
		return Email.builder().to(to).subject("Welcome").text("Hello").build();
	}

	/** Every byte value, then random ones. */
	private static byte[] bytes(int length) {
		byte[] bytes = new byte[length];
		new Random(length).nextBytes(bytes);
		for (int i = 0; i < Math.min(256, length); i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	private static String base64(byte[] bytes) {
		return Base64.getEncoder().encodeToString(bytes);
	}


}
