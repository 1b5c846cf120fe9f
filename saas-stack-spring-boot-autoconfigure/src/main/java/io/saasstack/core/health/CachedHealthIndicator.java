package io.saasstack.core.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;

import io.saasstack.core.SaasException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Runs a {@link SaasHealthCheck} at most once per time-to-live, bounded by a timeout. Concurrent
 * probes of an expired entry wait for one call instead of each making their own.
 *
 * @since 0.1.0
 */
public final class CachedHealthIndicator implements HealthIndicator {

	private final SaasHealthCheck check;

	private final Duration timeToLive;

	private final Duration timeout;

	private final Clock clock;

	private @Nullable Health cached;

	private @Nullable Instant expiresAt;

	public CachedHealthIndicator(SaasHealthCheck check, Duration timeToLive, Duration timeout, Clock clock) {
		this.check = check;
		this.timeToLive = timeToLive;
		this.timeout = timeout;
		this.clock = clock;
	}

	@Override
	public synchronized Health health() {
		Instant now = this.clock.instant();
		if (this.cached != null && this.expiresAt != null && now.isBefore(this.expiresAt)) {
			return this.cached;
		}
		Health health = callCheck();
		this.cached = health;
		this.expiresAt = this.clock.instant().plus(this.timeToLive);
		return health;
	}

	private Health callCheck() {
		try {
			Health health = this.check.check().timeout(this.timeout).block();
			return (health != null) ? health : Health.unknown().build();
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("error", describe(ex)).build();
		}
	}

	private String describe(Throwable ex) {
		Throwable cause = (ex.getCause() != null && !(ex instanceof SaasException)) ? ex.getCause() : ex;
		if (cause instanceof TimeoutException) {
			return "no answer within " + this.timeout.toMillis() + " ms";
		}
		if (cause instanceof SaasException) {
			return cause.getMessage();
		}
		// foreign exception messages are not vetted for secrets: report the type only
		return cause.getClass().getName();
	}

}
