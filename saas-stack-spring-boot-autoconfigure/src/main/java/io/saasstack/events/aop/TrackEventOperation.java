package io.saasstack.events.aop;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.saasstack.events.LogEvent;
import io.saasstack.events.TrackEvent;
import io.saasstack.events.TrackEvent.When;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;

/**
 * One {@link TrackEvent @TrackEvent} of a method, with its expressions parsed once. An
 * expression that is only a variable ({@code #user}, {@code #p0}, {@code #result}) is read
 * straight from the call, without SpEL; the others are evaluated by SpEL, compiled to bytecode
 * once warm when the parser allows it.
 */
final class TrackEventOperation {

	private final TrackEvent annotation;

	private final String label;

	private final String where;

	private final @Nullable String channel;

	private final @Nullable String icon;

	private final @Nullable Attribute condition;

	private final @Nullable Attribute description;

	private final @Nullable Attribute userId;

	private final List<Tag> tags;

	private TrackEventOperation(TrackEvent annotation, String label, String where, @Nullable Attribute condition,
			@Nullable Attribute description, @Nullable Attribute userId, List<Tag> tags) {
		this.annotation = annotation;
		this.label = label;
		this.where = where;
		this.channel = emptyToNull(annotation.channel());
		this.icon = emptyToNull(annotation.icon());
		this.condition = condition;
		this.description = description;
		this.userId = userId;
		this.tags = List.copyOf(tags);
	}

	/**
	 * Parses the expressions of an annotation; what cannot be parsed is added to
	 * {@code problems} and left out.
	 */
	static TrackEventOperation parse(MergedAnnotation<TrackEvent> merged, String methodLabel, ExpressionParser parser,
			Map<String, Integer> arguments, List<String> problems) {
		TrackEvent annotation = merged.synthesize();
		String label = label(merged, annotation);
		List<String> own = new ArrayList<>();
		// the condition is converted to a boolean as SpEL converts it: always evaluated by SpEL
		Attribute condition = parse(parser, "condition", annotation.condition(), annotation.condition(), null, own);
		Attribute description = parse(parser, "description", annotation.description(), annotation.description(),
				arguments, own);
		Attribute userId = parse(parser, "userId", annotation.userId(), annotation.userId(), arguments, own);
		List<Tag> tags = new ArrayList<>();
		for (String tag : annotation.tags()) {
			int separator = tag.indexOf('=');
			String expression = (separator > 0) ? tag.substring(separator + 1).trim() : "";
			if (separator <= 0 || tag.substring(0, separator).isBlank() || expression.isEmpty()) {
				own.add("tags \"" + tag + "\" is not a \"key=expression\" pair: write it as, for example, \"plan=#plan.name()\"");
				continue;
			}
			Attribute value = parse(parser, "tags", tag, expression, arguments, own);
			if (value != null) {
				tags.add(new Tag(tag.substring(0, separator).trim(), value));
			}
		}
		own.forEach((problem) -> problems.add(label + ": " + problem));
		return new TrackEventOperation(annotation, label, label + " on " + methodLabel, condition, description, userId,
				tags);
	}

	private static String label(MergedAnnotation<TrackEvent> merged, TrackEvent annotation) {
		String label = "@TrackEvent(event = \"" + annotation.event() + "\")";
		return (merged.getDistance() > 0) ? label + " (via @" + merged.getRoot().getType().getSimpleName() + ")" : label;
	}

	private static @Nullable Attribute parse(ExpressionParser parser, String name, String text, String expression,
			@Nullable Map<String, Integer> arguments, List<String> problems) {
		if (expression.isEmpty()) {
			return null;
		}
		try {
			Expression parsed = parser.parseExpression(expression);
			return new Attribute(name, text, parsed, (arguments != null) ? Accessor.of(parsed, arguments) : null);
		}
		catch (ParseException ex) {
			problems.add(name + " \"" + text + "\" is not a valid SpEL expression (" + ex.getMessage()
					+ "): fix it, and quote literal text, for example \"'Upgraded to ' + #plan\"");
			return null;
		}
	}

	private static @Nullable String emptyToNull(String value) {
		return value.isEmpty() ? null : value;
	}

	TrackEvent annotation() {
		return this.annotation;
	}

	/** For example {@code @TrackEvent(event = "User Upgraded")}. */
	String label() {
		return this.label;
	}

	/** The parsed expressions, tags included. */
	List<Attribute> attributes() {
		List<Attribute> attributes = new ArrayList<>();
		addIfNotNull(attributes, this.condition);
		addIfNotNull(attributes, this.description);
		addIfNotNull(attributes, this.userId);
		this.tags.forEach((tag) -> attributes.add(tag.value()));
		return attributes;
	}

