package io.saasstack.auth.security;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTProcessor;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link ParsedJwtDecoder} against Spring Security's {@link NimbusJwtDecoder} over the same key and
 * processor settings: the same {@link Jwt} for a good token, the same exception type and message
 * for a bad one; and its own translation of the processor's failures.
 */
class ParsedJwtDecoderTests {

	private static final RSAKey KEY = rsaKey("key-1");

	private static final RSAKey OTHER_KEY = rsaKey("key-1");

	private final ParsedJwtDecoder decoder = new ParsedJwtDecoder(processor(),
			MappedJwtClaimSetConverter.withDefaults(Map.of()));

	private final NimbusJwtDecoder nimbus = nimbus();

	@Test
	void aGoodTokenDecodesAsNimbusJwtDecoderDecodesIt() throws Exception {
		String token = sign(KEY, claims());
		Jwt ours = this.decoder.decode(token, SignedJWT.parse(token), null);
		Jwt theirs = this.nimbus.decode(token);
		assertThat(ours.getTokenValue()).isEqualTo(token);
		assertThat(ours.getHeaders()).isEqualTo(theirs.getHeaders()).containsEntry("kid", "key-1");
		assertThat(ours.getClaims()).isEqualTo(theirs.getClaims());
		assertThat(ours.getExpiresAt()).isEqualTo(Instant.ofEpochSecond(2_000_000_000L));
		assertThat(ours.getAudience()).containsExactly("api");
	}

	@Test
	void aTokenNotParsedYetIsParsedFirst() throws Exception {
		String token = sign(KEY, claims());
		assertThat(this.decoder.decode(token, null, null).getSubject()).isEqualTo("user_1");
	}

	@Test
	void aSignatureByAnotherKeyFailsAsInNimbusJwtDecoder() {
		String token = sign(OTHER_KEY, claims());
		assertSameFailure(token, BadJwtException.class,
				"An error occurred while attempting to decode the Jwt: Signed JWT rejected: Invalid signature");
	}

	@Test
	void somethingThatIsNotATokenFailsAsInNimbusJwtDecoder() {
		assertSameFailure("not-a-token", BadJwtException.class,
				"An error occurred while attempting to decode the Jwt: Malformed token");
	}

	@Test
	void anUnsecuredTokenIsRefusedAsAnInvalidSignature() {
		String token = new PlainJWT(claims()).serialize();
		Throwable theirs = catchThrowable(() -> this.nimbus.decode(token));
		assertThatExceptionOfType(SaasTokenException.class).isThrownBy(() -> this.decoder.decode(token, null, null))
			.withMessage(theirs.getMessage())
			.withMessage("Unsupported algorithm of none")
			.satisfies((ex) -> assertThat(ex.failure()).isEqualTo(TokenFailure.SIGNATURE));
	}

	@Test
	void anUnreadableKeySetIsAMalformedJwkSetAndNotTheTokensFault() throws Exception {
		String token = sign(KEY, claims());
		JwtException failure = failureOf(token, new RemoteKeySourceException("no", new ParseException("bad json", 0)));
		assertThat(failure).isExactlyInstanceOf(JwtException.class)
			.hasMessage("An error occurred while attempting to decode the Jwt: Malformed Jwk set");
		failure = failureOf(token, new RemoteKeySourceException("Couldn't retrieve JWK set", null));
		assertThat(failure).isExactlyInstanceOf(JwtException.class)
			.hasMessage("An error occurred while attempting to decode the Jwt: Couldn't retrieve JWK set");
	}

	@Test
	void aKeyFailureIsNotTheTokensFault() throws Exception {
		JwtException failure = failureOf(sign(KEY, claims()), new JOSEException("key too short"));
		assertThat(failure).isExactlyInstanceOf(JwtException.class)
			.hasMessage("An error occurred while attempting to decode the Jwt: key too short");
	}

