package io.saasstack.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RateLimitParser}.
 */
class RateLimitParserTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T10:00:00Z"), ZoneOffset.UTC);

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

	private static RateLimit parse(String... namesAndValues) {
		return RateLimitParser.parse(headers(namesAndValues), CLOCK, Duration::ofSeconds);
	}

	@Test
	void shouldReturnNoneWithoutRateLimitHeaders() {
		assertThat(RateLimitParser.STANDARD.parse(headers("Content-Type", "application/json")))
			.isSameAs(RateLimit.NONE);
		assertThat(RateLimit.NONE.isPresent()).isFalse();
	}

	@Test
	void shouldParseIetfDraftHeaders() {
		RateLimit rateLimit = RateLimitParser.STANDARD
			.parse(headers("RateLimit-Limit", "100", "RateLimit-Remaining", "42", "RateLimit-Reset", "30"));
		assertThat(rateLimit).isEqualTo(new RateLimit(100L, 42L, Duration.ofSeconds(30), null));
		assertThat(rateLimit.isPresent()).isTrue();
	}

	@Test
	void shouldParseXRateLimitHeadersWithResetInSeconds() {
		assertThat(parse("x-ratelimit-limit", "60", "x-ratelimit-remaining", "0", "x-ratelimit-reset", "12"))
			.isEqualTo(new RateLimit(60L, 0L, Duration.ofSeconds(12), null));
	}

	@Test
	void shouldParseXRateLimitResetInCustomUnit() {
		RateLimit rateLimit = RateLimitParser.parse(
				headers("X-RateLimit-Limit", "10", "X-RateLimit-Remaining", "3", "X-RateLimit-Reset", "1500"), CLOCK,
				Duration::ofMillis);
		assertThat(rateLimit).isEqualTo(new RateLimit(10L, 3L, Duration.ofMillis(1500), null));
	}

	@Test
	void shouldPreferIetfHeadersOverXRateLimitHeaders() {
		RateLimit rateLimit = RateLimitParser.parse(headers("ratelimit-limit", "100", "x-ratelimit-limit", "5",
				"ratelimit-reset", "2", "x-ratelimit-reset", "9000"), CLOCK, Duration::ofMillis);
		assertThat(rateLimit.limit()).isEqualTo(100);
		assertThat(rateLimit.reset()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void shouldParseRetryAfterSeconds() {
		assertThat(parse("Retry-After", "120").retryAfter()).isEqualTo(Duration.ofSeconds(120));
		assertThat(parse("Retry-After", " 3 ").retryAfter()).isEqualTo(Duration.ofSeconds(3));
		assertThat(parse("Retry-After", "0").retryAfter()).isEqualTo(Duration.ZERO);
	}

	@Test
	void shouldParseRetryAfterHttpDate() {
		assertThat(parse("Retry-After", "Tue, 04 Mar 2025 10:00:30 GMT").retryAfter())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(RateLimitParser.retryAfter("Tue, 4 Mar 2025 10:02:00 GMT", CLOCK)).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void shouldNotWaitForRetryAfterDateInThePast() {
		assertThat(parse("Retry-After", "Tue, 04 Mar 2025 09:59:00 GMT").retryAfter()).isEqualTo(Duration.ZERO);
	}

	@Test
	void shouldPreferRetryAfterMillis() {
		RateLimit rateLimit = parse("retry-after-ms", "1500", "Retry-After", "2");
		assertThat(rateLimit.retryAfter()).isEqualTo(Duration.ofMillis(1500));
		assertThat(parse("retry-after-ms", "250").retryAfter()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void shouldFallBackToRetryAfterWhenRetryAfterMillisDoesNotParse() {
		assertThat(parse("retry-after-ms", "soon", "Retry-After", "2").retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void shouldIgnoreValuesThatDoNotParse() {
		assertThat(parse("Retry-After", "abc")).isSameAs(RateLimit.NONE);
		assertThat(parse("Retry-After", "")).isSameAs(RateLimit.NONE);
		assertThat(parse("Retry-After", "1.5")).isSameAs(RateLimit.NONE);
		assertThat(parse("Retry-After", "-5")).isSameAs(RateLimit.NONE);
		assertThat(parse("Retry-After", "Tuesday, 2025-03-04")).isSameAs(RateLimit.NONE);
		assertThat(parse("ratelimit-limit", "lots", "ratelimit-remaining", "1e3", "ratelimit-reset",
				"12345678901234567890"))
			.isSameAs(RateLimit.NONE);
		assertThat(RateLimitParser.retryAfter(null, CLOCK)).isNull();
		assertThat(RateLimitParser.retryAfter("abc", CLOCK)).isNull();
	}

	@Test
	void shouldKeepValuesThatParseNextToValuesThatDoNot() {
		assertThat(parse("ratelimit-limit", "100", "ratelimit-remaining", "n/a", "Retry-After", "abc"))
			.isEqualTo(new RateLimit(100L, null, null, null));
	}

}
