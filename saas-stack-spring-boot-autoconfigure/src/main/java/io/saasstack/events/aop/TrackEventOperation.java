package io.saasstack.events.aop;

import java.util.ArrayList;
import java.util.List;

import io.saasstack.events.LogEvent;
import io.saasstack.events.TrackEvent;
import io.saasstack.events.TrackEvent.When;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.ParseException;

/**
 * One {@link TrackEvent @TrackEvent} of a method, with its expressions parsed once.
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
			List<String> problems) {
		TrackEvent annotation = merged.synthesize();
		String label = label(merged, annotation);
		List<String> own = new ArrayList<>();
		Attribute condition = parse(parser, "condition", annotation.condition(), annotation.condition(), own);
		Attribute description = parse(parser, "description", annotation.description(), annotation.description(), own);
		Attribute userId = parse(parser, "userId", annotation.userId(), annotation.userId(), own);
		List<Tag> tags = new ArrayList<>();
		for (String tag : annotation.tags()) {
			int separator = tag.indexOf('=');
			String expression = (separator > 0) ? tag.substring(separator + 1).trim() : "";
			if (separator <= 0 || tag.substring(0, separator).isBlank() || expression.isEmpty()) {
				own.add("tags \"" + tag + "\" is not a \"key=expression\" pair: write it as, for example, \"plan=#plan.name()\"");
				continue;
			}
			Attribute value = parse(parser, "tags", tag, expression, own);
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
			List<String> problems) {
		if (expression.isEmpty()) {
			return null;
		}
		try {
			return new Attribute(name, text, parser.parseExpression(expression));
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
	@Nullable LogEvent toEvent(EvaluationContext context) {
		if (this.condition != null && !Boolean.TRUE.equals(evaluate(this.condition, context, Boolean.class))) {
			return null;
		}
		LogEvent.Builder event = LogEvent.builder(this.annotation.event()).channel(this.channel).icon(this.icon);
		if (this.annotation.pushNotification()) {
			event.notify(true);
		}
		if (this.description != null) {
			event.description(string(evaluate(this.description, context, Object.class)))
				.parser(this.annotation.parser());
		}
		if (this.userId != null) {
			event.userId(string(evaluate(this.userId, context, Object.class)));
		}
		for (Tag tag : this.tags) {
			Object value = evaluate(tag.value(), context, Object.class);
			event.tag(tag.key(), (value instanceof Number || value instanceof Boolean) ? value : string(value));
		}
		return event.build();
	}

	private <T> @Nullable T evaluate(Attribute attribute, EvaluationContext context, Class<T> type) {
		try {
			return attribute.expression().getValue(context, type);
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
	 */
	record Attribute(String name, String text, Expression expression) {

		String describe() {
			return this.name + " \"" + this.text + "\"";
		}

	}

	/**
	 * A tag: its key and its value expression.
	 */
	record Tag(String key, Attribute value) {

	}

}