	@Test
	void anUnreadablePayloadIsMalformed() throws Exception {
		JwtException failure = failureOf(sign(KEY, claims()),
				new IllegalStateException("claims", new ParseException("Unexpected token", 3)));
		assertThat(failure).isExactlyInstanceOf(BadJwtException.class)
			.hasMessage("An error occurred while attempting to decode the Jwt: Malformed payload");
	}

	@Test
	void aValidatedTokenWithoutErrorsIsReturnedAsIs() throws Exception {
		Jwt jwt = this.decoder.decode(sign(KEY, claims()), null, null);
		assertThat(ParsedJwtDecoder.validated(jwt, OAuth2TokenValidatorResult.success())).isSameAs(jwt);
	}

	@Test
	void validationErrorsFailWithTheFirstDescription() throws Exception {
		Jwt jwt = this.decoder.decode(sign(KEY, claims()), null, null);
		OAuth2Error silent = new OAuth2Error("invalid_token");
		OAuth2Error expired = new OAuth2Error("invalid_token", "Jwt expired at 2033-05-18T03:33:20Z", null);
		OAuth2Error audience = new OAuth2Error("invalid_token", "The aud claim is not valid", null);
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> ParsedJwtDecoder.validated(jwt, OAuth2TokenValidatorResult.failure(silent, expired, audience)))
			.withMessage("An error occurred while attempting to decode the Jwt: Jwt expired at 2033-05-18T03:33:20Z")
			.satisfies((ex) -> assertThat(ex.getErrors()).containsExactly(silent, expired, audience));
		assertThatExceptionOfType(JwtValidationException.class)
			.isThrownBy(() -> ParsedJwtDecoder.validated(jwt, OAuth2TokenValidatorResult.failure(silent)))
			.withMessage("Unable to validate Jwt");
	}

	private void assertSameFailure(String token, Class<? extends Throwable> type, String message) {
		Throwable theirs = catchThrowable(() -> this.nimbus.decode(token));
		assertThat(theirs).isExactlyInstanceOf(type).hasMessage(message);
		Throwable ours = catchThrowable(() -> this.decoder.decode(token, parsedOrNull(token), null));
		assertThat(ours).isExactlyInstanceOf(type).hasMessage(message);
	}

	private static JwtException failureOf(String token, Exception failure) throws ParseException {
		JWTProcessor<SecurityContext> failing = new DefaultJWTProcessor<>() {

			@Override
			public JWTClaimsSet process(JWT jwt, SecurityContext context) throws JOSEException {
				if (failure instanceof JOSEException jose) {
					throw jose;
				}
				throw (RuntimeException) failure;
			}

		};
		ParsedJwtDecoder decoder = new ParsedJwtDecoder(failing, MappedJwtClaimSetConverter.withDefaults(Map.of()));
		Throwable thrown = catchThrowable(() -> decoder.decode(token, SignedJWT.parse(token), null));
		assertThat(thrown).isInstanceOf(JwtException.class).hasCause(failure);
		return (JwtException) thrown;
	}

	private static SignedJWT parsedOrNull(String token) {
		try {
			return SignedJWT.parse(token);
		}
		catch (ParseException ex) {
			return null;
		}
	}

	private static JWTClaimsSet claims() {
		return new JWTClaimsSet.Builder().subject("user_1")
			.issuer("https://issuer.example")
			.audience(List.of("api"))
			.expirationTime(Date.from(Instant.ofEpochSecond(2_000_000_000L)))
			.claim("scope", "read write")
			.build();
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Nimbus's processor as {@link NimbusJwtDecoder} sets it up: RS256 over the key set, claims not checked. */
	private static JWTProcessor<SecurityContext> processor() {
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256,
				new ImmutableJWKSet<>(new JWKSet(KEY.toPublicJWK()))));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
		});
		return processor;
	}

	private static NimbusJwtDecoder nimbus() {
		try {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
			decoder.setJwtValidator((jwt) -> OAuth2TokenValidatorResult.success());
			return decoder;
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RSAKey rsaKey(String kid) {
		try {
			return new RSAKeyGenerator(2048).keyID(kid).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
