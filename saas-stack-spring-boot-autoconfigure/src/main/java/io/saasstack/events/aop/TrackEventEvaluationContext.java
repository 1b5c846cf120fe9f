package io.saasstack.events.aop;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.expression.BeanResolver;
import org.springframework.expression.ConstructorResolver;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.IndexAccessor;
import org.springframework.expression.MethodResolver;
import org.springframework.expression.OperatorOverloader;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.TypeComparator;
import org.springframework.expression.TypeConverter;
import org.springframework.expression.TypeLocator;
import org.springframework.expression.TypedValue;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.expression.spel.support.StandardTypeLocator;

/**
 * Evaluation context of one call: the arguments by name ({@code #user}) and index
 * ({@code #p0}, {@code #a0}) like a
 * {@link org.springframework.context.expression.MethodBasedEvaluationContext}, {@code #result}
 * and {@code #exception}; no root object, no assignments. Resolvers and accessors are shared
 * (a {@link StandardEvaluationContext} configured once) so that SpEL's per-node caches stay
 * valid from one call to the next and nothing is created per call but this object.
 */
final class TrackEventEvaluationContext implements EvaluationContext {

	private final StandardEvaluationContext shared;

	private final TrackedMethod method;

	private final @Nullable Object[] arguments;

	private final @Nullable Object result;

	private final @Nullable Throwable exception;

	TrackEventEvaluationContext(StandardEvaluationContext shared, TrackedMethod method, @Nullable Object[] arguments,
			@Nullable Object result, @Nullable Throwable exception) {
		this.shared = shared;
		this.method = method;
		this.arguments = arguments;
		this.result = result;
		this.exception = exception;
	}

	/**
	 * A {@link StandardEvaluationContext} to share between calls, with every lazily created
	 * delegate already created.
	 */
	static StandardEvaluationContext shared(@Nullable BeanResolver beanResolver, @Nullable ClassLoader classLoader) {
		StandardEvaluationContext shared = new StandardEvaluationContext();
		if (beanResolver != null) {
			shared.setBeanResolver(beanResolver);
		}
		if (classLoader != null) {
			shared.setTypeLocator(new StandardTypeLocator(classLoader));
		}
		shared.setPropertyAccessors(List.copyOf(shared.getPropertyAccessors()));
		shared.setMethodResolvers(List.copyOf(shared.getMethodResolvers()));
		shared.setConstructorResolvers(List.copyOf(shared.getConstructorResolvers()));
		shared.setIndexAccessors(List.copyOf(shared.getIndexAccessors()));
		shared.getTypeLocator();
		shared.getTypeConverter();
		return shared;
	}

	@Override
	public TypedValue getRootObject() {
		return TypedValue.NULL;
	}

	@Override
	public List<PropertyAccessor> getPropertyAccessors() {
		return this.shared.getPropertyAccessors();
	}

	@Override
	public List<IndexAccessor> getIndexAccessors() {
		return this.shared.getIndexAccessors();
	}

	@Override
	public List<ConstructorResolver> getConstructorResolvers() {
		return this.shared.getConstructorResolvers();
	}

	@Override
	public List<MethodResolver> getMethodResolvers() {
		return this.shared.getMethodResolvers();
	}

	@Override
	public @Nullable BeanResolver getBeanResolver() {
		return this.shared.getBeanResolver();
	}

	@Override
	public TypeLocator getTypeLocator() {
		return this.shared.getTypeLocator();
	}

	@Override
	public TypeConverter getTypeConverter() {
		return this.shared.getTypeConverter();
	}

	@Override
	public TypeComparator getTypeComparator() {
		return this.shared.getTypeComparator();
	}

	@Override
	public OperatorOverloader getOperatorOverloader() {
		return this.shared.getOperatorOverloader();
	}

	@Override
	public boolean isAssignmentEnabled() {
		return false;
	}

	@Override
	public void setVariable(String name, @Nullable Object value) {
		throw new UnsupportedOperationException("@TrackEvent expressions cannot set variables");
	}

	@Override
	public @Nullable Object lookupVariable(String name) {
		if ("result".equals(name)) {
			return this.result;
		}
		if ("exception".equals(name)) {
			return this.exception;
		}
		Integer index = this.method.argumentIndex(name);
		return (index != null && index < this.arguments.length) ? this.arguments[index] : null;
	}

}
