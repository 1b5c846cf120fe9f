package io.saasstack.events.aop;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import io.saasstack.events.TrackEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.expression.ExpressionParser;
import org.springframework.util.ClassUtils;
import org.springframework.util.ConcurrentReferenceHashMap;
import org.springframework.util.ReflectionUtils;

/**
 * A method of a bean class that carries {@link TrackEvent @TrackEvent}s: its operations, how
 * its result completes and how its arguments are named in expressions. Built once per method.
 */
final class TrackedMethod {

	private static final ParameterNameDiscoverer parameterNameDiscoverer = new DefaultParameterNameDiscoverer();

	private static final Map<Class<?>, Boolean> declaringTypes = new ConcurrentReferenceHashMap<>();

	private final Method method;

	private final String label;

	private final List<TrackEventOperation> operations;

	private final List<String> problems;

	private final ResultKind resultKind;

	private final Map<String, Integer> arguments;

	private final @Nullable List<String> parameterNames;

	private final boolean firesOnSuccess;

	private final boolean firesOnFailure;

	private TrackedMethod(Method method, String label, List<TrackEventOperation> operations, List<String> problems,
			ResultKind resultKind, Map<String, Integer> arguments, @Nullable List<String> parameterNames) {
		this.method = method;
		this.label = label;
		this.operations = List.copyOf(operations);
		this.problems = List.copyOf(problems);
		this.resultKind = resultKind;
		this.arguments = Map.copyOf(arguments);
		this.parameterNames = parameterNames;
		this.firesOnSuccess = operations.stream().anyMatch((operation) -> operation.firesOn(true));
		this.firesOnFailure = operations.stream().anyMatch((operation) -> operation.firesOn(false));
	}

	/**
	 * The tracked method invoked through {@code method} on an instance of
	 * {@code targetClass}, or null if it carries no {@code @TrackEvent}.
	 */
	/**
	 * Whether a method of the type, of its superclasses or of its interfaces carries
	 * {@code @TrackEvent} (present, repeated or meta-present): a quick test that spares the
	 * hierarchy search of every method of the many bean classes that have none.
	 */
	static boolean declaredIn(Class<?> type) {
		return AnnotationUtils.isCandidateClass(type, TrackEvent.class)
				&& declaringTypes.computeIfAbsent(type, TrackedMethod::searchHierarchy);
	}

