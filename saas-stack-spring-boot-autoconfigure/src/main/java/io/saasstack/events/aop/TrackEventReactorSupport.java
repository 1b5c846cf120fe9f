package io.saasstack.events.aop;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes the events of a method returning a {@link Mono} or a {@link Flux} when the result
 * completes. Only loaded when Reactor is on the classpath.
 */
final class TrackEventReactorSupport {

	private TrackEventReactorSupport() {
	}

	static Mono<?> mono(Object result, TrackEventInvocation invocation) {
		Mono<?> mono = (Mono<?>) result;
		// failures first: an error of the success events must not be reported as a failure
		Mono<?> tracked = invocation.method().firesOn(false) ? mono.doOnError(invocation::failed) : mono;
		return invocation.method().firesOn(true) ? tracked.doOnSuccess(invocation::succeeded) : tracked;
	}

	static Flux<?> flux(Object result, TrackEventInvocation invocation) {
		Flux<?> flux = (Flux<?>) result;
		Flux<?> tracked = invocation.method().firesOn(false) ? flux.doOnError(invocation::failed) : flux;
		if (!invocation.method().firesOn(true)) {
			return tracked;
		}
		return Flux.defer(() -> {
			LastElement last = new LastElement();
			return tracked.doOnNext(last::set).doOnComplete(() -> invocation.succeeded(last.value));
		});
	}

	/**
	 * The last element of one subscription; Reactive Streams signals are serialized.
	 */
	private static final class LastElement {

		private @Nullable Object value;

		void set(Object value) {
			this.value = value;
		}

	}

}
