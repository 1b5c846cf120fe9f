package io.saasstack.events;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * An event published to a LogSnag channel ({@code POST /v1/log}).
 *
 * @param channel channel, or null for {@code saas.events.logsnag.default-channel}
 * @param event event name, for example "User Upgraded"
 * @param description optional description, markdown when {@code parser} is {@code MARKDOWN}
 * @param icon optional single emoji or shortcode such as {@code :moneybag:}
 * @param pushNotification whether LogSnag sends a push notification (its {@code notify} field),
 * null to leave it to LogSnag
 * @param tags tag values (string, number or boolean) by key; keys are lowercase letters and
 * single dashes
 * @param parser how LogSnag renders the description, null for its default
 * @param userId user the event belongs to, null for none
 * @param timestamp when the event happened, null for now; sent as epoch seconds
 * @since 0.1.0
 */
public record LogEvent(@Nullable String channel, String event, @Nullable String description, @Nullable String icon,
		@Nullable Boolean pushNotification, Map<String, Object> tags, @Nullable Parser parser, @Nullable String userId,
		@Nullable Instant timestamp) implements LogSnagRequest {

	public LogEvent {
		Assert.notNull(event, "event must not be null");
		tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
	}

	/** Starts an event with the given name. */
	public static Builder builder(String event) {
		return new Builder(event);
	}

	/** A copy in another channel. */
	public LogEvent withChannel(String channel) {
		return new LogEvent(channel, this.event, this.description, this.icon, this.pushNotification, this.tags, this.parser,
				this.userId, this.timestamp);
	}

	/** A copy with other tags. */
	public LogEvent withTags(Map<String, Object> tags) {
		return new LogEvent(this.channel, this.event, this.description, this.icon, this.pushNotification, tags, this.parser,
				this.userId, this.timestamp);
	}

	/**
	 * How LogSnag renders an event's description.
	 */
	public enum Parser {

		/** Markdown. */
		MARKDOWN,

		/** Plain text. */
		TEXT

	}

	/**
	 * Builder of a {@link LogEvent}.
	 */
	public static final class Builder {

		private final String event;

		private @Nullable String channel;

		private @Nullable String description;

		private @Nullable String icon;

		private @Nullable Boolean pushNotification;

		private final Map<String, Object> tags = new LinkedHashMap<>();

		private @Nullable Parser parser;

		private @Nullable String userId;

		private @Nullable Instant timestamp;

		private Builder(String event) {
			this.event = event;
		}

		public Builder channel(@Nullable String channel) {
			this.channel = channel;
			return this;
		}

		public Builder description(@Nullable String description) {
			this.description = description;
			return this;
		}

		public Builder icon(@Nullable String icon) {
			this.icon = icon;
			return this;
		}

		/** Whether LogSnag sends a push notification for the event. */
		public Builder notify(boolean pushNotification) {
			this.pushNotification = pushNotification;
			return this;
		}

		/** Adds a tag; the value must be a string, a number or a boolean. A null value is skipped. */
		public Builder tag(String key, @Nullable Object value) {
			if (value != null) {
				this.tags.put(key, value);
			}
			return this;
		}

		public Builder tags(Map<String, ?> tags) {
			tags.forEach(this::tag);
			return this;
		}

		public Builder parser(@Nullable Parser parser) {
			this.parser = parser;
			return this;
		}

		public Builder userId(@Nullable String userId) {
			this.userId = userId;
			return this;
		}

		public Builder timestamp(@Nullable Instant timestamp) {
			this.timestamp = timestamp;
			return this;
		}

		public LogEvent build() {
			return new LogEvent(this.channel, this.event, this.description, this.icon, this.pushNotification, this.tags,
					this.parser, this.userId, this.timestamp);
		}

	}

}
