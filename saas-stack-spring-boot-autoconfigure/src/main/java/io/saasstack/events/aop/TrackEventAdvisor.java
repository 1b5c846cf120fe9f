package io.saasstack.events.aop;

import java.lang.reflect.Method;

import io.saasstack.events.EventTracker;
import io.saasstack.events.TrackEvent;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Pointcut;
import org.springframework.aop.support.AbstractPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.Ordered;
import org.springframework.util.function.SingletonSupplier;

/**
 * Spring AOP advisor that publishes the events of {@link TrackEvent @TrackEvent} methods
 * through the {@link EventTracker}: the caller never waits for LogSnag.
 * <p>
 * Matches methods carrying {@code @TrackEvent} directly, repeated or through a
 * meta-annotation, on the bean class or on a method it implements or overrides (the
 * annotations of the most specific method that declares any win). Events fire when the method
 * returns or throws, or, for {@code Mono}, {@code Flux}, {@code CompletionStage} and
 * {@code CompletableFuture} results, when the result completes (once per subscription; a
 * cancelled subscription publishes nothing); an exception of the method is rethrown unchanged.
 * Expressions are parsed once per method and evaluated on the caller's thread, without I/O;
 * they follow {@code spring.expression.compiler.mode}.
 * <p>
 * Register it as an infrastructure bean ({@code ROLE_INFRASTRUCTURE}) so that Spring Boot's
 * auto-proxying applies it with or without AspectJ. By default it runs around advice of the
 * lowest precedence, such as transactions, so that a success event means the transaction
 * committed.
 *
 * @since 0.1.0
 */
@SuppressWarnings("serial")
public final class TrackEventAdvisor extends AbstractPointcutAdvisor implements BeanFactoryAware {

	/** Default order: before (around) advice of the lowest precedence. */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	private final TrackEventInterceptor interceptor;

	private final Pointcut pointcut;

	/**
	 * @param tracker the tracker, looked up on the first event: the advisor is created before
	 * most beans
	 */
	public TrackEventAdvisor(ObjectProvider<EventTracker> tracker) {
		this.interceptor = new TrackEventInterceptor(SingletonSupplier.of(tracker::getObject));
		this.pointcut = new TrackEventPointcut(this.interceptor);
		setOrder(DEFAULT_ORDER);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.interceptor.setSharedEvaluationContext(TrackEventEvaluationContext.shared(
				new BeanFactoryResolver(beanFactory),
				(beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable.getBeanClassLoader()
						: null));
	}

	@Override
	public Pointcut getPointcut() {
		return this.pointcut;
	}

	@Override
	public Advice getAdvice() {
		return this.interceptor;
	}

	private static final class TrackEventPointcut extends StaticMethodMatcherPointcut {

		private final TrackEventInterceptor interceptor;

		TrackEventPointcut(TrackEventInterceptor interceptor) {
			this.interceptor = interceptor;
			setClassFilter(TrackedMethod::declaredIn);
		}

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			return this.interceptor.trackedMethod(method, targetClass) != null;
		}

	}

}
