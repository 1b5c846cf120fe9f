package io.saasstack.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import org.jspecify.annotations.Nullable;

/**
 * The LogSnag requests the local stand-in kept: {@code GET /api/events}, newest first, filtered
 * by {@code channel} and {@code user} when given.
 */
final class EventsSection {

	private final Supplier<List<LogSnagRequest>> requests;

	EventsSection(Supplier<List<LogSnagRequest>> requests) {
		this.requests = requests;
	}

	ConsoleResponse handle(ConsoleRequest request) {
		String channel = request.parameter("channel");
		String user = request.parameter("user");
		List<LogSnagRequest> all = new ArrayList<>(this.requests.get());
		List<Map<String, Object>> timeline = new ArrayList<>();
		for (int i = 0; i < all.size(); i++) {
			Map<String, Object> item = describe(all.get(i));
			item.put("sequence", i + 1);
			if ((channel == null || channel.equals(item.get("channel")))
					&& (user == null || user.equals(item.get("user")))) {
				timeline.add(item);
			}
		}
		Collections.reverse(timeline);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("channels", all.stream().map(EventsSection::channel).filter(Objects::nonNull).distinct().sorted().toList());
		answer.put("users", all.stream().map(EventsSection::user).filter(Objects::nonNull).distinct().sorted().toList());
		answer.put("requests", timeline);
		return ConsoleResponse.json(answer);
	}

	private static @Nullable String channel(LogSnagRequest request) {
		return (request instanceof LogEvent event) ? event.channel() : null;
	}

	private static @Nullable String user(LogSnagRequest request) {
		if (request instanceof LogEvent event) {
			return event.userId();
		}
		if (request instanceof Identify identify) {
			return identify.userId();
		}
		return (request instanceof Group group) ? group.userId() : null;
	}

	static Map<String, Object> describe(LogSnagRequest request) {
		Map<String, Object> item = new LinkedHashMap<>();
		if (request instanceof LogEvent event) {
			item.put("kind", "log");
			item.put("channel", event.channel());
			item.put("event", event.event());
			item.put("description", event.description());
			item.put("icon", event.icon());
			item.put("tags", event.tags());
			item.put("user", event.userId());
			item.put("notify", event.pushNotification());
			item.put("timestamp", (event.timestamp() != null) ? event.timestamp().toString() : null);
		}
		else if (request instanceof Identify identify) {
			item.put("kind", "identify");
			item.put("user", identify.userId());
			item.put("properties", identify.properties());
		}
		else if (request instanceof Insight insight) {
			item.put("kind", "insight");
			item.put("title", insight.title());
			item.put("value", insight.value());
			item.put("icon", insight.icon());
		}
		else if (request instanceof InsightIncrement increment) {
			item.put("kind", "insight-increment");
			item.put("title", increment.title());
			item.put("by", increment.by());
			item.put("icon", increment.icon());
		}
		else {
			Group group = (Group) request;
			item.put("kind", "group");
			item.put("group", group.groupId());
			item.put("user", group.userId());
			item.put("properties", group.properties());
		}
		return item;
	}

}
