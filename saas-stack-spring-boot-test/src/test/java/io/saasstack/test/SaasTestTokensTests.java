package io.saasstack.test;

import com.nimbusds.jwt.SignedJWT;
import io.saasstack.auth.local.LocalToken;
import io.saasstack.auth.local.LocalTokenIssuer;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

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

}
