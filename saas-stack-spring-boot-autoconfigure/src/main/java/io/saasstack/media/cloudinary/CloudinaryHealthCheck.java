package io.saasstack.media.cloudinary;

import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.health.SaasHealthCheck;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Checks that Cloudinary answers and accepts the API key and secret, with the Admin API's
 * cheapest authenticated call: {@code GET /v1_1/<cloud>/ping}, answered {@code {"status":"ok"}}
 * (the official SDKs' {@code Api.ping}). UP when the status is {@code ok}; DOWN with the
 * failure's message, which never contains the secret, otherwise.
 * <p>
 * The Admin API is rate limited per hour and the ping counts: saas-stack caches the result
 * ({@code saas.health.*}) so that probes do not use the quota up.
 *
 * @since 0.1.0
 */
public final class CloudinaryHealthCheck implements SaasHealthCheck {

	private final SaasHttpClient http;

	private final String cloudName;

	private final SaasRequest request;

	/**
	 * @param http client of the Cloudinary API with Basic authentication, see
	 * {@link CloudinaryStorage#httpClient}
	 * @param cloudName the cloud name
	 */
	public CloudinaryHealthCheck(SaasHttpClient http, String cloudName) {
		Assert.notNull(http, "http must not be null");
		Assert.hasText(cloudName, "cloudName must not be empty");
		this.http = http;
		this.cloudName = cloudName;
		this.request = SaasRequest.get("ping", "/v1_1/{cloud}/ping", cloudName).build();
	}

	@Override
	public String name() {
		return CloudinaryTransformations.PROVIDER;
	}

	@Override
	public Mono<Health> check() {
		return this.http.exchange(this.request, PingBody.class).map((response) -> {
			PingBody body = response.body();
			Health.Builder health;
			if (body == null) {
				// a proxy or a wrong base URL must not look healthy, nor report a status Cloudinary never sent
				health = Health.down()
					.withDetail("error", "Cloudinary answered HTTP " + response.status() + " without a body");
			}
			else {
				health = "ok".equals(body.status()) ? Health.up()
						: Health.down().withDetail("status", String.valueOf(body.status()));
			}
			return health.withDetail("cloud", this.cloudName).build();
		}).onErrorResume(SaasException.class, (ex) -> Mono.just(Health.down()
			.withDetail("cloud", this.cloudName)
			.withDetail("error", String.valueOf(ex.getMessage()))
			.build()));
	}

	@Override
	public String toString() {
		return "CloudinaryHealthCheck[" + this.cloudName + "]";
	}

	/** The ping response. */
	record PingBody(@Nullable String status) {

	}

}
