package io.saasstack.test;

import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.local.LocalMachineToken;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SaasTestTokens}.
 */
class SaasTestTokensTests {

	private final SaasTestTokens tokens = new SaasTestTokens(LocalTokenIssuer.clerk("https://clerk.example.test", null));

	@Test
	void bearerIsTheHeaderValueOfAToken() throws Exception {
		String bearer = this.tokens.bearer(LocalToken.user("user_1").email("ada@example.com").build());
		assertThat(bearer).startsWith("Bearer ey");
		SignedJWT jwt = SignedJWT.parse(bearer.substring(7));
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("user_1");
		assertThat(jwt.getJWTClaimsSet().getClaim("email")).isEqualTo("ada@example.com");
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(this.tokens.issuer().keyId());
	}

	@Test
	void headersSetTheAuthorizationHeader() throws Exception {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, "Basic old");
		this.tokens.headers("user_2").accept(headers);
		assertThat(headers.get(HttpHeaders.AUTHORIZATION)).singleElement()
			.satisfies((value) -> assertThat(SignedJWT.parse(value.substring(7)).getJWTClaimsSet().getSubject())
				.isEqualTo("user_2"));
	}

	@Test
	void m2mTokensAreClerkM2mJwts() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.tokens.m2m("mch_nightly", "reports:read", "reports:write"));
		assertThat(jwt.getHeader().getCustomParam("cat")).isEqualTo("cl_B7d4PD333AAA");
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
		assertThat(jwt.getHeader().getKeyID()).isEqualTo(this.tokens.issuer().keyId());
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("mch_nightly");
		assertThat(jwt.getJWTClaimsSet().getJWTID()).startsWith("mt_");
		assertThat(jwt.getJWTClaimsSet().getClaim("scopes")).isEqualTo("reports:read reports:write");
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://clerk.example.test");
		assertThat(jwt.getJWTClaimsSet().getExpirationTime()).isInTheFuture();
	}

	@Test
	void oauthTokensAreAtJwts() throws Exception {
		SignedJWT jwt = SignedJWT.parse(this.tokens.machine(
				LocalMachineToken.oauth("user_1").clientId("client_9").scopes("reports:read").claim("x", 1).build()));
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getCustomParam("cat")).isNull();
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("user_1");
		assertThat(jwt.getJWTClaimsSet().getJWTID()).startsWith("oat_");
		assertThat(jwt.getJWTClaimsSet().getStringListClaim("scp")).containsExactly("reports:read");
		assertThat(jwt.getJWTClaimsSet().getClaim("client_id")).isEqualTo("client_9");
		assertThat(jwt.getJWTClaimsSet().getClaim("x")).isEqualTo(1L);
	}

	@Test
	void badMachineTokensFailBeforeMinting() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokens.m2m("user_1"))
			.withMessageContaining("machine id (mch_...)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.tokens.machine(LocalMachineToken.apiKey("user_1").build()))
			.withMessageContaining("opaque");
		assertThatIllegalStateException()
			.isThrownBy(() -> new SaasTestTokens(LocalTokenIssuer.supabase("https://x.supabase.co/auth/v1"))
				.m2m("mch_1"))
			.withMessageContaining("Clerk's");
	}

}
