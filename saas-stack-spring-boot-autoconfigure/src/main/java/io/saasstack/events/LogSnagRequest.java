package io.saasstack.events;

/**
 * One call of the LogSnag API: an event, an identify, an insight, an insight increment or a
 * group. The project is added by the client from {@code saas.events.logsnag.project}.
 *
 * @since 0.1.0
 */
public sealed interface LogSnagRequest permits LogEvent, Identify, Insight, InsightIncrement, Group {

}