	private static boolean searchHierarchy(Class<?> type) {
		for (Class<?> candidate = type; candidate != null && candidate != Object.class;
				candidate = candidate.getSuperclass()) {
			if (declares(candidate)) {
				return true;
			}
		}
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (declares(candidate)) {
				return true;
			}
		}
		return false;
	}

	private static boolean declares(Class<?> type) {
		if (!AnnotationUtils.isCandidateClass(type, TrackEvent.class)) {
			return false;
		}
		for (Method method : ReflectionUtils.getDeclaredMethods(type)) {
			// most methods have no annotation: skip them before building their merged annotations
			if (method.getDeclaredAnnotations().length > 0 && MergedAnnotations
				.from(method, SearchStrategy.DIRECT, RepeatableContainers.standardRepeatables())
				.isPresent(TrackEvent.class)) {
				return true;
			}
		}
		return false;
	}

	static @Nullable TrackedMethod of(Method method, @Nullable Class<?> targetClass, ExpressionParser parser) {
		Method specificMethod = AopUtils.getMostSpecificMethod(method, targetClass);
		List<MergedAnnotation<TrackEvent>> annotations = findAnnotations(specificMethod);
		if (annotations.isEmpty()) {
			return null;
		}
		String label = label(specificMethod, (targetClass != null) ? targetClass : specificMethod.getDeclaringClass());
		Map<String, Integer> arguments = arguments(method, specificMethod);
		List<String> problems = new ArrayList<>();
		List<TrackEventOperation> operations = new ArrayList<>();
		annotations.forEach((annotation) -> operations
			.add(TrackEventOperation.parse(annotation, label, parser, arguments, problems)));
		ResultKind resultKind = ResultKind.of(specificMethod.getReturnType());
		if (resultKind == ResultKind.UNSUPPORTED) {
			problems.add("@TrackEvent cannot tell when a " + specificMethod.getReturnType().getName()
					+ " completes: declare the method as returning Mono, Flux, CompletionStage or CompletableFuture");
		}
		@Nullable String[] names = parameterNames(method, specificMethod);
		return new TrackedMethod(specificMethod, label, operations, problems, resultKind, arguments,
				(names != null) ? Arrays.asList(names) : null);
	}

	private static @Nullable String @Nullable [] parameterNames(Method method, Method specificMethod) {
		@Nullable String[] names = parameterNameDiscoverer.getParameterNames(specificMethod);
		if (names == null && specificMethod != method) {
			names = parameterNameDiscoverer.getParameterNames(method);
		}
		return names;
	}

	/** The variables naming each argument: {@code #name}, {@code #p0}, {@code #a0}. */
	private static Map<String, Integer> arguments(Method method, Method specificMethod) {
		@Nullable String[] names = parameterNames(method, specificMethod);
		Map<String, Integer> arguments = new HashMap<>();
		for (int i = 0; i < specificMethod.getParameterCount(); i++) {
			arguments.put("a" + i, i);
			arguments.put("p" + i, i);
			String name = (names != null) ? names[i] : null;
			if (name != null) {
				arguments.put(name, i);
			}
		}
		return arguments;
	}

	/**
	 * The annotations of a method, directly present, repeated or meta-present, including those
	 * of the methods it overrides or implements; the annotations of the most specific method
	 * that declares any replace those of the methods it overrides.
	 */
	static List<MergedAnnotation<TrackEvent>> findAnnotations(Method method) {
		List<MergedAnnotation<TrackEvent>> nearest = new ArrayList<>(1);
		int nearestIndex = Integer.MAX_VALUE;
		for (MergedAnnotation<TrackEvent> annotation : MergedAnnotations
			.from(method, SearchStrategy.TYPE_HIERARCHY, RepeatableContainers.standardRepeatables())
			.stream(TrackEvent.class)
			.toList()) {
			if (annotation.getAggregateIndex() < nearestIndex) {
				nearest.clear();
				nearestIndex = annotation.getAggregateIndex();
			}
			if (annotation.getAggregateIndex() == nearestIndex) {
				nearest.add(annotation);
			}
		}
		return nearest;
	}

	private static String label(Method method, Class<?> targetClass) {
		return ClassUtils.getUserClass(targetClass).getName() + "." + method.getName()
				+ Arrays.stream(method.getParameterTypes())
					.map(Class::getSimpleName)
					.collect(Collectors.joining(", ", "(", ")"));
	}

	/** The most specific method: the one of the target class. */
	Method method() {
		return this.method;
	}

	/** For example {@code com.example.UserService.upgrade(User, Plan)}. */
	String label() {
		return this.label;
	}

	List<TrackEventOperation> operations() {
		return this.operations;
	}

	/** What is wrong with the annotations, empty when they are valid. */
	List<String> problems() {
		return this.problems;
	}

	ResultKind resultKind() {
		return this.resultKind;
	}

	/** Index of the argument a variable name refers to ({@code #name}, {@code #p0}, {@code #a0}). */
	@Nullable Integer argumentIndex(String variable) {
		return this.arguments.get(variable);
	}

	/** The names of the parameters, in order, or null if they are not available. */
	@Nullable List<String> parameterNames() {
		return this.parameterNames;
	}

	boolean firesOn(boolean success) {
		return success ? this.firesOnSuccess : this.firesOnFailure;
	}

	/**
	 * How the result of a method completes.
	 */
	enum ResultKind {

		/** When the method returns. */
		SYNC,

		/** A {@code Mono}. */
		MONO,

		/** A {@code Flux}. */
		FLUX,

		/** A {@code CompletionStage} or {@code CompletableFuture}. */
		FUTURE,

		/** An asynchronous type whose completion is not observed. */
		UNSUPPORTED;

		private static final @Nullable Class<?> publisherType = ClassUtils.isPresent(
				"org.reactivestreams.Publisher", ResultKind.class.getClassLoader())
						? ClassUtils.resolveClassName("org.reactivestreams.Publisher", ResultKind.class.getClassLoader())
						: null;

		static ResultKind of(Class<?> type) {
			if (type == CompletableFuture.class || type == CompletionStage.class) {
				return FUTURE;
			}
			if (CompletionStage.class.isAssignableFrom(type)) {
				return UNSUPPORTED;
			}
			// compared by name: Reactor is optional
			if (type.getName().equals("reactor.core.publisher.Mono")) {
				return MONO;
			}
			if (type.getName().equals("reactor.core.publisher.Flux")) {
				return FLUX;
			}
			if (publisherType != null && publisherType.isAssignableFrom(type)) {
				return UNSUPPORTED;
			}
			return SYNC;
		}

	}

}
