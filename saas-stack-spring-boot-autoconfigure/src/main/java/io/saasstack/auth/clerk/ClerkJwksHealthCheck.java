package io.saasstack.auth.clerk;

import io.saasstack.core.health.SaasHealthCheck;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Checks that the Clerk JWKS can be fetched with the secret key ({@code GET /v1/jwks}, which has
 * no rate limit): UP with the number of signing keys, DOWN with the failure's message (never
 * containing the key) or when the key set holds no RSA signing key, since no token could then
 * be verified. The cache of verifications is left alone.
 *
 * @since 0.1.0
 */
public final class ClerkJwksHealthCheck implements SaasHealthCheck {

	private final ClerkJwks jwks;

	public ClerkJwksHealthCheck(ClerkJwks jwks) {
		Assert.notNull(jwks, "jwks must not be null");
		this.jwks = jwks;
	}

	@Override
	public String name() {
		return "clerk";
	}

	@Override
	public Mono<Health> check() {
		return this.jwks.fetch()
			.map((keys) -> keys.isEmpty()
					? Health.down().withDetail("error", "the JWKS holds no RSA signing key").build()
					: Health.up().withDetail("keys", keys.size()).build())
			.onErrorResume(ClerkTokenException.class,
					(ex) -> Mono.just(Health.down().withDetail("error", String.valueOf(ex.getMessage())).build()));
	}

	@Override
	public String toString() {
		return "ClerkJwksHealthCheck[" + this.jwks + "]";
	}

}
