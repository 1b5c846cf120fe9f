package io.saasstack.test.sample;

import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.clerk.ClerkTokenVerifier;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.test.AutoConfigureSaasStack;
import io.saasstack.test.SaasMockMvc;
import io.saasstack.test.SaasTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A Clerk application: the kit's tokens carry the issuer of the publishable key and the first
 * authorized party, and the Clerk verifier trusts the kit's key (no key set is fetched).
 */
@SpringBootTest(properties = { "saas.auth.clerk.publishable-key=" + ClerkTokensTests.PUBLISHABLE_KEY,
		"saas.auth.clerk.secret-key=sk_test_notarealkey0123456789",
		"saas.auth.clerk.authorized-parties=https://app.example.test,https://admin.example.test" })
@AutoConfigureMockMvc
@AutoConfigureSaasStack
class ClerkTokensTests {

	static final String PUBLISHABLE_KEY = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private SaasTestTokens tokens;

	@Autowired
	private ClerkTokenVerifier verifier;

	@Test
	void tokensAreShapedForTheInstance() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.tokens.token("user_1"));
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://clerk.inspired.puma-74.lcl.dev");
		assertThat(jwt.getJWTClaimsSet().getClaim("azp")).isEqualTo("https://app.example.test");
		assertThat(this.verifier.issuer()).isEqualTo("https://clerk.inspired.puma-74.lcl.dev");
	}

	@Test
	void tokensAreAcceptedAsClerkUsers() throws Exception {
		this.mvc.perform(get("/me").with(SaasMockMvc.user(LocalToken.user("user_2abc")
			.email("ada@example.com")
			.organization("org_1", "acme", "admin", "org:invoices:read")
			.build()))).andExpect(status().isOk()).andExpect(content().string("clerk user_2abc ada@example.com"));
	}

	@Test
	void otherTokensAreRejected() throws Exception {
		this.mvc.perform(get("/me")).andExpect(status().isUnauthorized());
		LocalTokenIssuer sameShapeOtherKey = LocalTokenIssuer.clerk("https://clerk.inspired.puma-74.lcl.dev",
				"https://app.example.test");
		this.mvc.perform(get("/me").header("Authorization", "Bearer " + sameShapeOtherKey.issue("user_1")))
			.andExpect(status().isUnauthorized());
		LocalTokenIssuer otherParty = LocalTokenIssuer.clerk("https://clerk.inspired.puma-74.lcl.dev",
				"https://evil.example.test");
		this.mvc.perform(get("/me").header("Authorization", new SaasTestTokens(otherParty).bearer("user_1")))
			.andExpect(status().isUnauthorized());
	}

}
