package io.saasstack.sample;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The nightly report job: {@code GET /api/reports} with a Clerk M2M token (or an API key) carrying
 * {@code reports:read} gets the whole board; a member gets their own photos; a machine without
 * the scope gets 403, and machine tokens open nothing else of the API. Same context as
 * {@link PhotoBoardWireMockTests} (Clerk, the test kit's WireMock mode).
 */
@SpringBootTest(properties = { "saas.auth.clerk.publishable-key=" + PhotoBoardWireMockTests.PUBLISHABLE_KEY,
		"saas.auth.clerk.authorized-parties=https://photos.example.com" })
@AutoConfigureMockMvc
@AutoConfigureSaasStack(wireMock = true)
class NightlyReportTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private WireMockServer wireMock;

	@Autowired
	private SaasTestTokens tokens;

	@Test
	void theNightlyJobGetsTheBoardReportWithAnM2mToken() throws Exception {
		this.mvc.perform(get("/api/reports").header("Authorization", "Bearer " + this.tokens.m2m("mch_nightly", "reports:read")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scope").value("board"))
			.andExpect(jsonPath("$.requestedBy").value("mch_nightly"))
			.andExpect(jsonPath("$.tokenType").value("m2m_token"))
			.andExpect(jsonPath("$.photos").isNumber());
	}

	@Test
	void anApiKeyWithTheScopeIsVerifiedByClerkAndGetsTheBoardReport() throws Exception {
		String key = this.tokens.apiKey("user_ops", "reports:read");
		this.mvc.perform(get("/api/reports").header("Authorization", "Bearer " + key))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scope").value("board"))
			.andExpect(jsonPath("$.tokenType").value("api_key"));
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api_keys/verify"))
			.withHeader("Authorization", equalTo("Bearer sk_test_wiremock0123456789"))
			.withRequestBody(equalToJson("{\"secret\":\"" + key + "\"}")));
	}

	@Test
	void aMemberGetsTheirOwnReport() throws Exception {
		this.mvc.perform(get("/api/reports").header("Authorization", this.tokens.bearer("user_member")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scope").value("member"))
			.andExpect(jsonPath("$.requestedBy").value("user_member"))
			.andExpect(jsonPath("$.photos").value(0));
	}

	@Test
	void machinesWithoutTheScopeOrOutsideTheReportsAreRefused() throws Exception {
		this.mvc.perform(get("/api/reports").header("Authorization", "Bearer " + this.tokens.m2m("mch_other", "mch_api")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/reports").header("Authorization", "Bearer " + this.tokens.oauth("user_1", "reports:read")))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/me").header("Authorization", "Bearer " + this.tokens.m2m("mch_nightly", "reports:read")))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/api/reports").header("Authorization", "Bearer ak_unknown0123456789"))
			.andExpect(status().isUnauthorized());
	}

}
