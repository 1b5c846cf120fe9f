package io.saasstack.media.cloudinary;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.ByteBuf;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasHttpClientFactory;
import io.saasstack.media.UploadRequest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux endpoint takes a 200 MB multipart upload as a {@link FilePart} and hands it to
 * {@link CloudinaryStorage} with {@link UploadRequest#of(FilePart)}; a tiny Reactor Netty server
 * standing in for Cloudinary counts and discards what it receives, measuring the heap retained
 * at every 25 MB. The heap stays far below the file's size: nothing holds the file whole (WebFlux
 * itself keeps a large part on disk, not in memory). Only memory is bounded, never time.
 */
class WebFluxStreamedUploadTests {

	static final long SIZE = CloudinaryStorageStreamingTests.SIZE;

	static final long CHECKPOINT = CloudinaryStorageStreamingTests.CHECKPOINT;

	static final int CHUNK = 64 * 1024;

	@Test
	void aFilePartOf200MegabytesIsStreamedToTheProvider() {
		AtomicLong received = new AtomicLong();
		AtomicLong maxRetained = new AtomicLong();
		AtomicInteger checkpoints = new AtomicInteger();
		long baseline = CloudinaryStorageStreamingTests.usedAfterGc();
		DisposableServer cloudinary = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1_1/demo/auto/upload", (request, response) -> request.receive()
				.map(ByteBuf::readableBytes)
				.doOnNext((count) -> {
					long before = received.getAndAdd(count);
					if ((before + count) / CHECKPOINT > before / CHECKPOINT) {
						checkpoints.incrementAndGet();
						long retained = CloudinaryStorageStreamingTests.usedAfterGc() - baseline;
						maxRetained.accumulateAndGet(retained, Math::max);
					}
				})
				.then(response.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"public_id\":\"big\",\"secure_url\":"
							+ "\"https://res.cloudinary.com/demo/raw/upload/v1/big\",\"bytes\":" + SIZE + "}"))
					.then())))
			.bindNow();
		SaasClientProperties properties = new SaasClientProperties(URI.create("http://127.0.0.1:" + cloudinary.port())) {
		};
		properties.setResponseTimeout(Duration.ofMinutes(5));
		properties.getRetry().setMaxAttempts(1);
		CloudinaryStorage storage = new CloudinaryStorage(
				CloudinaryStorage.httpClient(SaasHttpClientFactory.standalone(), properties,
						CloudinaryStorageTests.API_KEY, CloudinaryStorageTests.API_SECRET),
				CloudinaryUrlSettings.of("demo", CloudinaryStorageTests.API_KEY, CloudinaryStorageTests.API_SECRET),
				CloudinaryStorageTests.CLOCK);
		RouterFunction<ServerResponse> routes = RouterFunctions.route()
			.POST("/photos", (request) -> request.multipartData()
				.map((parts) -> (FilePart) parts.getFirst("file"))
				.flatMap((part) -> storage.upload(UploadRequest.of(part)))
				.flatMap((result) -> ServerResponse.ok().bodyValue(result.bytes() + " " + result.id())))
			.build();
		DisposableServer app = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(RouterFunctions.toHttpHandler(routes)))
			.bindNow();
		try {
			MultipartBodyBuilder body = new MultipartBodyBuilder();
			body.asyncPart("file", generated(), DataBuffer.class).filename("big.bin");
			String answer = WebClient.create("http://127.0.0.1:" + app.port())
				.post()
				.uri("/photos")
				.body(BodyInserters.fromMultipartData(body.build()))
				.retrieve()
				.bodyToMono(String.class)
				.block(Duration.ofMinutes(10));
			assertThat(answer).isEqualTo(SIZE + " big");
			// the file and the multipart framing of the other fields
			assertThat(received.get()).isBetween(SIZE, SIZE + 4096);
			assertThat(checkpoints.get()).isEqualTo((int) (SIZE / CHECKPOINT));
			assertThat(maxRetained.get()).as("heap retained while uploading")
				.isLessThan(CloudinaryStorageStreamingTests.MAX_RETAINED);
		}
		finally {
			app.disposeNow();
			cloudinary.disposeNow();
		}
	}

	/** 200 MB made as the client sends them. */
	static Flux<DataBuffer> generated() {
		return Flux.<DataBuffer, Long>generate(() -> 0L, (sent, sink) -> {
			int size = (int) Math.min(CHUNK, SIZE - sent);
			byte[] chunk = new byte[size];
			for (int i = 0; i < size; i++) {
				chunk[i] = (byte) (sent + i);
			}
			sink.next(DefaultDataBufferFactory.sharedInstance.wrap(chunk));
			if (sent + size == SIZE) {
				sink.complete();
			}
			return sent + size;
		});
	}

}
