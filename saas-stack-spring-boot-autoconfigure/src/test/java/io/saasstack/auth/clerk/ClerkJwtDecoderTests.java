package io.saasstack.auth.clerk;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ClerkJwtDecoder} and {@link ReactiveClerkJwtDecoder} (the JWKS paths are in
 * {@link ClerkJwksTests}).
 */
class ClerkJwtDecoderTests {

	private final ClerkTokenVerifier verifier = ClerkTokenVerifier.withJwtKey(TestTokens.pem(TestTokens.KEY))
		.clock(TestTokens.CLOCK)
		.build();

	@Test
	void decodesWithThePemKey() {
		assertThat(new ClerkJwtDecoder(this.verifier).decode(TestTokens.token()).getSubject()).isEqualTo("user_123");
		assertThat(new ReactiveClerkJwtDecoder(this.verifier).decode(TestTokens.token()).block().getSubject())
			.isEqualTo("user_123");
	}

	@Test
	void rejectsWithBadJwtExceptions() {
		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> new ClerkJwtDecoder(this.verifier).decode("garbage"))
			.withMessage("Invalid JWT form. A JWT consists of three parts separated by dots. (token-invalid)");
		assertThatExceptionOfType(BadJwtException.class)
			.isThrownBy(() -> new ReactiveClerkJwtDecoder(this.verifier).decode("garbage").block());
	}

	@Test
	void toStringSaysWhetherTheIssuerIsChecked() {
		assertThat(new ClerkJwtDecoder(this.verifier)).hasToString(
				"ClerkJwtDecoder[ClerkTokenVerifier[jwt-key, issuer not checked]]");
	}

}
