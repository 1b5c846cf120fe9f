package io.saasstack.sample;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.events.EventTracker;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasMockMvc;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Photo Board as it runs in production, Clerk protecting the API, with the test kit's WireMock
 * mode: the real LogSnag, Resend and Cloudinary clients send their exact requests to one WireMock
 * server, and the kit mints Clerk session tokens for the configured instance.
 */
@SpringBootTest(properties = { "saas.auth.clerk.publishable-key=" + PhotoBoardWireMockTests.PUBLISHABLE_KEY,
		"saas.auth.clerk.authorized-parties=https://photos.example.com" })
@AutoConfigureMockMvc
@AutoConfigureSaasStack(wireMock = true)
class PhotoBoardWireMockTests {

	static final String PUBLISHABLE_KEY = "pk_test_cGhvdG9zLmNsZXJrLmFjY291bnRzLmRldiQ";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private WireMockServer wireMock;

	@Autowired
	private EventTracker events;

	@Test
	void clerkSessionTokensAreVerifiedForTheConfiguredInstance() throws Exception {
		this.mvc.perform(get("/api/me").with(SaasMockMvc.user(LocalToken.user("user_clerk").email("c@example.com")
			.organization("org_1", "acme", "org:admin")
			.build())))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.provider").value("clerk"))
			.andExpect(jsonPath("$.organization.id").value("org_1"));
	}

	@Test
	void upgradeSendsTheExactLogSnagEventAndSignUpTheWelcomeMail() throws Exception {
		this.mvc.perform(post("/api/billing/upgrade")
			.with(SaasMockMvc.user(LocalToken.user("user_pro").email("pro@example.com").build()))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"plan\":\"PRO\"}")).andExpect(status().isOk());
		assertThat(this.events.flush(Duration.ofSeconds(30))).isTrue();
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/log")).withRequestBody(equalToJson("""
				{"project":"photo-board","channel":"billing","event":"Plan Upgraded","description":"From FREE to PRO",
				"icon":"💰","notify":true,"tags":{"plan":"pro"},"parser":"text","user_id":"user_pro"}""")));
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/v1/log")).withRequestBody(equalToJson("""
				{"project":"photo-board","channel":"users","event":"User Signed Up","icon":"👋","user_id":"user_pro"}""")));
		// the welcome mail of a first request is sent in the background
		awaitRequests(postRequestedFor(urlEqualTo("/emails")), 1);
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/emails"))
			.withHeader("Idempotency-Key", equalTo("welcome/user_pro"))
			.withRequestBody(equalToJson("""
					{"from":"Photo Board <onboarding@resend.dev>","to":["pro@example.com"],
					"subject":"Welcome to Photo Board, pro@example.com","html":"${json-unit.any-string}",
					"text":"${json-unit.any-string}","tags":[{"name":"category","value":"welcome"}]}""")));
	}

	private void awaitRequests(RequestPatternBuilder pattern, int count) throws InterruptedException {
		for (int i = 0; i < 300 && this.wireMock.findAll(pattern).size() < count; i++) {
			Thread.sleep(100);
		}
	}

	@Test
	void photosAreUploadedToCloudinaryInTheOwnersFolder() throws Exception {
		MockMultipartFile file = new MockMultipartFile("file", "lake.jpg", MediaType.IMAGE_JPEG_VALUE, PhotoBoardTests.JPEG);
		this.mvc.perform(multipart("/api/photos").file(file).with(SaasMockMvc.user("user_up")))
			.andExpect(status().isCreated());
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/v1_1/demo/auto/upload"))
			.withAnyRequestBodyPart(aMultipart().withName("folder").withBody(equalTo("board/user_up")))
			// the extension goes, as with Cloudinary's own use_filename: the asset is .../board/user_up/lake
			.withAnyRequestBodyPart(aMultipart().withName("public_id").withBody(equalTo("lake")))
			.withAnyRequestBodyPart(aMultipart().withName("tags").withBody(equalTo("board"))));
	}

}
