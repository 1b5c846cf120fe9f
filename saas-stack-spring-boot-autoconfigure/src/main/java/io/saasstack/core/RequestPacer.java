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

}
