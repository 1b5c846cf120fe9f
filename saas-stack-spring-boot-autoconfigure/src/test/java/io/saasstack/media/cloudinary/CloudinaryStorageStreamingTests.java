package io.saasstack.media.cloudinary;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.media.UploadRequest;
import io.saasstack.media.UploadResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.core.io.AbstractResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads 200 MB generated on the fly to a tiny Reactor Netty server that counts and discards
 * what it receives (WireMock would buffer the body itself), and checks that the heap retained
 * during the upload stays far below the file size: the file is streamed, not loaded. Only
 * memory is bounded, never time.
 */
class CloudinaryStorageStreamingTests {

	static final long SIZE = 200L * 1024 * 1024;

	static final long CHECKPOINT = 25L * 1024 * 1024;

	static final long MAX_RETAINED = 64L * 1024 * 1024;

	@Test
	void uploadsA200MegabyteResourceWithoutHoldingItInMemory() {
		AtomicLong received = new AtomicLong();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1_1/demo/auto/upload", (request, response) -> request.receive()
				.map(ByteBuf::readableBytes)
				.reduce(0L, Long::sum)
				.flatMap((total) -> {
					received.set(total);
					return response.header("Content-Type", "application/json")
						.sendString(Mono.just("{\"public_id\":\"big\",\"secure_url\":\"https://res.cloudinary.com/demo/raw/upload/v1/big\","
								+ "\"bytes\":" + SIZE + "}"))
						.then();
				})))
			.bindNow();
		try {
			SaasClientProperties properties = new SaasClientProperties(
					URI.create("http://127.0.0.1:" + server.port())) {
			};
			properties.setResponseTimeout(Duration.ofMinutes(5));
			properties.getRetry().setMaxAttempts(1);
			CloudinaryStorage storage = new CloudinaryStorage(
					CloudinaryStorage.httpClient(SaasHttpClientFactory.standalone(), properties,
							CloudinaryStorageTests.API_KEY, CloudinaryStorageTests.API_SECRET),
					CloudinaryUrlSettings.of("demo", CloudinaryStorageTests.API_KEY, CloudinaryStorageTests.API_SECRET),
					CloudinaryStorageTests.CLOCK);
			GeneratedResource file = new GeneratedResource(SIZE);
			file.baseline = usedAfterGc();
			UploadResult result = storage.upload(UploadRequest.of(file, "big")).block(Duration.ofMinutes(10));
			assertThat(result).isNotNull();
			assertThat(result.bytes()).isEqualTo(SIZE);
			assertThat(file.produced.get()).isEqualTo(SIZE);
			// the file and the multipart framing of the other fields
			assertThat(received.get()).isBetween(SIZE, SIZE + 4096);
			assertThat(file.checkpoints.get()).isEqualTo((int) (SIZE / CHECKPOINT));
			assertThat(file.maxRetained.get()).as("heap retained while uploading").isLessThan(MAX_RETAINED);
			assertThat(file.contentLengthCalls.get()).as("contentLength() reads a stream whole").isZero();
		}
		finally {
			server.disposeNow();
		}
	}

	static long usedAfterGc() {
		Runtime runtime = Runtime.getRuntime();
		System.gc();
		System.gc();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	/** A resource of unknown length whose stream generates its bytes, measuring the heap as it goes. */
	static final class GeneratedResource extends AbstractResource {

		final long size;

		final AtomicLong produced = new AtomicLong();

		final AtomicLong maxRetained = new AtomicLong();

		final AtomicInteger checkpoints = new AtomicInteger();

		final AtomicInteger contentLengthCalls = new AtomicInteger();

		volatile long baseline;

		GeneratedResource(long size) {
			this.size = size;
		}

		@Override
		public String getDescription() {
			return "generated " + this.size + " bytes";
		}

		@Override
		public String getFilename() {
			return "big.bin";
		}

		@Override
		public long contentLength() throws IOException {
			this.contentLengthCalls.incrementAndGet();
			return super.contentLength();
		}

		@Override
		public InputStream getInputStream() {
			return new InputStream() {

				private long position;

				@Override
				public int read() {
					byte[] one = new byte[1];
					return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xFF;
				}

				@Override
				public int read(byte[] buffer, int offset, int length) {
					long left = GeneratedResource.this.size - this.position;
					if (left <= 0) {
						return -1;
					}
					int count = (int) Math.min(length, left);
					for (int i = 0; i < count; i++) {
						buffer[offset + i] = (byte) (this.position + i);
					}
					long before = this.position;
					this.position += count;
					GeneratedResource.this.produced.addAndGet(count);
					if (this.position / CHECKPOINT > before / CHECKPOINT) {
						GeneratedResource.this.checkpoints.incrementAndGet();
						long retained = usedAfterGc() - GeneratedResource.this.baseline;
						GeneratedResource.this.maxRetained.accumulateAndGet(retained, Math::max);
					}
					return count;
				}

			};
		}

	}

}
