package io.saasstack.auth.security;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tests for {@link ParsedSignedJwt}: read as Nimbus reads a token, with the payload parsed once.
 */
class ParsedSignedJwtTests {

	@Test
	void readsASignedTokenAsNimbusDoes() throws Exception {
		String token = token((claims) -> claims.audience("api").claim("org", Map.of("id", "org_1")));
		JWT read = ParsedSignedJwt.read(token);
		SignedJWT nimbus = SignedJWT.parse(token);
		assertThat(read).isInstanceOf(ParsedSignedJwt.class);
		assertThat(read.getHeader().toJSONObject()).isEqualTo(nimbus.getHeader().toJSONObject());
		assertThat(read.getJWTClaimsSet().getClaims()).isEqualTo(nimbus.getJWTClaimsSet().getClaims());
		assertThat(((SignedJWT) read).getSignature()).isEqualTo(nimbus.getSignature());
		assertThat(((SignedJWT) read).getSigningInput()).isEqualTo(nimbus.getSigningInput());
	}

	@Test
	void keepsTheClaimsAsSent() throws Exception {
		String token = token((claims) -> claims.subject(null).claim("sub", 42).audience("api"));
		ParsedSignedJwt read = (ParsedSignedJwt) ParsedSignedJwt.read(token);
		assertThat(read.sentClaims()).containsEntry("sub", 42L).containsEntry("aud", "api");
		assertThat(read.getJWTClaimsSet().getSubject()).isEqualTo("42");
		assertThat(read.getJWTClaimsSet().getAudience()).isEqualTo(List.of("api"));
	}

	@Test
	void aPayloadThatIsNotAnObjectFailsAsInNimbus() throws Exception {
		String token = token();
		String[] parts = token.split("\\.");
		String array = parts[0] + "." + base64("[1,2]") + "." + parts[2];
		ParsedSignedJwt read = (ParsedSignedJwt) ParsedSignedJwt.read(array);
		assertThat(read.sentClaims()).isNull();
		Throwable ours = catchThrowable(read::getJWTClaimsSet);
		Throwable nimbus = catchThrowable(() -> SignedJWT.parse(array).getJWTClaimsSet());
		assertThat(ours).isInstanceOf(ParseException.class).hasMessage(nimbus.getMessage());
	}

	@Test
	void readsAnUnsecuredTokenAsNimbusDoes() throws Exception {
		String token = base64("{\"alg\":\"none\"}") + "." + base64("{\"sub\":\"user_1\"}") + ".";
		assertThat(ParsedSignedJwt.read(token)).isInstanceOf(PlainJWT.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "garbage", "a.b.c", "e30.e30.c2ln", "eyJhbGciOiJSUzI1NiJ9.e30.", "eyJhbGciOiJSUzI1NiJ9.e30" })
	void failsAsNimbusDoes(String token) {
		Throwable ours = catchThrowable(() -> ParsedSignedJwt.read(token));
		Throwable nimbus = catchThrowable(() -> JWTParser.parse(token));
		assertThat(nimbus).isNotNull();
		assertThat(ours).isInstanceOf(nimbus.getClass()).hasMessage(nimbus.getMessage());
	}

	private static final RSAKey KEY = key();

	private static RSAKey key() {
		try {
			return new RSAKeyGenerator(2048).keyID("ins_test").generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String token() throws JOSEException {
		return token((claims) -> {
		});
	}

	private static String token(Consumer<JWTClaimsSet.Builder> customizer) throws JOSEException {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject("user_1")
			.issueTime(new Date(1_700_000_000_000L))
			.expirationTime(new Date(1_700_000_060_000L));
		customizer.accept(claims);
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("ins_test").build(),
				claims.build());
		jwt.sign(new RSASSASigner(KEY));
		return jwt.serialize();
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

}
