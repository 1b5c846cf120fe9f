package io.saasstack.auth.clerk;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.Assert;

/**
 * A {@link ReactiveJwtDecoder} of Clerk session tokens, verified like {@code @clerk/backend}
 * does (see {@link ClerkTokenVerifier}). Never blocks: the JWKS is fetched with the reactive
 * client, the signature and claims are checked in memory once the key is known.
 *
 * @since 0.1.0
 */
public final class ReactiveClerkJwtDecoder implements ReactiveJwtDecoder {

	private final ClerkTokenVerifier verifier;

	public ReactiveClerkJwtDecoder(ClerkTokenVerifier verifier) {
		Assert.notNull(verifier, "verifier must not be null");
		this.verifier = verifier;
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		return this.verifier.verifyReactive(token);
	}

	@Override
	public String toString() {
		return "ReactiveClerkJwtDecoder[" + this.verifier + "]";
	}

}
