package io.saasstack.auth.clerk;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.util.Assert;

/**
 * A {@link JwtDecoder} of Clerk session tokens, verified like {@code @clerk/backend} does (see
 * {@link ClerkTokenVerifier}). Blocks while the JWKS is fetched, which happens at most once per
 * cache period.
 *
 * @since 0.1.0
 */
public final class ClerkJwtDecoder implements JwtDecoder {

	private final ClerkTokenVerifier verifier;

	public ClerkJwtDecoder(ClerkTokenVerifier verifier) {
		Assert.notNull(verifier, "verifier must not be null");
		this.verifier = verifier;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		return this.verifier.verify(token);
	}

	@Override
	public String toString() {
		return "ClerkJwtDecoder[" + this.verifier + "]";
	}

}
