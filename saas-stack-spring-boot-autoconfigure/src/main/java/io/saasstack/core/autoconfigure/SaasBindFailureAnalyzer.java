package io.saasstack.core.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.saasstack.core.InvalidSaasPropertyException;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.convert.ConversionException;

/**
 * Reports a {@code saas.*} value Boot cannot convert to the property's type (a word where a
 * number, a duration or one of an enum's values is expected) as Boot's own analyzer does, but
 * without the value: a {@code saas.*} value may be a credential set under the wrong key.
 *
 * @since 0.1.0
 */
class SaasBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		if (!name.startsWith("saas.") || findCause(rootFailure, ConversionException.class) == null
				|| findCause(rootFailure, InvalidSaasPropertyException.class) != null) {
			return null;
		}
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		ConfigurationProperty property = cause.getProperty();
		String origin = (property != null && property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
		return new FailureAnalysis("Property '" + name + "' could not be bound to " + type.getSimpleName()
				+ ": its value is not a valid " + type.getSimpleName() + origin
				+ ". The value is not shown: a saas.* value may be a credential.",
				"Update '" + name + "' in your application's configuration to " + expected(type) + ".", cause);
	}

	private static String expected(Class<?> type) {
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 30s or 5m";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		return "a valid " + type.getSimpleName();
	}

	/** Before Boot's analyzer of binding failures, which shows the value. */
	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
