package io.saasstack.events.logsnag;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.core.SaasRequest;
import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import io.saasstack.events.ReactiveLogSnagClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * {@link ReactiveLogSnagClient} calling the LogSnag HTTP API ({@code /v1/log},
 * {@code /v1/identify}, {@code /v1/insight}, {@code /v1/group}). Each request is checked by
 * {@link LogSnagRequests} before any I/O, the project is added to every body, and any 2xx
 * response is a success (LogSnag documents no response body).
 * <p>
 * Delivery is at least once: events, identifies, insight values and groups are retried after
 * an ambiguous failure (a timeout, a 5xx), so LogSnag may receive one twice; we prefer a
 * duplicate to a lost event, and identify, insight and group calls set values anyway. An insight
 * increment is never repeated after such a failure, since a double {@code $inc} would corrupt
 * the counter: it is retried only on a 429 or when the connection was never established.
 *
 * @since 0.1.0
 */
public final class LogSnagHttpClient implements ReactiveLogSnagClient {

	private final SaasHttpClient http;

	private final String project;

	private final LogSnagRequests requests;

	/**
	 * @param http client of the LogSnag API, see {@link #httpClient}
	 * @param project the LogSnag project added to every request
	 * @param requests the checks applied before sending
	 */
	public LogSnagHttpClient(SaasHttpClient http, String project, LogSnagRequests requests) {
		Assert.notNull(http, "http must not be null");
		Assert.notNull(project, "project must not be null");
		Assert.notNull(requests, "requests must not be null");
		LogSnagRequests.checkName("saas.events.logsnag.project", project);
		this.http = http;
		this.project = project;
		this.requests = requests;
	}

	/**
	 * The HTTP client of the LogSnag API: base URL, timeouts and retries from the properties,
	 * bearer authentication, LogSnag's error decoding, and the token kept out of messages.
	 * @param factory the factory of provider clients
	 * @param properties the LogSnag client properties
	 * @param token the LogSnag API token
	 * @return the client to give to {@link #LogSnagHttpClient}
	 */
	public static SaasHttpClient httpClient(SaasHttpClientFactory factory, SaasClientProperties properties,
			String token) {
		Assert.hasText(token, "token must not be empty");
		return factory.client("logsnag")
			.properties(properties)
			.errorDecoder(LogSnagErrorDecoder.INSTANCE)
			.defaultHeaders((headers) -> headers.setBearerAuth(token))
			.secrets(token)
			.build();
	}

	@Override
	public Mono<Void> send(LogSnagRequest request) {
		return Mono.fromCallable(() -> toHttpRequest(this.requests.prepare(request)))
			.flatMap((httpRequest) -> this.http.exchange(httpRequest, Void.class))
			.then();
	}

	private SaasRequest toHttpRequest(LogSnagRequest request) {
		if (request instanceof LogEvent event) {
			return SaasRequest.post("log", "/v1/log").json(logBody(event)).idempotent(true).build();
		}
		if (request instanceof Identify identify) {
			return SaasRequest.post("identify", "/v1/identify")
				.json(new IdentifyBody(this.project, identify.userId(), identify.properties()))
				.idempotent(true)
				.build();
		}
		if (request instanceof Insight insight) {
			return SaasRequest.post("insight.set", "/v1/insight")
				.json(new InsightBody(this.project, insight.title(), insight.value(), insight.icon()))
				.idempotent(true)
				.build();
		}
		if (request instanceof InsightIncrement increment) {
			Map<String, Number> inc = Map.of("$inc", increment.by());
			return SaasRequest.patch("insight.increment", "/v1/insight")
				.json(new InsightBody(this.project, increment.title(), inc, increment.icon()))
				.idempotent(false)
				.build();
		}
		Group group = (Group) request;
		return SaasRequest.post("group", "/v1/group")
			.json(new GroupBody(this.project, group.groupId(), group.userId(), nullIfEmpty(group.properties())))
			.idempotent(true)
			.build();
	}

	private LogBody logBody(LogEvent event) {
		String channel = event.channel();
		Assert.state(channel != null, "the prepared event has a channel");
		LogEvent.Parser parser = event.parser();
		return new LogBody(this.project, channel, event.event(), event.description(), event.icon(),
				event.pushNotification(), nullIfEmpty(event.tags()),
				(parser != null) ? parser.name().toLowerCase(Locale.ROOT) : null, event.userId(),
				(event.timestamp() != null) ? event.timestamp().getEpochSecond() : null);
	}

	private static @Nullable Map<String, Object> nullIfEmpty(Map<String, Object> values) {
		return values.isEmpty() ? null : values;
	}

	@Override
	public String toString() {
		return "LogSnagHttpClient[project=" + this.project + "]";
	}

	// Null fields are left out by SaasJson.

	private record LogBody(String project, String channel, String event, @Nullable String description,
			@Nullable String icon, @JsonProperty("notify") @Nullable Boolean pushNotification,
			@Nullable Map<String, Object> tags, @Nullable String parser,
			@JsonProperty("user_id") @Nullable String userId, @Nullable Long timestamp) {
	}

	private record IdentifyBody(String project, @JsonProperty("user_id") String userId,
			Map<String, Object> properties) {
	}

	private record InsightBody(String project, String title, Object value, @Nullable String icon) {
	}

	private record GroupBody(String project, @JsonProperty("group_id") String groupId,
			@JsonProperty("user_id") @Nullable String userId, @Nullable Map<String, Object> properties) {
	}

}
