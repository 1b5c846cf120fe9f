package io.saasstack.events.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.saasstack.events.EventTracker;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * Publishes the events of a {@link io.saasstack.events.TrackEvent @TrackEvent} method when
 * its result is known. Everything that depends only on the method is computed once and cached.
 */
final class TrackEventInterceptor implements MethodInterceptor {

	private static final Object NOT_TRACKED = new Object();

	private final Map<MethodClassKey, Object> methods = new ConcurrentHashMap<>(64);

	/** The last lookup of each method, found without creating a key: most methods have one target class. */
	private final Map<Method, Resolved> lastResolved = new ConcurrentHashMap<>(64);

	private final Supplier<EventTracker> tracker;

	private volatile StandardEvaluationContext shared = TrackEventEvaluationContext.shared(null, null);

	TrackEventInterceptor(Supplier<EventTracker> tracker) {
		this.tracker = tracker;
	}

	void setSharedEvaluationContext(StandardEvaluationContext shared) {
		this.shared = shared;
	}

	/**
	 * The tracked method called through {@code method} on an instance of {@code targetClass},
	 * or null.
	 */
	@Nullable TrackedMethod trackedMethod(Method method, @Nullable Class<?> targetClass) {
		Resolved last = this.lastResolved.get(method);
		if (last == null || last.targetClass != targetClass) {
			Object tracked = this.methods.computeIfAbsent(new MethodClassKey(method, targetClass), (key) -> {
				TrackedMethod created = TrackedMethod.of(method, targetClass, parser(method, targetClass));
				return (created != null) ? created : NOT_TRACKED;
			});
			last = new Resolved(targetClass, tracked);
			this.lastResolved.put(method, last);
		}
		return (last.tracked != NOT_TRACKED) ? (TrackedMethod) last.tracked : null;
	}

	/**
	 * A parser whose expressions SpEL compiles to bytecode once they have run a few times, and
	 * interprets again whenever compiled code cannot handle a call (mixed mode). Compiled classes
	 * are defined in a child of the target's class loader, which sees the types the expressions
	 * use.
	 */
	private static ExpressionParser parser(Method method, @Nullable Class<?> targetClass) {
		ClassLoader classLoader = ((targetClass != null) ? targetClass : method.getDeclaringClass()).getClassLoader();
		return new SpelExpressionParser(new SpelParserConfiguration(SpelCompilerMode.MIXED,
				(classLoader != null) ? classLoader : TrackEventInterceptor.class.getClassLoader()));
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Object target = invocation.getThis();
		TrackedMethod method = trackedMethod(invocation.getMethod(),
				(target != null) ? AopUtils.getTargetClass(target) : null);
		if (method == null) {
			return invocation.proceed();
		}
		if (!method.problems().isEmpty()) {
			throw new TrackEventException(
					"Invalid @TrackEvent on " + method.label() + ": " + String.join("; ", method.problems()), null);
		}
		TrackEventInvocation tracking = new TrackEventInvocation(method, invocation.getArguments(), this.tracker,
				this.shared);
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			tracking.failed(ex);
			throw ex;
		}
		if (result == null) {
			tracking.succeeded(null);
			return null;
		}
		return switch (method.resultKind()) {
			case MONO -> TrackEventReactorSupport.mono(result, tracking);
			case FLUX -> TrackEventReactorSupport.flux(result, tracking);
			case FUTURE -> future((CompletionStage<?>) result, tracking);
			default -> {
				tracking.succeeded(result);
				yield result;
			}
		};
	}

	private static CompletionStage<?> future(CompletionStage<?> stage, TrackEventInvocation tracking) {
		BiConsumer<Object, @Nullable Throwable> action = (value, failure) -> {
			if (failure == null) {
				tracking.succeeded(value);
			}
			else {
				tracking.failed((failure instanceof CompletionException && failure.getCause() != null)
						? failure.getCause() : failure);
			}
		};
		// a CompletableFuture returns a CompletableFuture: the declared type is kept
		return stage.whenComplete(action);
	}

	private record Resolved(@Nullable Class<?> targetClass, Object tracked) {

	}

}
