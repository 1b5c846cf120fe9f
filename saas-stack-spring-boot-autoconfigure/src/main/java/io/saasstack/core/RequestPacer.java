package io.saasstack.core;

import reactor.core.publisher.Mono;

/**
 * Paces the calls of one provider client to the provider's rate limit: {@link #acquire} is
 * subscribed before every attempt (retries included) and the attempt starts when it completes.
 * The wait does not count against the attempt's timeouts.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RequestPacer {

	/** No pacing. */
	RequestPacer NONE = (request) -> Mono.empty();

	/**
	 * Completes when the request may be sent; an error signal fails the call without sending it.
	 * @param request the request about to be sent
	 */
	Mono<Void> acquire(SaasRequest request);

	/**
	 * Tells the pacer that the provider rejected a call with a rate limit, so that it can hold
	 * the following calls; the default does nothing.
	 * @param exception the provider's rate-limit answer
	 */
	default void rejected(SaasRateLimitException exception) {
	}

	/**
	 * Tells the pacer what the provider said of its rate limit in an answer, whatever its status
	 * ({@code ratelimit-limit}, {@code ratelimit-remaining}, {@code ratelimit-reset},
	 * {@code retry-after}, as the client's {@link RateLimitParser} read them; {@link RateLimit#NONE}
	 * when the answer had none), so that it can adapt to the provider's own count. Called on the
	 * thread that read the answer: it must not block, and it must not throw. The default does
	 * nothing.
	 * @param request the request answered
	 * @param rateLimit the rate-limit headers of the answer
	 */
	default void observed(SaasRequest request, RateLimit rateLimit) {
	}

}
