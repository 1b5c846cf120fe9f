package io.saasstack.auth.supabase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.function.BiFunction;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import io.saasstack.auth.security.TokenFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import static io.saasstack.auth.supabase.SupabaseTestSupport.EC_KEY;
import static io.saasstack.auth.supabase.SupabaseTestSupport.NOW;
import static io.saasstack.auth.supabase.SupabaseTestSupport.claims;
import static io.saasstack.auth.supabase.SupabaseTestSupport.es256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The exact {@code exp} and {@code nbf} boundaries of the Supabase decoders, servlet and reactive,
 * with a fixed clock: expired when {@code exp <= now - skew}, not valid yet when
 * {@code nbf > now + skew} (RFC 7519, auth-js, and the Clerk verifier).
 */
class SupabaseTimeBoundaryTests {

	private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

	static List<Arguments> decoders() {
		BiFunction<SupabaseJwtVerifier, String, Jwt> servlet = (verifier, token) -> new SupabaseJwtDecoder(verifier)
			.decode(token);
		BiFunction<SupabaseJwtVerifier, String, Jwt> reactive = (verifier,
				token) -> new ReactiveSupabaseJwtDecoder(verifier).decode(token).block();
		return List.of(Arguments.of("servlet", Duration.ZERO, servlet), Arguments.of("servlet", Duration.ofSeconds(5), servlet),
				Arguments.of("reactive", Duration.ZERO, reactive),
				Arguments.of("reactive", Duration.ofSeconds(5), reactive));
	}

	private static SupabaseJwtVerifier verifier(Duration skew) {
		return SupabaseTestSupport.verifier("http://localhost:1", CLOCK,
				(builder) -> builder.clockSkew(skew).publicKeys(new JWKSet(EC_KEY.toPublicJWK())))
			.build();
	}

	@ParameterizedTest(name = "{0}, skew {1}")
	@MethodSource("decoders")
	void expiredWhenExpIsAtOrBeforeNowMinusSkew(String name, Duration skew,
			BiFunction<SupabaseJwtVerifier, String, Jwt> decoder) {
		SupabaseJwtVerifier verifier = verifier(skew);
		Instant boundary = NOW.minus(skew);
		assertRefused(decoder, verifier, claims().expirationTime(Date.from(boundary)), TokenFailure.EXPIRED);
		assertRefused(decoder, verifier, claims().expirationTime(Date.from(boundary.minusSeconds(1))),
				TokenFailure.EXPIRED);
		assertThat(decoder.apply(verifier, es256(claims().expirationTime(Date.from(boundary.plusSeconds(1))).build())))
			.isNotNull();
	}

	@ParameterizedTest(name = "{0}, skew {1}")
	@MethodSource("decoders")
	void notValidYetWhenNbfIsAfterNowPlusSkew(String name, Duration skew,
			BiFunction<SupabaseJwtVerifier, String, Jwt> decoder) {
		SupabaseJwtVerifier verifier = verifier(skew);
		Instant boundary = NOW.plus(skew);
		assertThat(decoder.apply(verifier, es256(claims().notBeforeTime(Date.from(boundary)).build()))).isNotNull();
		assertRefused(decoder, verifier, claims().notBeforeTime(Date.from(boundary.plusSeconds(1))),
				TokenFailure.NOT_YET_VALID);
	}

	private static void assertRefused(BiFunction<SupabaseJwtVerifier, String, Jwt> decoder,
			SupabaseJwtVerifier verifier, JWTClaimsSet.Builder claims, TokenFailure failure) {
		String token = es256(claims.build());
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> decoder.apply(verifier, token))
			.satisfies((ex) -> assertThat(TokenFailure.of(ex)).isEqualTo(failure));
	}

}
