package io.saasstack.events.logsnag;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import io.saasstack.events.Group;
import io.saasstack.events.Identify;
import io.saasstack.events.Insight;
import io.saasstack.events.InsightIncrement;
import io.saasstack.events.LogEvent;
import io.saasstack.events.LogSnagRequest;
import org.jspecify.annotations.Nullable;

/**
 * Completes and checks LogSnag requests before any I/O: the default channel is applied, keys
 * are optionally normalised, and every rule LogSnag enforces is checked so that a bad request
 * fails in the caller's thread with a message saying what is wrong, not later as a 400.
 * <p>
 * Rules (reference {@code events-logsnag.md} §3-4): project and channel are lowercase letters,
 * digits and single dashes; tag and property keys are lowercase letters and single dashes (no
 * digits); values are strings, numbers or booleans; the event name is not empty.
 *
 * @since 0.1.0
 */
public final class LogSnagRequests {

	private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern KEY = Pattern.compile("[a-z]+(-[a-z]+)*");

	/** Names and keys remembered as checked: enough for every constant of an application. */
	private static final int CHECKED_LIMIT = 1024;

	private final @Nullable String defaultChannel;

	private final boolean normalizeKeys;

	/** Channels known to be valid: checked once, then looked up. */
	private final Map<String, Boolean> checkedChannels = new ConcurrentHashMap<>();

	/** Tag and property keys known to be valid, with the form they are sent in. */
	private final Map<String, String> checkedKeys = new ConcurrentHashMap<>();

	/**
	 * @param defaultChannel channel of events that name none, or null
	 * @param normalizeKeys whether to rewrite keys into LogSnag's form instead of rejecting them
	 */
	public LogSnagRequests(@Nullable String defaultChannel, boolean normalizeKeys) {
		if (defaultChannel != null) {
			checkName("saas.events.logsnag.default-channel", defaultChannel);
		}
		this.defaultChannel = defaultChannel;
		this.normalizeKeys = normalizeKeys;
	}

	/**
	 * The request as it will be sent: default channel applied, keys normalised when enabled.
	 * @throws IllegalArgumentException if it breaks one of LogSnag's rules
	 */
	public LogSnagRequest prepare(LogSnagRequest request) {
		if (request instanceof LogEvent event) {
			return prepare(event);
		}
		if (request instanceof Identify identify) {
			check(!identify.userId().isBlank(), "identify: userId must not be blank");
			check(!identify.properties().isEmpty(), "identify: properties must not be empty");
			return new Identify(identify.userId(), keys("identify property", identify.properties()));
		}
		if (request instanceof Insight insight) {
			check(!insight.title().isBlank(), "insight: title must not be blank");
			checkValue("insight '" + insight.title() + "' value", insight.value());
			return insight;
		}
		if (request instanceof InsightIncrement increment) {
			check(!increment.title().isBlank(), "insight increment: title must not be blank");
			return increment;
		}
		Group group = (Group) request;
		check(!group.groupId().isBlank(), "group: groupId must not be blank");
		check(group.userId() != null || !group.properties().isEmpty(),
				"group '" + group.groupId() + "': set a userId, properties, or both");
		return new Group(group.groupId(), group.userId(), keys("group property", group.properties()));
	}

	private LogEvent prepare(LogEvent event) {
		check(!event.event().isBlank(), "event name must not be empty");
		String channel = (event.channel() != null) ? event.channel() : this.defaultChannel;
		check(channel != null, () -> "event '" + event.event()
				+ "' has no channel: set one, or set saas.events.logsnag.default-channel");
		if (this.checkedChannels.get(channel) == null) {
			checkName("channel of event '" + event.event() + "'", channel);
			remember(this.checkedChannels, channel, Boolean.TRUE);
		}
		// the common case, keys already in their final form: checked without copying the event
		if (keysAreFinal(event)) {
			return (channel.equals(event.channel())) ? event : event.withChannel(channel);
		}
		Map<String, Object> tags = keys("tag of event '" + event.event() + "'", event.tags());
		return new LogEvent(channel, event.event(), event.description(), event.icon(), event.pushNotification(), tags,
				event.parser(), event.userId(), event.timestamp());
	}

	/**
	 * Whether every tag key is a known valid key sent as it is, checking the values on the way
	 * (values are dynamic: they are checked on every call).
	 */
	private boolean keysAreFinal(LogEvent event) {
		for (Map.Entry<String, Object> tag : event.tags().entrySet()) {
			String key = tag.getKey();
			if (!key.equals(this.checkedKeys.get(key))) {
				return false;
			}
			checkValue("tag of event '" + event.event() + "' '" + key + "'", tag.getValue());
		}
		return true;
	}

	private static <V> void remember(Map<String, V> checked, String name, V value) {
		if (checked.size() < CHECKED_LIMIT) {
			checked.put(name, value);
		}
	}

	private Map<String, Object> keys(String what, Map<String, Object> values) {
		Map<String, Object> checked = new LinkedHashMap<>();
		Map<String, String> originalKeys = new LinkedHashMap<>();
		values.forEach((key, value) -> {
			String finalKey = this.checkedKeys.get(key);
			if (finalKey == null) {
				finalKey = this.normalizeKeys ? normalizeKey(key) : key;
				check(KEY.matcher(finalKey).matches(), () -> what + " key '" + key
						+ "' is invalid: use lowercase letters and single dashes (no digits), or set saas.events.logsnag.normalize-keys=true");
				remember(this.checkedKeys, key, finalKey);
			}
			checkValue(what + " '" + key + "'", value);
			String other = originalKeys.putIfAbsent(finalKey, key);
			String sent = finalKey;
			// two keys normalised alike would silently lose a value
			check(other == null, () -> what + " keys '" + other + "' and '" + key + "' both become '" + sent + "'");
			checked.put(finalKey, value);
		});
		return checked;
	}

	/**
	 * LogSnag's form of a key: lowercase, runs of other characters (spaces, underscores, digits,
	 * camel-case boundaries) become single dashes. {@code "Plan Type"}, {@code "plan_type"} and
	 * {@code "planType"} all become {@code "plan-type"}.
	 */
	public static String normalizeKey(String key) {
		String split = key.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
		String dashed = split.replaceAll("[^a-z]+", "-");
		return dashed.replaceAll("^-+|-+$", "");
	}

	/** Checks a project or channel name. */
	public static void checkName(String what, String name) {
		check(NAME.matcher(name).matches(), () -> what + " '" + name
				+ "' is invalid: use lowercase letters, digits and single dashes, for example 'user-signups'");
	}

	/** Checks a tag or property key. */
	public static boolean isValidKey(String key) {
		return KEY.matcher(key).matches();
	}

	private static void checkValue(String what, @Nullable Object value) {
		check(value instanceof String || value instanceof Number || value instanceof Boolean,
				() -> what + " must be a string, a number or a boolean, not "
						+ ((value != null) ? value.getClass().getName() : "null"));
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	private static void check(boolean condition, java.util.function.Supplier<String> message) {
		if (!condition) {
			throw new IllegalArgumentException(message.get());
		}
	}

}
