package io.saasstack.test.sample;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.saasstack.auth.local.LocalMachineToken;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A Clerk application accepting machine tokens: the kit's M2M and OAuth JWTs are verified
 * without network against its key, their scopes are authorities; opaque tokens need WireMock
 * mode.
 */
@SpringBootTest(properties = { "saas.auth.clerk.publishable-key=" + ClerkTokensTests.PUBLISHABLE_KEY,
		"saas.auth.clerk.secret-key=sk_test_notarealkey0123456789",
		"saas.auth.clerk.accepted-token-types=session_token,m2m_token,oauth_token,api_key" })
@AutoConfigureMockMvc
@AutoConfigureSaasStack
class MachineTokensTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SaasTestTokens tokens;

	@Test
	void m2mAndOAuthJwtsAreAcceptedWithTheirScopes() throws Exception {
		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + this.tokens.m2m("mch_nightly", "reports:read")))
			.andExpect(status().isOk())
			.andExpect(content().string("m2m_token mch_nightly [reports:read]"));
		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + this.tokens.oauth("user_1", "reports:read")))
			.andExpect(status().isOk())
			.andExpect(content().string("oauth_token user_1 [reports:read]"));
		this.mvc.perform(get("/reports").header("Authorization", "Bearer " + this.tokens.m2m("mch_nightly", "reports:read")))
			.andExpect(status().isOk())
			.andExpect(content().string("reports for mch_nightly"));
		this.mvc.perform(get("/reports").header("Authorization", "Bearer " + this.tokens.m2m("mch_other", "other")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/reports").header("Authorization", this.tokens.bearer("user_1")))
			.andExpect(status().isForbidden());
	}

	@Test
	void expiredMachineJwtsAreRefused() throws Exception {
		Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
		String expired = this.tokens.issuer().withClock(past).issue(LocalMachineToken.m2m("mch_nightly").build());
		this.mvc.perform(get("/whoami").header("Authorization", "Bearer " + expired))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void opaqueTokensNeedWireMockMode() {
		assertThatIllegalStateException().isThrownBy(() -> this.tokens.apiKey("user_1", "reports:read"))
			.withMessageContaining("@AutoConfigureSaasStack(wireMock = true)");
	}

}
