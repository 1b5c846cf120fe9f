package io.saasstack.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.saasstack.auth.local.LocalToken;
import io.saasstack.events.EventTracker;
import io.saasstack.events.LogEvent;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.media.local.LocalMediaStorage;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasMockMvc;
import io.saasstack.webhooks.StandardWebhookVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Photo Board with the test kit: no profile and no credentials, tokens minted by the kit, events,
 * mails and uploads captured for assertions (and cleared before each test).
 */
@SpringBootTest(properties = "saas.auth.clerk.webhook-secret=" + PhotoBoardTests.WEBHOOK_SECRET)
@AutoConfigureMockMvc
@AutoConfigureSaasStack
class PhotoBoardTests {

	static final String WEBHOOK_SECRET = "whsec_dGVzdC13ZWJob29rLXNlY3JldC1waG90by1ib2FyZA==";

	/** The start of a JPEG file: enough for the sample's content check. */
	static final byte[] JPEG = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 1, 2, 3 };

	// members are kept for the life of the (shared) context: each test signs up a user of its own

	@Autowired
	private MockMvc mvc;

	@Autowired
	private RecordingLogSnagClient events;

	@Autowired
	private EventTracker tracker;

	@Autowired
	private CapturingMailClient mails;

	@Autowired
	private LocalMediaStorage uploads;

	@Test
	void statusAndHealthAreOpenTheApiIsNot() throws Exception {
		this.mvc.perform(get("/api/status")).andExpect(status().isOk()).andExpect(jsonPath("$.mail").value("local"));
		this.mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
		this.mvc.perform(get("/api/me")).andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/photos")).andExpect(status().isUnauthorized());
	}

	@Test
	void firstRequestSignsTheUserUpWithAWelcomeMailAndAnEvent() throws Exception {
		this.mvc.perform(get("/api/me").with(SaasMockMvc.user(LocalToken.user("user_ada").email("ada@example.com").build())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value("user_ada"))
			.andExpect(jsonPath("$.plan").value("FREE"));
		assertThat(this.mails.captured()).singleElement().satisfies((mail) -> {
			assertThat(mail.email().to()).containsExactly("ada@example.com");
			assertThat(mail.email().subject()).isEqualTo("Welcome to Photo Board, ada@example.com");
			assertThat(mail.idempotencyKey()).isEqualTo("welcome/user_ada");
		});
		awaitEvents();
		assertThat(this.events.events()).singleElement().satisfies((event) -> {
			assertThat(event.event()).isEqualTo("User Signed Up");
			assertThat(event.userId()).isEqualTo("user_ada");
		});
	}

	@Test
	void clerkWebhookSignsUpOnceAndWelcomesByName() throws Exception {
		String body = """
				{"type":"user.created","object":"event","data":{"id":"user_grace","object":"user","first_name":"Grace",
				"primary_email_address_id":"idn_1","email_addresses":[{"id":"idn_1","email_address":"grace@example.com"}]}}""";
		this.mvc.perform(signedWebhook("msg_1", body)).andExpect(status().is2xxSuccessful());
		this.mvc.perform(signedWebhook("msg_2", body)).andExpect(status().is2xxSuccessful());
		this.mvc.perform(webhook("msg_3", body, Instant.now().getEpochSecond(), "v1,Zm9yZ2Vk"))
			.andExpect(status().isUnauthorized());
		awaitEvents();
		assertThat(this.mails.captured()).singleElement().satisfies((mail) -> {
			assertThat(mail.idempotencyKey()).isEqualTo("welcome/user_grace");
			assertThat(mail.email().subject()).isEqualTo("Welcome to Photo Board, Grace");
		});
		assertThat(this.events.events()).extracting(LogEvent::event, LogEvent::userId)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("User Signed Up", "user_grace"));
	}

	@Test
	void uploadedPhotoIsKeptTrackedAndServedWithResponsiveUrls() throws Exception {
		MockMultipartFile file = new MockMultipartFile("file", "lake.jpg", MediaType.IMAGE_JPEG_VALUE, JPEG);
		this.mvc.perform(multipart("/api/photos").file(file).param("title", "Lake").with(SaasMockMvc.user("user_uploader")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.title").value("Lake"))
			.andExpect(jsonPath("$.src").value(startsWith("https://res.cloudinary.com/demo/image/upload/")))
			.andExpect(jsonPath("$.srcset").value(org.hamcrest.Matchers.containsString(" 640w, ")))
			.andExpect(jsonPath("$.thumbnail").value(org.hamcrest.Matchers.containsString("c_fill,g_auto,h_160,w_160")));
		assertThat(this.uploads.uploads()).singleElement().satisfies((upload) -> {
			assertThat(upload.folder()).isEqualTo("board/user_uploader");
			assertThat(upload.content()).containsExactly(JPEG);
		});
		this.mvc.perform(get("/api/photos").with(SaasMockMvc.user("user_bob")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].title").value("Lake"));
		awaitEvents();
		// listing the photos does not sign Bob up: only the uploader's requests made events
		assertThat(this.events.events()).extracting(LogEvent::event, LogEvent::userId)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("User Signed Up", "user_uploader"),
					org.assertj.core.groups.Tuple.tuple("Photo Uploaded", "user_uploader"));
		assertThat(this.events.events()).filteredOn((event) -> event.event().equals("Photo Uploaded"))
			.singleElement()
			.satisfies((event) -> assertThat(event.description()).isEqualTo("Lake"));
	}

	@Test
	void upgradesAreTrackedAndRefusedOnesToo() throws Exception {
		this.mvc.perform(post("/api/billing/upgrade").with(SaasMockMvc.user("user_upgrader"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"plan\":\"TEAM\"}")).andExpect(status().isOk()).andExpect(jsonPath("$.plan").value("TEAM"));
		this.mvc.perform(post("/api/billing/upgrade").with(SaasMockMvc.user("user_upgrader"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"plan\":\"PRO\"}")).andExpect(status().isConflict());
		awaitEvents();
		assertThat(this.events.events()).extracting(LogEvent::event).containsExactlyInAnyOrder("User Signed Up",
				"Plan Upgraded", "Upgrade Refused");
		assertThat(this.events.events()).filteredOn((event) -> event.channel().equals("billing"))
			.extracting(LogEvent::event, (event) -> event.tags().get("plan"))
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Plan Upgraded", "team"),
					org.assertj.core.groups.Tuple.tuple("Upgrade Refused", "pro"));
	}

	@Test
	void onlyTheOwnerDeletesAPhoto() throws Exception {
		MockMultipartFile file = new MockMultipartFile("file", "a.jpg", MediaType.IMAGE_JPEG_VALUE, JPEG);
		String id = com.jayway.jsonpath.JsonPath.read(this.mvc
			.perform(multipart("/api/photos").file(file).with(SaasMockMvc.user("user_owner")))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/photos/{id}", id)
			.with(SaasMockMvc.user("user_bob"))).andExpect(status().isForbidden());
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete("/api/photos/{id}", id)
			.with(SaasMockMvc.user("user_owner"))).andExpect(status().isNoContent());
		assertThat(this.uploads.uploads()).isEmpty();
	}

	/** Waits until every event tracked so far reached the stand-in: the counts after it are final. */
	private void awaitEvents() {
		assertThat(this.tracker.flush(Duration.ofSeconds(10))).as("events delivered").isTrue();
	}

	private static MockHttpServletRequestBuilder signedWebhook(String id, String body) {
		long timestamp = Instant.now().getEpochSecond();
		return webhook(id, body, timestamp,
				StandardWebhookVerifier.sign(WEBHOOK_SECRET, id, timestamp, body.getBytes(StandardCharsets.UTF_8)));
	}

	private static MockHttpServletRequestBuilder webhook(String id, String body, long timestamp, String signature) {
		return post("/webhooks/clerk").contentType(MediaType.APPLICATION_JSON)
			.content(body.getBytes(StandardCharsets.UTF_8))
			.header("svix-id", id)
			.header("svix-timestamp", Long.toString(timestamp))
			.header("svix-signature", signature);
	}

}
