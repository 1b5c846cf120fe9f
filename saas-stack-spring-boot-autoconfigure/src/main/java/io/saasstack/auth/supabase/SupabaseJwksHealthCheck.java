package io.saasstack.auth.supabase;

import java.util.List;

import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.health.SaasHealthCheck;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Checks that Supabase Auth answers. With an API key, {@code GET /auth/v1/health}, which needs
 * the {@code apikey} header (reference {@code auth-supabase.md} §5 "Health") and reports the
 * GoTrue version. Without one, {@code GET /auth/v1/.well-known/jwks.json}, the endpoint token
 * verification depends on, reporting the number of published keys (none means the project still
 * signs with the legacy JWT secret only). Any failure is DOWN with the failure's message, which
 * never contains the key.
 *
 * @since 0.1.0
 */
public final class SupabaseJwksHealthCheck implements SaasHealthCheck {

	private static final SaasRequest HEALTH = SaasRequest.get("health", "/auth/v1/health").build();

	private static final SaasRequest JWKS = SaasRequest.get("jwks", SupabaseJwks.PATH).build();

	private final SaasHttpClient http;

	private final boolean apiKey;

	/**
	 * @param http the client of the project, see {@link SupabaseHttpClients#httpClient}
	 * @param apiKey whether the client sends an API key, which selects the endpoint checked
	 */
	public SupabaseJwksHealthCheck(SaasHttpClient http, boolean apiKey) {
		Assert.notNull(http, "http must not be null");
		this.http = http;
		this.apiKey = apiKey;
	}

	@Override
	public String name() {
		return "supabase";
	}

	@Override
	public Mono<Health> check() {
		Mono<Health> check = (this.apiKey) ? this.http.retrieve(HEALTH, About.class).map(SupabaseJwksHealthCheck::up)
				: this.http.retrieve(JWKS, KeySet.class).map(SupabaseJwksHealthCheck::up);
		// a 2xx without a body is not Supabase Auth (which always answers JSON there): a proxy or a wrong URL
		return check.defaultIfEmpty(Health.down().withDetail("error", "Supabase answered without a body").build())
			.onErrorResume(SaasException.class,
					(ex) -> Mono.just(Health.down().withDetail("error", String.valueOf(ex.getMessage())).build()));
	}

	private static Health up(About about) {
		Health.Builder health = Health.up();
		if (about.name() != null) {
			health.withDetail("name", about.name());
		}
		if (about.version() != null) {
			health.withDetail("version", about.version());
		}
		return health.build();
	}

	private static Health up(KeySet keys) {
		return Health.up().withDetail("keys", (keys.keys() != null) ? keys.keys().size() : 0).build();
	}

	@Override
	public String toString() {
		return "SupabaseJwksHealthCheck[" + this.http + "]";
	}

	/** The body of {@code GET /auth/v1/health}. */
	private record About(@Nullable String version, @Nullable String name) {
	}

	/** The part of the JWKS read here. */
	private record KeySet(@Nullable List<Object> keys) {
	}

}
