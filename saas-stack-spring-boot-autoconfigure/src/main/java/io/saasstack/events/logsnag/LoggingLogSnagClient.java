package io.saasstack.events.logsnag;

import java.util.List;
import java.util.Map;

import io.saasstack.core.KeptItems;
import io.saasstack.core.LogLines;
import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.ReactiveLogSnagClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link ReactiveLogSnagClient} used when no LogSnag token is set: each request is checked
 * exactly as the HTTP client checks it, so that a bad key fails in development too, then written
 * as one INFO line instead of being sent. For example:
 * <pre>
 * LogSnag (not sent, no token) #payments "New Subscription": **Pro** plan [plan=premium, trial=false] user=user-123 notify
 * </pre>
 * It never touches the network. The newest {@value #KEPT} requests are kept for a developer
 * page ({@link #recent()}).
 *
 * @since 0.1.0
 */
public final class LoggingLogSnagClient implements ReactiveLogSnagClient {

	private static final Log logger = LogFactory.getLog(LoggingLogSnagClient.class);

	private static final String PREFIX = "LogSnag (not sent, no token) ";

	/** How many requests {@link #recent()} keeps. */
	public static final int KEPT = 500;

	private final LogSnagRequests requests;

	private final KeptItems<LogSnagRequest> recent = new KeptItems<>(KEPT);

	/**
	 * @param requests the checks applied to every request
	 */
	public LoggingLogSnagClient(LogSnagRequests requests) {
		Assert.notNull(requests, "requests must not be null");
		this.requests = requests;
	}

	@Override
	public Mono<Void> send(LogSnagRequest request) {
		return Mono.fromRunnable(() -> {
			LogSnagRequest prepared = this.requests.prepare(request);
			if (logger.isInfoEnabled()) {
				logger.info(PREFIX + describe(prepared));
			}
			this.recent.add(prepared);
		});
	}

	/** The newest requests written to the log (at most {@value #KEPT}), oldest first. */
	public List<LogSnagRequest> recent() {
		return this.recent.list();
	}

	/** One line describing a prepared request. */
	static String describe(LogSnagRequest request) {
		StringBuilder line = new StringBuilder();
		if (request instanceof LogEvent event) {
			line.append('#').append(event.channel()).append(' ');
			icon(line, event.icon());
			line.append('"').append(LogLines.oneLine(event.event())).append('"');
			if (event.description() != null) {
				line.append(": ").append(LogLines.oneLine(event.description()));
			}
			values(line, event.tags());
			if (event.userId() != null) {
				line.append(" user=").append(LogLines.oneLine(event.userId()));
			}
			if (Boolean.TRUE.equals(event.pushNotification())) {
				line.append(" notify");
			}
			if (event.timestamp() != null) {
				line.append(" at ").append(event.timestamp());
			}
		}
		else if (request instanceof Identify identify) {
			line.append("identify user=").append(LogLines.oneLine(identify.userId()));
			values(line, identify.properties());
		}
		else if (request instanceof Insight insight) {
			line.append("insight ");
			icon(line, insight.icon());
			line.append('"').append(LogLines.oneLine(insight.title())).append("\" = ").append(LogLines.oneLine(insight.value()));
		}
		else if (request instanceof InsightIncrement increment) {
			line.append("insight ");
			icon(line, increment.icon());
			String by = String.valueOf(increment.by());
			line.append('"').append(LogLines.oneLine(increment.title())).append('"');
			line.append(by.startsWith("-") ? " -= " + by.substring(1) : " += " + by);
		}
		else {
			Group group = (Group) request;
			line.append("group ").append(LogLines.oneLine(group.groupId()));
			if (group.userId() != null) {
				line.append(" user=").append(LogLines.oneLine(group.userId()));
			}
			values(line, group.properties());
		}
		return line.toString();
	}

	private static void icon(StringBuilder line, @Nullable String icon) {
		if (icon != null) {
			line.append(LogLines.oneLine(icon)).append(' ');
		}
	}

	private static void values(StringBuilder line, Map<String, Object> values) {
		if (values.isEmpty()) {
			return;
		}
		line.append(" [");
		String separator = "";
		for (Map.Entry<String, Object> entry : values.entrySet()) {
			line.append(separator).append(LogLines.oneLine(entry.getKey())).append('=').append(LogLines.oneLine(entry.getValue()));
			separator = ", ";
		}
		line.append(']');
	}


	@Override
	public String toString() {
		return "LoggingLogSnagClient";
	}

}
