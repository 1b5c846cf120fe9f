package io.saasstack.media.imagekit;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import io.saasstack.core.RateLimit;
import io.saasstack.core.RateLimitParser;

/**
 * Reads ImageKit's rate-limit headers (reference {@code media-imagekit.md} §4 "Rate limits"; ImageKit
 * docs "Rate Limits").
 * <p>
 * ImageKit sends {@code X-RateLimit-Limit} (requests per interval), {@code X-RateLimit-Reset}
 * ("the amount of time in <em>milliseconds</em> before you can make another request") and
 * {@code X-RateLimit-Interval} (interval length in milliseconds). Unlike the standard parser, the
 * reset is read in milliseconds. {@code retry-after-ms} and {@code Retry-After} (seconds or an
 * HTTP date), which the official v7 client honours, are the wait when present; otherwise a
 * rejected call waits {@code X-RateLimit-Reset} (see {@code SaasRateLimitException#getRetryAfter()}),
 * as ImageKit tells callers that receive a 429. The interval has no place in {@link RateLimit}; read it with
 * {@link #interval(HttpHeaders)}.
 *
 * @since 0.1.0
 * @see ImageKitErrorDecoder
 */
public final class ImageKitRateLimitParser implements RateLimitParser {

	/** A shared instance on the system UTC clock. */
	public static final ImageKitRateLimitParser INSTANCE = new ImageKitRateLimitParser();

	/** Interval of the limit, in milliseconds. */
	public static final String INTERVAL_HEADER = "X-RateLimit-Interval";

	private final Clock clock;

	public ImageKitRateLimitParser() {
		this(Clock.systemUTC());
	}

	/** A parser reading HTTP-date {@code Retry-After} values against the given clock. */
	public ImageKitRateLimitParser(Clock clock) {
		this.clock = clock;
	}

	@Override
	public RateLimit parse(HttpHeaders headers) {
		return RateLimitParser.parse(headers, this.clock, Duration::ofMillis);
	}

	/** The {@code X-RateLimit-Interval} header as a duration, or null when absent or not a number. */
	public static @Nullable Duration interval(HttpHeaders headers) {
		String value = headers.getFirst(INTERVAL_HEADER);
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.isEmpty() || trimmed.length() > 18 || !trimmed.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Duration.ofMillis(Long.parseLong(trimmed));
	}

}
