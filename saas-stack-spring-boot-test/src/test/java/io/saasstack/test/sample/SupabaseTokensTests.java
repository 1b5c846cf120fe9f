package io.saasstack.test.sample;

import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasMockMvc;
import io.saasstack.test.SaasTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A Supabase application: the kit's tokens carry the project's issuer and the verifier trusts the
 * kit's key set; the project's own key set (on an unreachable host) is never fetched.
 */
@SpringBootTest(properties = "saas.auth.supabase.url=http://127.0.0.1:9")
@AutoConfigureMockMvc
@AutoConfigureSaasStack
class SupabaseTokensTests {

	private static final String USER_ID = "123e4567-e89b-12d3-a456-426614174000";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SaasTestTokens tokens;

	@Test
	void tokensAreAcceptedAsSupabaseUsers() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.tokens.token(USER_ID));
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("http://127.0.0.1:9/auth/v1");
		this.mvc.perform(get("/me").with(SaasMockMvc.user(LocalToken.user(USER_ID)
			.email("ada@example.com")
			.appMetadata(Map.of("plan", "pro"))
			.build()))).andExpect(status().isOk()).andExpect(content().string("supabase " + USER_ID + " ada@example.com"));
		this.mvc.perform(get("/me")).andExpect(status().isUnauthorized());
	}

	@Test
	void supabaseUserIdsAreUuids() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokens.bearer("user_1"))
			.withMessageContaining("UUID");
	}

}
