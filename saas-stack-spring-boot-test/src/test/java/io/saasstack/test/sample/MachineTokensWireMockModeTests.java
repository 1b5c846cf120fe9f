package io.saasstack.test.sample;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.saasstack.auth.local.LocalMachineToken;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * WireMock mode with machine tokens: the opaque tokens minted by the kit are verified by the real
 * client against the stubbed Backend API (exact request), any other opaque token gets Clerk's 404
 * and the request 401.
 */
@SpringBootTest(properties = { "saas.auth.clerk.publishable-key=" + ClerkTokensTests.PUBLISHABLE_KEY,
		"saas.auth.clerk.accepted-token-types=api_key,m2m_token,oauth_token" })
@AutoConfigureMockMvc
@AutoConfigureSaasStack(wireMock = true)
class MachineTokensWireMockModeTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private WireMockServer wireMock;

	@Autowired
	private SaasTestTokens tokens;

	@Test
	void apiKeysAreVerifiedByTheStubbedBackendApi() throws Exception {
		String key = this.tokens.apiKey("user_1", "reports:read");
		this.mvc.perform(get("/reports").header("Authorization", "Bearer " + key))
			.andExpect(status().isOk())
			.andExpect(content().string("reports for user_1"));
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/api_keys/verify"))
			.withHeader("Authorization", equalTo("Bearer sk_test_wiremock0123456789"))
			.withHeader("Clerk-API-Version", equalTo("2026-05-12"))
			.withRequestBody(equalToJson("{\"secret\":\"" + key + "\"}")));
	}

	@Test
	void opaqueM2mAndOAuthTokensAreVerifiedByTheStubbedBackendApi() throws Exception {
		String m2m = this.tokens.opaque(LocalMachineToken.m2m("mch_nightly")
			.scopes("reports:read")
			.expiresIn(Duration.ofMinutes(5))
			.build());
		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + m2m))
			.andExpect(status().isOk())
			.andExpect(content().string("m2m_token mch_nightly [reports:read]"));
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/m2m_tokens/verify"))
			.withRequestBody(equalToJson("{\"token\":\"" + m2m + "\"}")));
		String oauth = this.tokens.opaque(LocalMachineToken.oauth("user_2").scopes("reports:read").build());
		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + oauth))
			.andExpect(status().isOk())
			.andExpect(content().string("oauth_token user_2 [reports:read]"));
		this.wireMock.verify(exactly(1), postRequestedFor(urlEqualTo("/oauth_applications/access_tokens/verify"))
			.withRequestBody(equalToJson("{\"access_token\":\"" + oauth + "\"}")));
	}

	@Test
	void unknownOpaqueTokensAreRefused() throws Exception {
		for (String token : new String[] { "ak_unknown0123456789", "mt_unknown0123456789", "oat_unknown0123456789" }) {
			this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + token))
				.andExpect(status().isUnauthorized());
		}
		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + this.tokens.m2m("mch_nightly")))
			.andExpect(status().isOk());
	}

}
