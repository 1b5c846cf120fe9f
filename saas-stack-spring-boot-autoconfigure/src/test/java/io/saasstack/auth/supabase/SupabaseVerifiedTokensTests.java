package io.saasstack.auth.supabase;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.nimbusds.jose.jwk.JWKSet;
import io.saasstack.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.saasstack.auth.supabase.SupabaseTestSupport.EC_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.NOW;
import static io.saasstack.auth.supabase.SupabaseTestSupport.USER_ID;
import static io.saasstack.auth.supabase.SupabaseTestSupport.claims;
import static io.saasstack.auth.supabase.SupabaseTestSupport.es256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for the verified tokens a {@link SupabaseJwtVerifier} keeps: a token sent again is not
 * verified again, its claims are, and nothing refused is kept.
 */
class SupabaseVerifiedTokensTests {

	@RegisterExtension
	static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private final MutableClock clock = new MutableClock(NOW);

	private SupabaseJwtVerifier verifier(int maxEntries) {
		return SupabaseTestSupport
			.verifier(wm.baseUrl(), this.clock, (builder) -> builder.publicKeys(new JWKSet(EC_KEY.toPublicJWK()))
				.verifiedTokens(maxEntries, Duration.ofMinutes(5)))
			.build();
	}

	@Test
	void aVerifiedTokenIsKeptAndServedByBothDecoders() {
		SupabaseJwtVerifier verifier = verifier(100);
		String token = es256(claims().build());
		assertThat(verifier.verifiedLately(token)).isNull();
		Jwt jwt = new SupabaseJwtDecoder(verifier).decode(token);
		assertThat(verifier.verifiedLately(token)).isSameAs(jwt);
		assertThat(new SupabaseJwtDecoder(verifier).decode(token)).isSameAs(jwt);
		StepVerifier.create(new ReactiveSupabaseJwtDecoder(verifier).decode(token))
			.assertNext((served) -> assertThat(served).isSameAs(jwt))
			.verifyComplete();
	}

	@Test
	void theClaimsOfAKeptTokenAreValidatedOnEveryRequest() {
		SupabaseJwtVerifier verifier = verifier(100);
		String token = es256(claims().expirationTime(java.util.Date.from(NOW.plusSeconds(120))).build());
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(verifier);
		assertThat(decoder.decode(token).getSubject()).isEqualTo(USER_ID);
		// within the entry's life (5 min), past the token's exp plus the 5 s skew
		this.clock.advance(Duration.ofSeconds(126));
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(token))
			.withMessageContaining("expired");
		StepVerifier.create(new ReactiveSupabaseJwtDecoder(verifier).decode(token))
			.expectError(JwtValidationException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aRefusedTokenIsNeverKept() {
		SupabaseJwtVerifier verifier = verifier(100);
		String otherAudience = es256(claims().audience(List.of("someone-else")).build());
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(verifier);
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(otherAudience));
		assertThat(verifier.verifiedLately(otherAudience)).isNull();
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.decode(otherAudience));
	}

	@Test
	void aTokenWithAnotherSignatureIsVerifiedAndRefused() {
		SupabaseJwtVerifier verifier = verifier(100);
		String token = es256(claims().build());
		SupabaseJwtDecoder decoder = new SupabaseJwtDecoder(verifier);
		decoder.decode(token);
		String signature = token.substring(token.lastIndexOf('.') + 1);
		char last = signature.charAt(10);
		String forged = token.substring(0, token.lastIndexOf('.') + 1) + signature.substring(0, 10)
				+ ((last == 'A') ? 'B' : 'A') + signature.substring(11);
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(forged));
		assertThat(verifier.verifiedLately(forged)).isNull();
	}

	@Test
	void noneAreKeptWhenDisabled() {
		SupabaseJwtVerifier verifier = verifier(0);
		String token = es256(claims().build());
		new SupabaseJwtDecoder(verifier).decode(token);
		assertThat(verifier.verifiedLately(token)).isNull();
	}

	@Test
	void tokensAreNotKeptLongerThanTheKeySet() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SupabaseTestSupport
				.verifier(wm.baseUrl(), this.clock, (builder) -> builder.verifiedTokens(10, Duration.ofMinutes(11)))
				.build())
			.withMessage("verified tokens must not be kept longer than the JWKS (PT10M), or a key removed from it "
					+ "would be trusted longer");
	}

}
