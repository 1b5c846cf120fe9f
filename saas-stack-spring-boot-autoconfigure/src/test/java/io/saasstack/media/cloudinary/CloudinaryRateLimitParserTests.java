package io.saasstack.media.cloudinary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import io.saasstack.core.RateLimit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CloudinaryRateLimitParser}.
 */
class CloudinaryRateLimitParserTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2012-10-03T07:45:00Z"), ZoneOffset.UTC);

	private final CloudinaryRateLimitParser parser = new CloudinaryRateLimitParser(CLOCK);

	@Test
	void readsDocumentedHeaders() {
		RateLimit rateLimit = this.parser.parse(headers("X-FeatureRateLimit-Limit", "500",
				"X-FeatureRateLimit-Remaining", "499", "X-FeatureRateLimit-Reset", "Wed, 03 Oct 2012 08:00:00 GMT"));
		assertThat(rateLimit).isEqualTo(new RateLimit(500L, 499L, Duration.ofMinutes(15), null));
		assertThat(rateLimit.suggestedWait()).isNull();
	}

	@Test
	void exhaustedWindowSuggestsWaitingForTheReset() {
		RateLimit rateLimit = this.parser.parse(headers("X-FeatureRateLimit-Limit", "500",
				"X-FeatureRateLimit-Remaining", "0", "X-FeatureRateLimit-Reset", "Wed, 03 Oct 2012 08:00:00 GMT"));
		assertThat(rateLimit.suggestedWait()).isEqualTo(Duration.ofMinutes(15));
	}

	@Test
	void pastResetIsZero() {
		RateLimit rateLimit = this.parser.parse(headers("X-FeatureRateLimit-Reset", "Wed, 03 Oct 2012 07:00:00 GMT"));
		assertThat(rateLimit.reset()).isEqualTo(Duration.ZERO);
	}

	@Test
	void resetThatIsNotADateIsIgnored() {
		RateLimit rateLimit = this.parser.parse(headers("X-FeatureRateLimit-Limit", "500",
				"X-FeatureRateLimit-Reset", "1349251200"));
		assertThat(rateLimit).isEqualTo(new RateLimit(500L, null, null, null));
	}

	@Test
	void headerNamesAreCaseInsensitive() {
		RateLimit rateLimit = this.parser.parse(headers("x-featureratelimit-limit", "2000",
				"X-FEATURERATELIMIT-REMAINING", "1999"));
		assertThat(rateLimit.limit()).isEqualTo(2000L);
		assertThat(rateLimit.remaining()).isEqualTo(1999L);
	}

	@Test
	void readsStandardRetryAfter() {
		RateLimit rateLimit = this.parser.parse(headers("X-FeatureRateLimit-Remaining", "0", "Retry-After", "60"));
		assertThat(rateLimit.retryAfter()).isEqualTo(Duration.ofSeconds(60));
		assertThat(rateLimit.suggestedWait()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void readsRetryAfterDateWithTheClock() {
		RateLimit rateLimit = this.parser.parse(headers("Retry-After", "Wed, 03 Oct 2012 07:46:00 GMT"));
		assertThat(rateLimit).isEqualTo(new RateLimit(null, null, null, Duration.ofMinutes(1)));
	}

	@Test
	void namedFeatureHeadersAreReadWhenUnnamedAreAbsent() {
		RateLimit rateLimit = this.parser.parse(headers("X-FeatureSearchRateLimit-Limit", "100",
				"X-FeatureSearchRateLimit-Remaining", "40", "X-FeatureUploadRateLimit-Limit", "50",
				"X-FeatureUploadRateLimit-Remaining", "3", "X-FeatureUploadRateLimit-Reset",
				"Wed, 03 Oct 2012 08:45:00 GMT"));
		assertThat(rateLimit).isEqualTo(new RateLimit(50L, 3L, Duration.ofHours(1), null));
	}

	@Test
	void unnamedFeatureHeadersWinOverNamedOnes() {
		RateLimit rateLimit = this.parser.parse(headers("X-FeatureUploadRateLimit-Remaining", "0",
				"X-FeatureRateLimit-Limit", "500", "X-FeatureRateLimit-Remaining", "12"));
		assertThat(rateLimit.limit()).isEqualTo(500L);
		assertThat(rateLimit.remaining()).isEqualTo(12L);
	}

	@Test
	void noHeadersGiveNone() {
		assertThat(this.parser.parse(new HttpHeaders())).isEqualTo(RateLimit.NONE);
		assertThat(this.parser.parse(headers("X-FeatureRateLimit-Limit", "many"))).isEqualTo(RateLimit.NONE);
	}

	@Test
	void sharedInstanceParses() {
		assertThat(CloudinaryRateLimitParser.INSTANCE.parse(headers("X-FeatureRateLimit-Limit", "500")).limit())
			.isEqualTo(500L);
	}

	private static HttpHeaders headers(String... namesAndValues) {
		HttpHeaders headers = new HttpHeaders();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			headers.add(namesAndValues[i], namesAndValues[i + 1]);
		}
		return headers;
	}

}
