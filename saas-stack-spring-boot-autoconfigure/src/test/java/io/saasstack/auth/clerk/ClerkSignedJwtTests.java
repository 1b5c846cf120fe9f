package io.saasstack.auth.clerk;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link ClerkSignedJwt}: read as Nimbus reads a token, with the payload parsed once.
 */
class ClerkSignedJwtTests {

	@Test
	void readsASignedTokenAsNimbusDoes() throws Exception {
		String token = TestTokens.token((claims) -> claims.audience("api").claim("org", java.util.Map.of("id", "org_1")));
		JWT read = ClerkSignedJwt.read(token);
		SignedJWT nimbus = SignedJWT.parse(token);
		assertThat(read).isInstanceOf(ClerkSignedJwt.class);
		assertThat(read.getHeader().toJSONObject()).isEqualTo(nimbus.getHeader().toJSONObject());
		assertThat(read.getJWTClaimsSet().getClaims()).isEqualTo(nimbus.getJWTClaimsSet().getClaims());
		assertThat(((SignedJWT) read).getSignature()).isEqualTo(nimbus.getSignature());
		assertThat(((SignedJWT) read).getSigningInput()).isEqualTo(nimbus.getSigningInput());
	}

	@Test
	void keepsTheClaimsAsSent() throws Exception {
		String token = TestTokens.token((claims) -> claims.subject(null).claim("sub", 42).audience("api"));
		ClerkSignedJwt read = (ClerkSignedJwt) ClerkSignedJwt.read(token);
		assertThat(read.sentClaims()).containsEntry("sub", 42L).containsEntry("aud", "api");
		assertThat(read.getJWTClaimsSet().getSubject()).isEqualTo("42");
		assertThat(read.getJWTClaimsSet().getAudience()).isEqualTo(List.of("api"));
	}

	@Test
	void aPayloadThatIsNotAnObjectFailsAsInNimbus() throws Exception {
		String token = TestTokens.token();
		String[] parts = token.split("\\.");
		String array = parts[0] + "." + base64("[1,2]") + "." + parts[2];
		ClerkSignedJwt read = (ClerkSignedJwt) ClerkSignedJwt.read(array);
		assertThat(read.sentClaims()).isNull();
		Throwable ours = catchThrowable(read::getJWTClaimsSet);
		Throwable nimbus = catchThrowable(() -> SignedJWT.parse(array).getJWTClaimsSet());
		assertThat(ours).isInstanceOf(ParseException.class).hasMessage(nimbus.getMessage());
	}

	@Test
	void readsAnUnsecuredTokenAsNimbusDoes() throws Exception {
		String token = base64("{\"alg\":\"none\"}") + "." + base64("{\"sub\":\"user_1\"}") + ".";
		assertThat(ClerkSignedJwt.read(token)).isInstanceOf(PlainJWT.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "a.b.c", "e30.e30.c2ln", "eyJhbGciOiJSUzI1NiJ9.e30.", "eyJhbGciOiJSUzI1NiJ9.e30" })
	void failsAsNimbusDoes(String token) {
		Throwable ours = catchThrowable(() -> ClerkSignedJwt.read(token));
		Throwable nimbus = catchThrowable(() -> JWTParser.parse(token));
		assertThat(nimbus).isNotNull();
		assertThat(ours).isInstanceOf(nimbus.getClass()).hasMessage(nimbus.getMessage());
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
