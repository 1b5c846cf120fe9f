package io.saasstack.events.delivery;

import io.saasstack.core.SaasJson;
import io.saasstack.delivery.DeliveryTask;
import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.ReactiveLogSnagClient;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Delivers stored LogSnag requests with the application's {@link ReactiveLogSnagClient} (LogSnag,
 * or the local stand-in). A request is stored as {@code {"type": "log", "request": {...}}}, the
 * type being one of {@link QueuedEventTracker#TYPES}.
 * <p>
 * Delivery is at least once: after a crash a request can be sent twice. For {@code log},
 * {@code identify}, {@code insight} and {@code group} a repeat sets the same state or adds a twin
 * event; an {@link InsightIncrement} ({@code $inc}) is not idempotent and is then counted twice.
 *
 * @since 0.2.0
 */
public final class LogSnagDeliveryTask implements DeliveryTask {

	/** The task's name. */
	public static final String NAME = "saas-logsnag";

	private static final Class<?>[] CLASSES = { LogEvent.class, Identify.class, Insight.class,
			InsightIncrement.class, Group.class };

	private final ReactiveLogSnagClient client;

	public LogSnagDeliveryTask(ReactiveLogSnagClient client) {
		Assert.notNull(client, "client must not be null");
		this.client = client;
	}

	@Override
	public String name() {
		return NAME;
	}

	/** The stored form of a request. */
	public static String payload(LogSnagRequest request) {
		ObjectNode payload = SaasJson.mapper().createObjectNode();
		payload.put("type", QueuedEventTracker.TYPES[QueuedEventTracker.typeOf(request)]);
		payload.set("request", SaasJson.mapper().valueToTree(request));
		return payload.toString();
	}

	/**
	 * The request stored in a payload.
	 * @throws IllegalArgumentException if the payload is not a stored request (it never will be: the
	 * delivery fails for good at once); the message names what is wrong, never the payload's content
	 */
	public static LogSnagRequest request(String payload) {
		JsonNode stored = read(payload, () -> SaasJson.mapper().readTree(payload), "it is not JSON");
		String type = stored.path("type").asString("");
		for (int i = 0; i < QueuedEventTracker.TYPES.length; i++) {
			if (QueuedEventTracker.TYPES[i].equals(type)) {
				Class<?> requestClass = CLASSES[i];
				return (LogSnagRequest) read(payload,
						() -> SaasJson.mapper().treeToValue(stored.path("request"), requestClass),
						"its request is not a valid " + requestClass.getSimpleName());
			}
		}
		throw new IllegalArgumentException("Not a stored LogSnag request: unknown type '" + type + "'");
	}

	private static <T> T read(String payload, java.util.function.Supplier<T> reader, String problem) {
		try {
			return reader.get();
		}
		catch (JacksonException ex) {
			// Jackson's message quotes the payload, which can hold personal data: its type only
			throw new IllegalArgumentException("Not a stored LogSnag request: " + problem + " ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	@Override
	public Mono<Void> deliver(String payload) {
		return Mono.fromCallable(() -> request(payload)).flatMap(this.client::send);
	}

	@Override
	public String toString() {
		return "LogSnagDeliveryTask[" + this.client + "]";
	}

}