	List<Tag> tags() {
		return this.tags;
	}

	private static void addIfNotNull(List<Attribute> attributes, @Nullable Attribute attribute) {
		if (attribute != null) {
			attributes.add(attribute);
		}
	}

	boolean firesOn(boolean success) {
		When when = this.annotation.when();
		return when == When.ALWAYS || (when == When.SUCCESS) == success;
	}

	/**
	 * The event, or null when the condition is not true.
	 * @throws TrackEventException if an expression cannot be evaluated
	 */
	@Nullable LogEvent toEvent(Call call) {
		if (this.condition != null && !Boolean.TRUE.equals(evaluate(this.condition, call, Boolean.class))) {
			return null;
		}
		String description = null;
		LogEvent.Parser parser = null;
		if (this.description != null) {
			description = string(evaluate(this.description, call, Object.class));
			parser = this.annotation.parser();
		}
		String userId = (this.userId != null) ? string(evaluate(this.userId, call, Object.class)) : null;
		Map<String, Object> tags = Map.of();
		if (!this.tags.isEmpty()) {
			tags = new LinkedHashMap<>((this.tags.size() * 4 + 2) / 3);
			for (Tag tag : this.tags) {
				Object value = evaluate(tag.value(), call, Object.class);
				if (value != null) {
					tags.put(tag.key(), (value instanceof Number || value instanceof Boolean) ? value : value.toString());
				}
			}
		}
		return new LogEvent(this.channel, this.annotation.event(), description, this.icon,
				this.annotation.pushNotification() ? Boolean.TRUE : null, tags, parser, userId, null);
	}

	private <T> @Nullable T evaluate(Attribute attribute, Call call, Class<T> type) {
		try {
			Accessor accessor = attribute.accessor();
			if (accessor != null) {
				// only for Object.class: no conversion to apply
				return type.cast(accessor.read(call));
			}
			return attribute.expression().getValue(call.context(), type);
		}
		catch (RuntimeException ex) {
			throw new TrackEventException(
					this.where + ": cannot evaluate " + attribute.describe() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * A {@link TrackEventException} saying that the event this operation produced is invalid.
	 */
	TrackEventException invalidEvent(IllegalArgumentException ex) {
		return new TrackEventException(this.where + ": the event is invalid: " + ex.getMessage(), ex);
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? String.valueOf(value) : null;
	}

	/**
	 * A parsed expression attribute.
	 *
	 * @param name attribute name, for example {@code tags}
	 * @param text the attribute as written, for example {@code plan=#plan.name()}
	 * @param expression the parsed expression
	 * @param accessor how to read the value without SpEL, or null when SpEL evaluates it
	 */
	record Attribute(String name, String text, Expression expression, @Nullable Accessor accessor) {

		String describe() {
			return this.name + " \"" + this.text + "\"";
		}

	}

	/**
	 * A tag: its key and its value expression.
	 */
	record Tag(String key, Attribute value) {

	}

	/**
	 * Where a plain variable reference reads its value: an argument index, {@link #RESULT} or
	 * {@link #EXCEPTION}. Resolved as {@link TrackEventEvaluationContext#lookupVariable} would.
	 *
	 * @param index the argument index, or one of the negative constants
	 */
	record Accessor(int index) {

		static final int RESULT = -1;

		static final int EXCEPTION = -2;

		static @Nullable Accessor of(Expression expression, Map<String, Integer> arguments) {
			if (!(expression instanceof SpelExpression spel) || !(spel.getAST() instanceof VariableReference variable)) {
				return null;
			}
			String name = variable.toStringAST().substring(1);
			if (name.equals("result")) {
				return new Accessor(RESULT);
			}
			if (name.equals("exception")) {
				return new Accessor(EXCEPTION);
			}
			Integer index = arguments.get(name);
			// #this, #root and unknown names stay with SpEL
			return (index != null) ? new Accessor(index) : null;
		}

		@Nullable Object read(Call call) {
			if (this.index == RESULT) {
				return call.result();
			}
			if (this.index == EXCEPTION) {
				return call.exception();
			}
			@Nullable Object[] arguments = call.arguments();
			return (this.index < arguments.length) ? arguments[this.index] : null;
		}

	}

	/**
	 * The values of one outcome of a call, and the evaluation context of SpEL expressions.
	 */
	interface Call {

		@Nullable Object[] arguments();

		@Nullable Object result();

		@Nullable Throwable exception();

		/** The context for SpEL, created on first use: calls whose expressions are all plain variables need none. */
		EvaluationContext context();

	}

}
