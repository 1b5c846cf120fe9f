package io.saasstack.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Reads rate-limit information from response headers.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RateLimitParser {

	/**
	 * The IETF draft headers ({@code ratelimit-limit}, {@code ratelimit-remaining},
	 * {@code ratelimit-reset} in seconds), their {@code x-ratelimit-*} twins with the reset in
	 * seconds, and {@code Retry-After} as seconds or an HTTP date ({@code retry-after-ms} too).
	 * Values that do not parse are ignored.
	 */
	RateLimitParser STANDARD = headers -> parse(headers, Clock.systemUTC(), Duration::ofSeconds);

	RateLimit parse(HttpHeaders headers);

	/**
	 * Parses the standard headers with the given unit for {@code x-ratelimit-reset}, for providers
	 * that send it in another unit (ImageKit uses milliseconds).
	 */
	static RateLimit parse(HttpHeaders headers, Clock clock, java.util.function.LongFunction<Duration> resetUnit) {
		Long limit = number(first(headers, "ratelimit-limit", "x-ratelimit-limit"));
		Long remaining = number(first(headers, "ratelimit-remaining", "x-ratelimit-remaining"));
		Duration reset = seconds(headers.getFirst("ratelimit-reset"));
		if (reset == null) {
			Long raw = number(headers.getFirst("x-ratelimit-reset"));
			reset = (raw != null) ? resetUnit.apply(raw) : null;
		}
		Duration retryAfter = null;
		Long retryAfterMs = number(headers.getFirst("retry-after-ms"));
		if (retryAfterMs != null) {
			retryAfter = Duration.ofMillis(retryAfterMs);
		}
		else {
			retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), clock);
		}
		if (limit == null && remaining == null && reset == null && retryAfter == null) {
			return RateLimit.NONE;
		}
		return new RateLimit(limit, remaining, reset, retryAfter);
	}

	/** A {@code Retry-After} value: delay-seconds or an HTTP date; null when neither. */
	static @Nullable Duration retryAfter(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Duration seconds = seconds(value);
		if (seconds != null) {
			return seconds;
		}
		try {
			Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable String first(HttpHeaders headers, String... names) {
		for (String name : names) {
			String value = headers.getFirst(name);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static @Nullable Duration seconds(@Nullable String value) {
		Long number = number(value);
		return (number != null) ? Duration.ofSeconds(number) : null;
	}

	private static @Nullable Long number(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.isEmpty() || trimmed.length() > 18) {
			return null;
		}
		for (int i = 0; i < trimmed.length(); i++) {
			if (!Character.isDigit(trimmed.charAt(i))) {
				return null;
			}
		}
		return Long.parseLong(trimmed);
	}

}
