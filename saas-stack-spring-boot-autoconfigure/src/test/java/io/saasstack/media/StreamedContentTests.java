package io.saasstack.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.codec.multipart.FilePart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link StreamedContent} and the {@link UploadRequest} factories that stream.
 */
class StreamedContentTests {

	static Flux<DataBuffer> text(String... chunks) {
		return Flux.fromArray(chunks)
			.map((chunk) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8)));
	}

	static String read(Flux<DataBuffer> buffers) {
		return DataBufferUtils.join(buffers)
			.map((buffer) -> buffer.toString(StandardCharsets.UTF_8))
			.block(Duration.ofSeconds(5));
	}

	@Test
	void givesItsBuffersOnce() {
		StreamedContent content = new StreamedContent(text("a", "bc"), -1, "a.txt");
		assertThat(read(content.buffers())).isEqualTo("abc");
		StepVerifier.create(content.buffers())
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
				.hasMessageStartingWith("A streamed upload can be read once, and 'a.txt' was read already"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void anUnsubscribedReadDoesNotCount() {
		StreamedContent content = new StreamedContent(text("abc"), 3, null);
		content.buffers();
		assertThat(read(content.buffers())).isEqualTo("abc");
	}

	@Test
	void aDeclaredLengthIsChecked() throws IOException {
		assertThat(read(new StreamedContent(text("ab", "c"), 3, "x").buffers())).isEqualTo("abc");
		assertThat(new StreamedContent(text("abc"), 3, "x").contentLength()).isEqualTo(3);
		StepVerifier.create(new StreamedContent(text("ab", "cd"), 3, "x").buffers())
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("The streamed upload 'x' of 3 bytes gave more than the 3 bytes it declared"))
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(new StreamedContent(text("ab"), 3, "x").buffers())
			.expectNextCount(1)
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("The streamed upload 'x' of 3 bytes gave only 2 bytes of the 3 bytes it declared"))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void anUndeclaredLengthIsNotLearntByReading() {
		StreamedContent content = new StreamedContent(text("abc"), -1, "x");
		assertThatIOException().isThrownBy(content::contentLength)
			.withMessage("The length of the streamed upload 'x' was not declared");
		assertThat(read(content.buffers())).as("still unread").isEqualTo("abc");
	}

	@Test
	void readsAsABlockingStream() throws IOException {
		StreamedContent content = new StreamedContent(text("he", "llo"), -1, "x");
		try (InputStream in = content.getInputStream()) {
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
		}
		assertThat(content.isOpen()).isTrue();
		assertThat(content.exists()).isTrue();
	}

	@Test
	void rejectsANegativeLength() {
		assertThatIllegalArgumentException().isThrownBy(() -> new StreamedContent(text(), -2, "x"))
			.withMessage("contentLength must be -1 (unknown) or a length, not -2");
	}

	@Test
	void uploadRequestOfAFilePartTakesItsNameLengthAndContent() {
		FilePart part = mock(FilePart.class);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentLength(5);
		given(part.filename()).willReturn("cat.png");
		given(part.headers()).willReturn(headers);
		given(part.content()).willReturn(text("meow!"));
		UploadRequest request = UploadRequest.of(part);
		assertThat(request.fileName()).isEqualTo("cat.png");
		assertThat(request.file()).isInstanceOfSatisfying(StreamedContent.class, (content) -> {
			assertThat(content.declaredLength()).isEqualTo(5);
			assertThat(content.getFilename()).isEqualTo("cat.png");
			assertThat(read(content.buffers())).isEqualTo("meow!");
		});
	}

	@Test
	void uploadRequestOfAFilePartWithoutALengthStreamsAnUnknownLength() {
		FilePart part = mock(FilePart.class);
		given(part.filename()).willReturn("cat.png");
		given(part.headers()).willReturn(new HttpHeaders());
		given(part.content()).willReturn(text("meow"));
		assertThat(UploadRequest.of(part).file()).isInstanceOfSatisfying(StreamedContent.class,
				(content) -> assertThat(content.declaredLength()).isEqualTo(-1));
	}

	@Test
	void buffersOfAnyResource() {
		assertThat(read(StreamedContent.buffersOf(new org.springframework.core.io.ByteArrayResource(
				"abc".getBytes(StandardCharsets.UTF_8)), 2))).isEqualTo("abc");
		StreamedContent streamed = new StreamedContent(text("de"), -1, null);
		assertThat(read(StreamedContent.buffersOf(streamed, 2))).isEqualTo("de");
		assertThat(List.of(streamed.getDescription())).containsExactly("streamed content [without a file name]");
	}

}
