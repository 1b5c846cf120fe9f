package io.saasstack.core.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.saasstack.core.SaasPropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Explains a missing saas-stack bean: which saas-stack auto-configuration would have created it,
 * which of its conditions did not match, and which property to set. Runs before Boot's generic
 * analyzer, which would only list the conditions.
 *
 * @since 0.1.0
 */
class NoSuchSaasBeanFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
		implements Ordered {

	private static final String ROOT_PACKAGE = "io.saasstack.";

	private static final Pattern MISSING_PROPERTY = Pattern
		.compile("(?:\\(([a-z0-9.\\-]+)=([^)]*)\\) )?did not find property '([^']+)'");

	private static final Pattern DIFFERENT_VALUE = Pattern
		.compile("\\(([a-z0-9.\\-]+)=([^)]*)\\) found different value in property");

	private static final Pattern MISSING_CLASS = Pattern.compile("did not find required class(?:es)? ([^\\s]+(, [^\\s]+)*)");

	private static final Pattern SET_PROPERTY = Pattern.compile("set '([a-z0-9.\\-]+)'(?: and '([a-z0-9.\\-]+)')?");

	/** What a fix means beyond its property, for the properties where that matters. */
	private static final Map<String, String> NOTES = Map.of("saas.auth.local-tokens.enabled",
			"for development only: requests then need tokens signed by a key generated at startup");

	private static final Pattern MISSING_BEANS = Pattern.compile("did not find any beans of type ([\\w.$]+(?:, [\\w.$]+)*)");

	private final @Nullable ConditionEvaluationReport report;

	NoSuchSaasBeanFailureAnalyzer(BeanFactory beanFactory) {
		ConditionEvaluationReport retained = ConditionEvaluationReportRetainer.retained(beanFactory);
		this.report = (retained != null) ? retained : ConditionEvaluationReport.find(beanFactory);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		Class<?> type = cause.getBeanType();
		if (this.report == null || type == null || !type.getName().startsWith(ROOT_PACKAGE)) {
			return null;
		}
		List<String> reasons = new ArrayList<>();
		Set<String> fixes = new LinkedHashSet<>();
		explain(type, reasons, fixes, true);
		for (String excluded : this.report.getExclusions()) {
			if (excluded.startsWith(ROOT_PACKAGE) && provides(excluded, type)) {
				reasons.add(shortName(excluded) + " is excluded");
				fixes.add("Remove " + excluded + " from 'spring.autoconfigure.exclude' or @EnableAutoConfiguration(exclude).");
			}
		}
		if (reasons.isEmpty()) {
			return null;
		}
		String description = "No bean of type '" + type.getName() + "' is available because saas-stack did not create it:"
				+ System.lineSeparator() + "\t- " + String.join(System.lineSeparator() + "\t- ", reasons);
		String action = fixes.isEmpty() ? "Review the conditions above, or define a bean of type '" + type.getName()
				+ "' in your configuration." : String.join(System.lineSeparator(), fixes);
		return new FailureAnalysis(description, action, cause);
	}

	/**
	 * The failed conditions of the saas-stack configurations that would create the type; when one of
	 * them waited for another missing bean (a JwtDecoder for the resource server), the conditions of
	 * what would have created that one too, where the property to set usually is.
	 */
	private void explain(Class<?> type, List<String> reasons, Set<String> fixes, boolean followMissingBeans) {
		for (Map.Entry<String, ConditionAndOutcomes> entry : this.report.getConditionAndOutcomesBySource().entrySet()) {
			String source = entry.getKey();
			if (!source.startsWith(ROOT_PACKAGE) || entry.getValue().isFullMatch() || !provides(source, type)) {
				continue;
			}
			for (ConditionAndOutcome conditionAndOutcome : entry.getValue()) {
				String message = conditionAndOutcome.getOutcome().getMessage();
				if (conditionAndOutcome.getOutcome().isMatch() || reasons.contains(shortName(source) + ": " + message)) {
					continue;
				}
				reasons.add(shortName(source) + ": " + message);
				fixes.addAll(fixesFor(message));
				Matcher missingBeans = MISSING_BEANS.matcher(message);
				if (followMissingBeans && missingBeans.find()) {
					for (String name : missingBeans.group(1).split(", ")) {
						Class<?> missing = load(name);
						if (missing != null && !missing.equals(type)) {
							explain(missing, reasons, fixes, false);
						}
					}
				}
			}
		}
	}

	private static List<String> fixesFor(String message) {
		List<String> fixes = new ArrayList<>();
		Matcher missing = MISSING_PROPERTY.matcher(message);
		while (missing.find()) {
			String property = missing.group(3);
			String value = property.equals(missing.group(1)) ? missing.group(2) : null;
			fixes.add(set(List.of(property), value));
		}
		Matcher set = SET_PROPERTY.matcher(message);
		while (set.find()) {
			fixes.add(set((set.group(2) != null) ? List.of(set.group(1), set.group(2)) : List.of(set.group(1)), null));
		}
		Matcher missingClass = MISSING_CLASS.matcher(message);
		if (missingClass.find()) {
			fixes.add("Add the library providing " + missingClass.group(1)
					+ " to the classpath; saas-stack-spring-boot-starter brings the default ones.");
		}
		Matcher different = DIFFERENT_VALUE.matcher(message);
		while (different.find()) {
			fixes.add("Set '" + different.group(1) + "' to " + different.group(2) + ", or remove it.");
		}
		return fixes;
	}

	/**
	 * "Set 'a=true' (or the environment variable A=true).", "Set 'a' and 'b' (or the environment
	 * variables A and B).", with the property's note if it has one.
	 */
	private static String set(List<String> properties, @Nullable String value) {
		String suffix = (value != null) ? "=" + value : "";
		List<String> names = properties.stream().map((property) -> "'" + property + suffix + "'").toList();
		List<String> variables = properties.stream()
			.map((property) -> SaasPropertyChecks.environmentVariable(property) + suffix)
			.toList();
		String notes = properties.stream()
			.map(NOTES::get)
			.filter(Objects::nonNull)
			.map((note) -> ", " + note)
			.collect(Collectors.joining());
		return "Set " + String.join(" and ", names) + " (or the environment variable"
				+ ((variables.size() > 1) ? "s " : " ") + String.join(" and ", variables) + ")" + notes + ".";
	}

	/** Whether the configuration class or bean method named by the report source can create the type. */
	private static boolean provides(String source, Class<?> type) {
		int hash = source.indexOf('#');
		String className = (hash >= 0) ? source.substring(0, hash) : source;
		Class<?> configuration = load(className);
		if (configuration == null) {
			return false;
		}
		try {
			return provides(configuration, (hash >= 0) ? source.substring(hash + 1) : null, type);
		}
		catch (LinkageError ex) {
			// a configuration for a stack that is not on the classpath (WebFlux in a servlet app)
			return false;
		}
	}

	private static boolean provides(Class<?> configuration, @Nullable String beanMethod, Class<?> type) {
		if (beanMethod != null) {
			for (Method method : configuration.getDeclaredMethods()) {
				if (method.getName().equals(beanMethod) && type.isAssignableFrom(method.getReturnType())) {
					return true;
				}
			}
			return false;
		}
		return declaresBeanOf(configuration, type);
	}

	private static boolean declaresBeanOf(Class<?> configuration, Class<?> type) {
		for (Method method : configuration.getDeclaredMethods()) {
			if (method.isAnnotationPresent(Bean.class) && type.isAssignableFrom(method.getReturnType())) {
				return true;
			}
		}
		for (Class<?> nested : configuration.getDeclaredClasses()) {
			if (declaresBeanOf(nested, type)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable Class<?> load(String className) {
		try {
			return ClassUtils.forName(className, NoSuchSaasBeanFailureAnalyzer.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

	private static String shortName(String source) {
		return source.substring(source.lastIndexOf('.') + 1);
	}

}
