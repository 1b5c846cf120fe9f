package io.saasstack.media.imagekit;

import java.io.InputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.util.internal.PlatformDependent;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClient;
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
 * Tests that {@link ImageKitStorage} streams uploads: a generated 200 MB file of unknown length is
 * posted to a small Reactor Netty server that counts and discards the bytes (WireMock would
 * buffer them), and the heap and direct memory held halfway through the upload stay far below the
 * file's size. A memory bound, never a time bound.
 */
class ImageKitStorageStreamingTests {

	static final long SIZE = 200L * 1024 * 1024;

	static final long MAX_HELD = 64L * 1024 * 1024;

	static final String UPLOADED = "{\"fileId\":\"big1\",\"name\":\"big.bin\",\"filePath\":\"/big.bin\","
			+ "\"url\":\"https://ik.imagekit.io/demo/big.bin\",\"fileType\":\"non-image\",\"size\":" + SIZE + "}";

	@Test
	void uploadsA200MegabyteStreamWithoutHoldingItInMemory() {
		AtomicLong received = new AtomicLong();
		AtomicLong heapHalfway = new AtomicLong(-1);
		AtomicLong directHalfway = new AtomicLong(-1);
		long baseline = usedHeapAfterGc();
		DisposableServer server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().doOnNext((buffer) -> {
				long before = received.getAndAdd(buffer.readableBytes());
				if (before < SIZE / 2 && before + buffer.readableBytes() >= SIZE / 2) {
					heapHalfway.set(usedHeapAfterGc());
					directHalfway.set(usedDirectMemory());
				}
			}).then().then(response.header("Content-Type", "application/json").sendString(Mono.just(UPLOADED)).then()))
			.bindNow();
		try {
			URI baseUrl = URI.create("http://127.0.0.1:" + server.port());
			SaasClientProperties properties = new SaasClientProperties(baseUrl) {
			};
			// a guard against a hang, not a performance bound
			properties.setResponseTimeout(Duration.ofMinutes(5));
			properties.getRetry().setMaxAttempts(1);
			SaasHttpClient http = ImageKitStorage.uploadHttpClient(SaasHttpClientFactory.standalone(), baseUrl,
					properties, "private_stream_key");
			ImageKitStorage storage = new ImageKitStorage(http, http, null, "private_stream_key",
					URI.create("https://ik.imagekit.io/demo"), Clock.systemUTC());
			GeneratedResource resource = new GeneratedResource(SIZE);
			UploadResult result = storage.upload(UploadRequest.of(resource, null)).block(Duration.ofMinutes(5));
			assertThat(result).isNotNull();
			assertThat(result.id()).isEqualTo("big1");
			assertThat(result.bytes()).isEqualTo(SIZE);
			assertThat(received.get()).as("bytes received, multipart framing included").isGreaterThan(SIZE);
			assertThat(resource.opened.get()).as("times the content was opened").isOne();
			assertThat(heapHalfway.get()).as("heap measured halfway").isNotNegative();
			assertThat(heapHalfway.get() - baseline).as("heap held halfway through the upload").isLessThan(MAX_HELD);
			assertThat(directHalfway.get()).as("direct memory halfway through the upload").isLessThan(MAX_HELD);
		}
		finally {
			server.disposeNow();
		}
	}

	/** The most direct memory any of the JDK's and Netty's counters see. */
	static long usedDirectMemory() {
		long used = PlatformDependent.usedDirectMemory();
		if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider provider) {
			used = Math.max(used, provider.metric().usedDirectMemory());
		}
		for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
			used = Math.max(used, pool.getMemoryUsed());
		}
		return used;
	}

	static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** Content generated on the fly, of a length only known by reading it. */
	static final class GeneratedResource extends AbstractResource {

		final long size;

		final AtomicInteger opened = new AtomicInteger();

		GeneratedResource(long size) {
			this.size = size;
		}

		@Override
		public String getDescription() {
			return "generated content of " + this.size + " bytes";
		}

		@Override
		public String getFilename() {
			return "big.bin";
		}

		@Override
		public InputStream getInputStream() {
			this.opened.incrementAndGet();
			return new InputStream() {

				private long position;

				@Override
				public int read() {
					return (this.position < GeneratedResource.this.size) ? (int) (this.position++ * 31 & 0xFF) : -1;
				}

				@Override
				public int read(byte[] bytes, int offset, int length) {
					long left = GeneratedResource.this.size - this.position;
					if (left <= 0) {
						return -1;
					}
					int count = (int) Math.min(length, left);
					for (int i = 0; i < count; i++) {
						bytes[offset + i] = (byte) (this.position++ * 31);
					}
					return count;
				}

			};
		}

	}

}
