package io.saasstack.media.imagekit;

import java.util.List;

import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.health.SaasHealthCheck;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Checks that ImageKit answers and accepts the private key, with the cheapest authenticated read
 * of its API: {@code GET /v1/files?limit=1} (the list of files, one at most; ImageKit has no status
 * endpoint). UP when it answers, DOWN with the failure's message otherwise, which never contains
 * the key. The call counts against ImageKit's rate limit like any other; saas-stack caches the
 * result ({@code saas.health.*}).
 *
 * @since 0.1.0
 */
public final class ImageKitHealthCheck implements SaasHealthCheck {

	private static final SaasRequest REQUEST = SaasRequest.get("files.list", "/v1/files").query("limit", 1).build();

	private final SaasHttpClient apiHttp;

	/**
	 * @param apiHttp the client of the ImageKit API, see {@link ImageKitStorage#apiHttpClient}
	 */
	public ImageKitHealthCheck(SaasHttpClient apiHttp) {
		Assert.notNull(apiHttp, "apiHttp must not be null");
		this.apiHttp = apiHttp;
	}

	@Override
	public String name() {
		return "imagekit";
	}

	@Override
	public Mono<Health> check() {
		// read, not ignored: a 2xx that is not a file list (a proxy's page, an empty body) is not ImageKit
		return this.apiHttp.exchange(REQUEST, List.class)
			.map((response) -> (response.body() != null) ? Health.up().build()
					: Health.down().withDetail("error", "ImageKit answered HTTP " + response.status() + " without a body")
						.build())
			.onErrorResume(SaasException.class,
					(ex) -> Mono.just(Health.down().withDetail("error", String.valueOf(ex.getMessage())).build()));
	}

	@Override
	public String toString() {
		return "ImageKitHealthCheck[" + this.apiHttp + "]";
	}

}
