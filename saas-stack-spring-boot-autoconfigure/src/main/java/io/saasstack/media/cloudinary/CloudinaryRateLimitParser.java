package io.saasstack.media.cloudinary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

import io.saasstack.core.RateLimit;
import io.saasstack.core.RateLimitParser;

/**
 * Reads Cloudinary's Admin API rate-limit headers (reference {@code media-cloudinary.md} §6
 * "Admin API", "Rate-limit headers").
 * <p>
 * Cloudinary sends {@code X-FeatureRateLimit-Limit}, {@code X-FeatureRateLimit-Remaining} and
 * {@code X-FeatureRateLimit-Reset}, the reset being an RFC 1123 date (for example
 * {@code Wed, 03 Oct 2012 08:00:00 GMT}) turned here into the time left until then by the
 * injected {@link Clock} (zero once past). The official Java SDK matches
 * {@code X-Feature<name>RateLimit-*} too, for per-feature limits; those are read when the
 * unnamed set is absent, keeping the most constrained feature (fewest requests remaining). The
 * standard {@code Retry-After} (seconds or HTTP date) and {@code retry-after-ms} give the wait
 * when sent; the standard limit headers fill in whatever the feature headers lack.
 *
 * @since 0.1.0
 * @see CloudinaryErrorDecoder
 */
public final class CloudinaryRateLimitParser implements RateLimitParser {

	/** A shared instance on the system UTC clock. */
	public static final CloudinaryRateLimitParser INSTANCE = new CloudinaryRateLimitParser();

	private static final Pattern FEATURE_HEADER = Pattern.compile("x-feature(\\w*)ratelimit-(limit|remaining|reset)",
			Pattern.CASE_INSENSITIVE);

	private final Clock clock;

	public CloudinaryRateLimitParser() {
		this(Clock.systemUTC());
	}

	/** A parser measuring the time until reset dates against the given clock. */
	public CloudinaryRateLimitParser(Clock clock) {
		this.clock = clock;
	}

	@Override
	public RateLimit parse(HttpHeaders headers) {
		RateLimit standard = RateLimitParser.parse(headers, this.clock, Duration::ofSeconds);
		Feature feature = feature(headers);
		if (feature == null) {
			return standard;
		}
		RateLimit rateLimit = new RateLimit(orElse(feature.limit, standard.limit()),
				orElse(feature.remaining, standard.remaining()), orElse(feature.reset, standard.reset()),
				standard.retryAfter());
		return rateLimit.isPresent() ? rateLimit : RateLimit.NONE;
	}

	private @Nullable Feature feature(HttpHeaders headers) {
		Map<String, Feature> features = new LinkedHashMap<>();
		for (String name : headers.headerNames()) {
			Matcher matcher = FEATURE_HEADER.matcher(name);
			if (!matcher.matches()) {
				continue;
			}
			String value = headers.getFirst(name);
			Feature feature = features.computeIfAbsent(matcher.group(1).toLowerCase(Locale.ROOT),
					(key) -> new Feature());
			switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
				case "limit" -> feature.limit = number(value);
				case "remaining" -> feature.remaining = number(value);
				default -> feature.reset = untilDate(value);
			}
		}
		Feature unnamed = features.get("");
		if (unnamed != null) {
			return unnamed;
		}
		Feature constrained = null;
		for (Feature feature : features.values()) {
			if (constrained == null || remaining(feature) < remaining(constrained)) {
				constrained = feature;
			}
		}
		return constrained;
	}

	private static long remaining(Feature feature) {
		return (feature.remaining != null) ? feature.remaining : Long.MAX_VALUE;
	}

	private @Nullable Duration untilDate(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			Duration wait = Duration.between(this.clock.instant(), at);
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static @Nullable Long number(@Nullable String value) {
		if (value == null) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.isEmpty() || trimmed.length() > 18 || !trimmed.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Long.parseLong(trimmed);
	}

	private static <T> @Nullable T orElse(@Nullable T value, @Nullable T fallback) {
		return (value != null) ? value : fallback;
	}

	private static final class Feature {

		private @Nullable Long limit;

		private @Nullable Long remaining;

		private @Nullable Duration reset;

	}

}
