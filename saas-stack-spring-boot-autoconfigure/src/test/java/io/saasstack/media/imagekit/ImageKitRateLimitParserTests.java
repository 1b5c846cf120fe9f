package io.saasstack.media.imagekit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import io.saasstack.core.RateLimit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ImageKitRateLimitParser}.
 */
class ImageKitRateLimitParserTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);

	private final ImageKitRateLimitParser parser = new ImageKitRateLimitParser(CLOCK);

	@Test
	void readsResetInMilliseconds() {
		HttpHeaders headers = headers("X-RateLimit-Limit", "100", "X-RateLimit-Reset", "1500", "X-RateLimit-Interval",
				"1000");
		RateLimit rateLimit = this.parser.parse(headers);
		assertThat(rateLimit.limit()).isEqualTo(100L);
		assertThat(rateLimit.remaining()).isNull();
		assertThat(rateLimit.reset()).isEqualTo(Duration.ofMillis(1500));
		assertThat(ImageKitRateLimitParser.interval(headers)).isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void resetIsReadInMillisecondsAndIsNotARetryAfter() {
		RateLimit rateLimit = this.parser.parse(headers("X-RateLimit-Reset", "250"));
		assertThat(rateLimit.reset()).isEqualTo(Duration.ofMillis(250));
		assertThat(rateLimit.retryAfter()).isNull();
	}

	@Test
	void retryAfterMsWins() {
		RateLimit rateLimit = this.parser.parse(headers("retry-after-ms", "120", "Retry-After", "9",
				"X-RateLimit-Reset", "1500"));
		assertThat(rateLimit.retryAfter()).isEqualTo(Duration.ofMillis(120));
		assertThat(rateLimit.reset()).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void retryAfterSecondsWinsOverReset() {
		RateLimit rateLimit = this.parser.parse(headers("Retry-After", "2", "X-RateLimit-Reset", "1500"));
		assertThat(rateLimit.retryAfter()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterHttpDateIsMeasuredWithTheClock() {
		RateLimit rateLimit = this.parser.parse(headers("Retry-After", "Thu, 01 Jan 2026 10:00:30 GMT"));
		assertThat(rateLimit.retryAfter()).isEqualTo(Duration.ofSeconds(30));
		assertThat(rateLimit.reset()).isNull();
	}

	@Test
	void noHeadersGiveNone() {
		assertThat(this.parser.parse(new HttpHeaders())).isEqualTo(RateLimit.NONE);
		assertThat(ImageKitRateLimitParser.interval(new HttpHeaders())).isNull();
	}

	@Test
	void ignoresValuesThatAreNotNumbers() {
		HttpHeaders headers = headers("X-RateLimit-Limit", "lots", "X-RateLimit-Reset", "1.5s", "X-RateLimit-Interval",
				"-1", "Retry-After", "soon");
		assertThat(this.parser.parse(headers)).isEqualTo(RateLimit.NONE);
		assertThat(ImageKitRateLimitParser.interval(headers)).isNull();
	}

	@Test
	void sharedInstanceUsesMilliseconds() {
		assertThat(ImageKitRateLimitParser.INSTANCE.parse(headers("X-RateLimit-Reset", "1000")).reset())
			.isEqualTo(Duration.ofSeconds(1));
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
