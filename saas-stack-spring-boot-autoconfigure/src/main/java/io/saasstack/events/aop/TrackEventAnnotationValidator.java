package io.saasstack.events.aop;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.saasstack.events.TrackEvent;
import io.saasstack.events.TrackEvent.When;
import io.saasstack.events.aop.TrackEventOperation.Attribute;
import io.saasstack.events.aop.TrackEventOperation.Tag;
import io.saasstack.events.aop.TrackedMethod.ResultKind;
import io.saasstack.events.logsnag.LogSnagRequests;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.FunctionReference;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.Projection;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.Selection;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Checks every {@link TrackEvent @TrackEvent} of every bean once all singletons are created,
 * and fails startup with an {@link IllegalStateException} listing each mistake and how to fix
 * it: expressions that do not parse, unknown variables, {@code #result} in a failure event,
 * {@code #exception} in a success event, tags that are not valid {@code key=expression} pairs
 * for LogSnag, invalid or missing channels, methods a proxy cannot intercept and, when a
 * {@link TrackEventAdvisor} is registered, annotated beans it does not advise.
 *
 * @since 0.1.0
 */
public final class TrackEventAnnotationValidator implements SmartInitializingSingleton, BeanFactoryAware {

	private final @Nullable String defaultChannel;

	private final boolean normalizeKeys;

	private final ExpressionParser parser = new SpelExpressionParser();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	/**
	 * @param defaultChannel {@code saas.events.logsnag.default-channel}, or null
	 */
	public TrackEventAnnotationValidator(@Nullable String defaultChannel) {
		this(defaultChannel, false);
	}

	/**
	 * @param defaultChannel {@code saas.events.logsnag.default-channel}, or null
	 * @param normalizeKeys {@code saas.events.logsnag.normalize-keys}: whether tag keys are
	 * accepted when their normalised form is valid
	 */
	public TrackEventAnnotationValidator(@Nullable String defaultChannel, boolean normalizeKeys) {
		this.defaultChannel = (defaultChannel != null && !defaultChannel.isBlank()) ? defaultChannel : null;
		this.normalizeKeys = normalizeKeys;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory beanFactory = this.beanFactory;
		Assert.state(beanFactory != null, "No BeanFactory");
		TrackEventAdvisor advisor = beanFactory.getBeanProvider(TrackEventAdvisor.class).getIfUnique();
		Map<Class<?>, List<TrackedMethod>> checked = new LinkedHashMap<>();
		List<String> problems = new ArrayList<>();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			if (beanFactory.getMergedBeanDefinition(beanName).isAbstract()) {
				continue;
			}
			Object bean = beanFactory.containsSingleton(beanName) ? beanFactory.getSingleton(beanName) : null;
			if (bean instanceof FactoryBean<?>) {
				bean = null;
			}
			Class<?> type = (bean != null) ? AopProxyUtils.ultimateTargetClass(bean)
					: beanFactory.getType(beanName, false);
			if (type == null) {
				continue;
			}
			Class<?> beanClass = ClassUtils.getUserClass(type);
			String where = "bean '" + beanName + "'";
			List<TrackedMethod> methods = checked.computeIfAbsent(beanClass,
					(key) -> checkClass(key, (problem) -> problems.add(problem + " (" + where + ")")));
			if (advisor != null && bean != null && !methods.isEmpty()) {
				checkProxy(bean, beanName, beanClass, methods, advisor, problems::add);
			}
		}
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Invalid @TrackEvent annotations; fix them so that their events are published:"
					+ System.lineSeparator() + "- " + String.join(System.lineSeparator() + "- ", problems));
		}
	}

	private List<TrackedMethod> checkClass(Class<?> beanClass, Consumer<String> problems) {
		List<TrackedMethod> methods = new ArrayList<>();
		if (!TrackedMethod.declaredIn(beanClass)) {
			return methods;
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(beanClass, ReflectionUtils.USER_DECLARED_METHODS)) {
			TrackedMethod tracked = TrackedMethod.of(method, beanClass, this.parser);
			if (tracked != null) {
				methods.add(tracked);
				checkMethod(tracked, (problem) -> problems.accept(tracked.label() + ": " + problem));
			}
		}
		return methods;
	}

	private void checkMethod(TrackedMethod method, Consumer<String> problems) {
		method.problems().forEach(problems);
		int modifiers = method.method().getModifiers();
		if (Modifier.isPrivate(modifiers) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
			problems.accept("@TrackEvent has no effect on a " + Modifier.toString(modifiers & (Modifier.PRIVATE
					| Modifier.STATIC | Modifier.FINAL))
					+ " method: Spring AOP proxies cannot intercept it; make it a public, non-static, non-final method");
		}
		boolean resultIsVoid = resultIsVoid(method);
		for (TrackEventOperation operation : method.operations()) {
			Consumer<String> operationProblems = (problem) -> problems.accept(operation.label() + ": " + problem);
			checkOperation(operation, operationProblems);
			for (Attribute attribute : operation.attributes()) {
				checkExpression(method, operation.annotation().when(), resultIsVoid,
						((SpelExpression) attribute.expression()).getAST(), false,
						(problem) -> operationProblems.accept(attribute.describe() + ": " + problem));
			}
		}
	}

	private void checkOperation(TrackEventOperation operation, Consumer<String> problems) {
		TrackEvent annotation = operation.annotation();
		if (annotation.event().isBlank()) {
			problems.accept("event is empty: name the event, for example event = \"User Upgraded\"");
		}
		if (!annotation.channel().isEmpty()) {
			try {
				LogSnagRequests.checkName("channel", annotation.channel());
			}
			catch (IllegalArgumentException ex) {
				problems.accept(ex.getMessage());
			}
		}
		else if (this.defaultChannel == null) {
			problems.accept("channel is empty and saas.events.logsnag.default-channel is not set:"
					+ " set channel, for example channel = \"user-signups\", or set the property");
		}
		Set<String> keys = new HashSet<>();
		for (Tag tag : operation.tags()) {
			String key = tag.key();
			String normalized = LogSnagRequests.normalizeKey(key);
			if (!LogSnagRequests.isValidKey(this.normalizeKeys ? normalized : key)) {
				problems.accept(tag.value().describe() + ": key '" + key + "' is not valid for LogSnag: use lowercase"
						+ " letters and single dashes, no digits" + (LogSnagRequests.isValidKey(normalized)
								? ", for example '" + normalized + "'" : ""));
			}
			if (!keys.add(this.normalizeKeys ? normalized : key)) {
				problems.accept(tag.value().describe() + ": key '" + key + "' is used twice: remove one of the tags");
			}
		}
	}

	private void checkExpression(TrackedMethod method, When when, boolean resultIsVoid, SpelNode node,
			boolean elementScope, Consumer<String> problems) {
		if (node instanceof VariableReference) {
			checkVariable(method, when, resultIsVoid, node.toStringAST().substring(1), problems);
		}
		else if (node instanceof FunctionReference) {
			problems.accept("'" + node.toStringAST() + "' calls a function, and none are registered: call a method of"
					+ " an argument or of a bean instead, for example @pricing.format(#amount)");
		}
		else if (!elementScope && (node instanceof PropertyOrFieldReference || node instanceof MethodReference)) {
			String name = (node instanceof PropertyOrFieldReference property) ? property.getName()
					: ((MethodReference) node).getName();
			problems.accept("'" + name + "' is read from the root object, and there is none: refer to an argument as #"
					+ name + ", to a bean as @" + name + ", or quote literal text ('" + name + "')");
		}
		boolean compound = node instanceof CompoundExpression;
		for (int i = 0; i < node.getChildCount(); i++) {
			SpelNode child = node.getChild(i);
			boolean childScope = elementScope || node instanceof Selection || node instanceof Projection;
			if (compound && i > 0) {
				// applied to the value on its left: only its arguments and indexes are checked
				boolean inElement = childScope || child instanceof Selection || child instanceof Projection;
				for (int j = 0; j < child.getChildCount(); j++) {
					checkExpression(method, when, resultIsVoid, child.getChild(j), inElement, problems);
				}
			}
			else {
				checkExpression(method, when, resultIsVoid, child, childScope, problems);
			}
		}
	}

	private void checkVariable(TrackedMethod method, When when, boolean resultIsVoid, String name,
			Consumer<String> problems) {
		if (name.equals("this")) {
			return;
		}
		if (name.equals("root")) {
			problems.accept("#root is always null in @TrackEvent expressions: refer to the arguments by name");
		}
		else if (name.equals("result")) {
			if (when == When.FAILURE) {
				problems.accept("#result is not available in a FAILURE event (the method threw):"
						+ " use when = ALWAYS (#result is then null on failure), or remove #result");
			}
			else if (resultIsVoid) {
				problems.accept("#result is always null, the method returns no value: remove #result");
			}
		}
		else if (name.equals("exception")) {
			if (when == When.SUCCESS) {
				problems.accept("#exception is only available in FAILURE and ALWAYS events:"
						+ " set when = TrackEvent.When.FAILURE or ALWAYS, or remove #exception");
			}
		}
		else if (method.argumentIndex(name) == null) {
			problems.accept("unknown variable #" + name + ": " + variables(method));
		}
	}

	private static String variables(TrackedMethod method) {
		int count = method.method().getParameterCount();
		if (count == 0) {
			return "the method has no arguments; #result and #exception are the other variables";
		}
		String indexed = (count == 1) ? "#p0" : "#p0 to #p" + (count - 1);
		List<String> names = method.parameterNames();
		if (names == null) {
			return "use " + indexed + ", #result or #exception; parameter names are not available:"
					+ " compile with -parameters to use them";
		}
		return "use " + names.stream().map((parameter) -> "#" + parameter).collect(Collectors.joining(", "))
				+ " (or " + indexed + "), #result or #exception";
	}

	private static boolean resultIsVoid(TrackedMethod method) {
		Class<?> type = method.method().getReturnType();
		if (method.resultKind() == ResultKind.SYNC) {
			return type == void.class || type == Void.class;
		}
		return ResolvableType.forMethodReturnType(method.method()).getGeneric(0).resolve() == Void.class;
	}

	private static void checkProxy(Object bean, String beanName, Class<?> beanClass, List<TrackedMethod> methods,
			TrackEventAdvisor advisor, Consumer<String> problems) {
		if (!(bean instanceof Advised advised) || !Arrays.asList(advised.getAdvisors()).contains(advisor)) {
			problems.accept("bean '" + beanName + "' (" + beanClass.getName() + ") has @TrackEvent methods but is not"
					+ " proxied by the TrackEventAdvisor, so they would publish nothing: enable auto-proxying"
					+ " (spring.aop.auto must not be false) and make sure the bean is not created before the bean"
					+ " post-processors, for example as a dependency of a BeanPostProcessor");
			return;
		}
		if (AopUtils.isJdkDynamicProxy(bean)) {
			for (TrackedMethod method : methods) {
				Method invoked = method.method();
				if (Arrays.stream(advised.getProxiedInterfaces())
					.noneMatch((type) -> ClassUtils.hasMethod(type, invoked.getName(), invoked.getParameterTypes()))) {
					problems.accept(method.label() + ": bean '" + beanName + "' is a JDK proxy of "
							+ Arrays.toString(advised.getProxiedInterfaces())
							+ " and none declares the method, so calls never go through the proxy: declare it on an"
							+ " interface, or set spring.aop.proxy-target-class=true");
				}
			}
		}
	}

}
