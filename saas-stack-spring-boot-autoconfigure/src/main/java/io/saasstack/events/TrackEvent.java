package io.saasstack.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Publishes a LogSnag event when the annotated method of a Spring bean completes, in the
 * background: the caller never waits for LogSnag.
 * <p>
 * {@link #description()}, {@link #userId()}, {@link #tags()} values and {@link #condition()} are
 * SpEL expressions evaluated against the method's arguments by name ({@code #user}), its result
 * ({@code #result}) and, for failure events, the exception ({@code #exception}); bean references
 * ({@code @bean}) work too. For {@code Mono}, {@code Flux} and {@code CompletableFuture} return
 * types the event fires when the result completes, with {@code #result} the emitted value (the
 * last one for a {@code Flux}). Expressions are checked at startup; one that cannot be evaluated
 * fails the call with a message naming the method and the expression.
 * <p>
 * Repeatable, and usable as a meta-annotation: {@code @TrackEvent(channel = "billing", event =
 * "User Upgraded") @interface UserUpgraded {}}.
 *
 * @since 0.1.0
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(TrackEvent.List.class)
public @interface TrackEvent {

	/** Event name, for example "User Upgraded". */
	String event();

	/** Channel; empty for {@code saas.events.logsnag.default-channel}. */
	String channel() default "";

	/** SpEL expression of the description; empty for none. */
	String description() default "";

	/** Single emoji or shortcode; empty for none. */
	String icon() default "";

	/** Whether LogSnag sends a push notification (its {@code notify} field). */
	boolean pushNotification() default false;

	/** SpEL expression of the user id; empty for none. */
	String userId() default "";

	/** Tags as {@code "key=expression"} pairs, for example {@code "plan=#plan.name()"}. */
	String[] tags() default {};

	/** How LogSnag renders the description. */
	LogEvent.Parser parser() default LogEvent.Parser.TEXT;

	/** SpEL condition; the event is published only when it is true. Empty for always. */
	String condition() default "";

	/** When the event fires. */
	When when() default When.SUCCESS;

	/**
	 * When a {@link TrackEvent} fires.
	 */
	enum When {

		/** When the method (or its async result) completes normally. */
		SUCCESS,

		/** When the method (or its async result) fails; {@code #exception} is the failure. */
		FAILURE,

		/** In both cases. */
		ALWAYS

	}

	/**
	 * Container of repeated {@link TrackEvent}s.
	 */
	@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
	@Retention(RetentionPolicy.RUNTIME)
	@Documented
	@interface List {

		TrackEvent[] value();

	}

}
