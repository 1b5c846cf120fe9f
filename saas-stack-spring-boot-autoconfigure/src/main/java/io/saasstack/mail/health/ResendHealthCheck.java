package io.saasstack.mail.health;

import java.util.List;

import io.saasstack.core.SaasApiException;
import io.saasstack.core.SaasException;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasRequest;
import io.saasstack.core.health.SaasHealthCheck;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Checks that Resend answers and accepts the API key, with the cheapest authenticated read of
 * its API: {@code GET /domains?limit=1} (one domain at most; Resend has no status endpoint, and
 * listing emails would carry email content). A full-access key gets UP, with whether the team
 * has a domain. A sending-only key is refused by every endpoint but the send endpoints with
 * {@code 401 restricted_api_key} (reference {@code mail-resend.md} §7): the key is valid and
 * Resend answered, so that is UP too, with {@code access: sending only}. Any other failure is
 * DOWN with the failure's message, which never contains the key.
 * <p>
 * The check goes through the application's Resend client, so it is paced and counts against
 * the rate limit like any call; saas-stack caches its result ({@code saas.health.*}).
 *
 * @since 0.1.0
 */
public final class ResendHealthCheck implements SaasHealthCheck {

	private static final SaasRequest REQUEST = SaasRequest.get("domains.list", "/domains").query("limit", 1).build();

	private final SaasHttpClient http;

	/**
	 * @param http the client of the Resend API, the one the mail client uses
	 */
	public ResendHealthCheck(SaasHttpClient http) {
		Assert.notNull(http, "http must not be null");
		this.http = http;
	}

	@Override
	public String name() {
		return "resend";
	}

	@Override
	public Mono<Health> check() {
		return this.http.exchange(REQUEST, DomainList.class)
			.map((response) -> {
				DomainList body = response.body();
				if (body == null) {
					return Health.down()
						.withDetail("error", "Resend answered HTTP " + response.status() + " without a body")
						.build();
				}
				return Health.up()
					.withDetail("access", "full")
					.withDetail("domains", (body.data() != null && !body.data().isEmpty())
							? "configured" : "none")
					.build();
			})
			.onErrorResume(SaasException.class, (ex) -> Mono.just(health(ex)));
	}

	private static Health health(SaasException ex) {
		if (ex instanceof SaasApiException api && api.getStatus() == 401
				&& "restricted_api_key".equals(api.getErrorCode())) {
			return Health.up()
				.withDetail("access", "sending only")
				.withDetail("note", "the API key can only send emails, so domains were not checked")
				.build();
		}
		return Health.down().withDetail("error", String.valueOf(ex.getMessage())).build();
	}

	@Override
	public String toString() {
		return "ResendHealthCheck[" + this.http + "]";
	}

	/** The part of {@code ListDomainsResponse} read here. */
	private record DomainList(@Nullable List<Object> data) {
	}

}
