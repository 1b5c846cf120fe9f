package io.saasstack.media.imagekit;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ImageKitSigner}.
 */
class ImageKitSignerTests {

	@Test
	void signsAsLowerCaseHexHmacSha1() {
		ImageKitSigner signer = new ImageKitSigner("private_key_test");
		assertThat(signer.sign("your_token1582269249")).isEqualTo("e71bcd6031016b060d349d212e23e85c791decdd");
		assertThat(signer.sign("ünïcode")).isEqualTo(ImageKitUrlsTests.hmac("private_key_test", "ünïcode"));
	}

	@Test
	void signsFromManyThreads() throws Exception {
		ImageKitSigner signer = new ImageKitSigner("k3y!");
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> tasks = IntStream.range(0, 400)
				.<Callable<Boolean>>mapToObj((i) -> () -> signer.sign("data" + i)
					.equals(ImageKitUrlsTests.hmac("k3y!", "data" + i)))
				.toList();
			for (Future<Boolean> result : executor.invokeAll(tasks)) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void needsAKeyAndHidesIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ImageKitSigner(""));
		assertThat(new ImageKitSigner("secret_value")).hasToString("ImageKitSigner[HmacSHA1]");
	}

}
