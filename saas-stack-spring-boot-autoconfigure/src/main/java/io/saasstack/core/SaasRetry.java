package io.saasstack.core;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Reactor {@link Retry} applying a {@link RetryPolicy} to one request: only retryable failures,
 * only when repeating is safe, waiting {@code Retry-After} when the provider sends it, and never
 * starting an attempt after the policy's elapsed-time bound. The last failure is rethrown as is.
 */
final class SaasRetry extends Retry {

	private static final Log logger = LogFactory.getLog(SaasRetry.class);

	private final RetryPolicy policy;

	private final SaasRequest request;

	SaasRetry(RetryPolicy policy, SaasRequest request) {
		this.policy = policy;
		this.request = request;
	}

	@Override
	public Publisher<?> generateCompanion(Flux<RetrySignal> signals) {
		long start = System.nanoTime();
		return signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			Duration delay = nextDelay(failure, signal.totalRetries(), Duration.ofNanos(System.nanoTime() - start));
			if (delay == null) {
				return Mono.error(failure);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying " + this.request + " in " + delay.toMillis() + " ms after: " + failure.getMessage());
			}
			return Mono.delay(delay);
		});
	}

	/** The wait before the next attempt, or null when the failure must be propagated. */
	@Nullable Duration nextDelay(Throwable failure, long retriesSoFar, Duration elapsed) {
		if (retriesSoFar + 1 >= this.policy.maxAttempts() || !isSafeToRetry(failure)) {
			return null;
		}
		Duration delay = requestedWait(failure);
		if (delay == null) {
			delay = jittered(this.policy.backoff(retriesSoFar));
		}
		if (elapsed.plus(delay).compareTo(this.policy.maxElapsedTime()) > 0) {
			return null;
		}
		return delay;
	}

	private boolean isSafeToRetry(Throwable failure) {
		if (!(failure instanceof SaasException saasException) || !saasException.isRetryable()) {
			return false;
		}
		if (failure instanceof SaasRateLimitException) {
			return true; // rejected before any effect
		}
		if (failure instanceof SaasTransportException transport && transport.isConnectFailure()) {
			return true; // never reached the provider
		}
		return this.request.isIdempotent();
	}

	private @Nullable Duration requestedWait(Throwable failure) {
		if (failure instanceof SaasRateLimitException rateLimitException) {
			return rateLimitException.getRetryAfter();
		}
		if (failure instanceof SaasApiException apiException) {
			return apiException.getRateLimit().suggestedWait();
		}
		return null;
	}

	private Duration jittered(Duration backoff) {
		long millis = backoff.toMillis();
		long spread = (long) (millis * this.policy.jitter());
		if (spread <= 0) {
			return backoff;
		}
		return Duration.ofMillis(millis - ThreadLocalRandom.current().nextLong(spread + 1));
	}

}
