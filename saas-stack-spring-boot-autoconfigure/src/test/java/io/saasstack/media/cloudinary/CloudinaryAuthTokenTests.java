package io.saasstack.media.cloudinary;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link CloudinaryAuthToken}. Besides the {@code cld-token-acl} vector
 * ({@link CloudinaryUrlsVectorTests}), expected tokens are the output of
 * {@code com.cloudinary.AuthToken} of cloudinary-core 2.3.0.
 */
class CloudinaryAuthTokenTests {

	static final String KEY = "00112233FF99";

	static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1111111111), ZoneOffset.UTC);

	@Test
	void signedUrlWithATokenForItsPath() {
		CloudinaryUrls urls = new CloudinaryUrls(CloudinaryUrlSettings.of("demo", "key", "secretXYZ"), CLOCK);
		CloudinaryUrlOptions options = CloudinaryUrlOptions.builder()
			.type("authenticated")
			.signed(true)
			.authToken(CloudinaryAuthToken.of(KEY).withStartTime(1111111111).withDuration(300))
			.build();
		assertThat(urls.url("sample.jpg", options)).isEqualTo("https://res.cloudinary.com/demo/image/authenticated/sample.jpg"
				+ "?__cld_token__=st=1111111111~exp=1111111411~hmac=55e2d08e4345d3c9a3106fd609982d084b7d2a8ce0f3b28d83be1245e980d0fd");
	}

	@Test
	void aclsIpAndExpiration() {
		CloudinaryUrls urls = new CloudinaryUrls(CloudinaryUrlSettings.of("demo", "key", "secretXYZ"), CLOCK);
		CloudinaryUrlOptions options = CloudinaryUrlOptions.builder()
			.signed(true)
			.authToken(CloudinaryAuthToken.of(KEY).withExpiration(1111111411).withAcl("/image/*", "/video/*")
				.withIp("10.0.0.1"))
			.build();
		assertThat(urls.url("folder/a b.jpg", options)).isEqualTo("https://res.cloudinary.com/demo/image/upload/v1/folder/a%20b.jpg"
				+ "?__cld_token__=ip=10.0.0.1~exp=1111111411~acl=%2fimage%2f*!%2fvideo%2f*~hmac=9ae7cb2cc0283df51967ea0a8d918aeb328529f898946b61fab0e8bc59417c4b");
	}

	@Test
	void durationStartsNowWithoutStartTime() {
		String token = CloudinaryAuthToken.of(KEY).withDuration(60).withAcl("/*").withName("tok").generate(CLOCK);
		assertThat(token).startsWith("tok=exp=1111111171~acl=%2f*~hmac=");
	}

	@Test
	void needsAnAclOrUrlAndAnExpiry() {
		assertThatIllegalArgumentException().isThrownBy(() -> CloudinaryAuthToken.of(KEY).withDuration(60).generate(CLOCK));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CloudinaryAuthToken.of(KEY).withAcl("/*").generate(CLOCK));
	}

	@Test
	void keyNeverInToString() {
		assertThat(CloudinaryAuthToken.of(KEY).toString()).doesNotContain(KEY);
	}

}
