package io.saasstack.auth.supabase;

import java.util.List;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.Assert;

/**
 * Decodes and verifies Supabase access tokens for reactive applications, as described in
 * {@link SupabaseJwtVerifier}: the steps of {@link SupabaseJwtDecoder}, on the token parsed once,
 * with the keys from the verifier's JWKS cache without blocking, and the same failures.
 *
 * @since 0.1.0
 */
public final class ReactiveSupabaseJwtDecoder implements ReactiveJwtDecoder {

	private final SupabaseJwtVerifier verifier;

	public ReactiveSupabaseJwtDecoder(SupabaseJwtVerifier verifier) {
		Assert.notNull(verifier, "verifier must not be null");
		this.verifier = verifier;
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		return Mono.defer(() -> {
			Jwt verified = this.verifier.verifiedLately(token);
			if (verified != null) {
				return Mono.just(verified);
			}
			JWT parsed = this.verifier.parse(token);
			if (!(parsed instanceof SignedJWT signed)) {
				return Mono.fromCallable(() -> this.verifier.decode(token, parsed, List.of()));
			}
			return this.verifier.keys(signed)
				.onErrorMap(SupabaseJwtVerifier::keyFailure)
				.map((keys) -> this.verifier.decode(token, signed, keys));
		});
	}

	@Override
	public String toString() {
		return "ReactiveSupabaseJwtDecoder[" + this.verifier + "]";
	}

}
