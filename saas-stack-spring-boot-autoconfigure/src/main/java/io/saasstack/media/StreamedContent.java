package io.saasstack.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.Assert;

/**
 * The content of an upload as a stream of buffers, such as a WebFlux {@code FilePart}'s: sent
 * to the provider as it arrives, never held in memory whole.
 * <p>
 * A stream can be read once. An upload the provider refused after reading it (a rate limit) is
 * not sent again: the retry fails, saying so, instead of sending an empty file. When the length
 * is declared, a stream that ends shorter or runs longer fails the upload.
 *
 * @since 0.2.0
 * @see UploadRequest#of(Publisher, String)
 */
public final class StreamedContent extends AbstractResource {

	private static final int INPUT_STREAM_DEMAND = 4;

	private final Publisher<? extends DataBuffer> buffers;

	private final long contentLength;

	private final @Nullable String filename;

	private final AtomicBoolean read = new AtomicBoolean();

	/**
	 * @param buffers the content; each buffer is released once sent
	 * @param contentLength its length in bytes, or {@code -1} when unknown
	 * @param filename its file name, or null
	 */
	public StreamedContent(Publisher<? extends DataBuffer> buffers, long contentLength, @Nullable String filename) {
		Assert.notNull(buffers, "buffers must not be null");
		Assert.isTrue(contentLength >= -1, () -> "contentLength must be -1 (unknown) or a length, not " + contentLength);
		this.buffers = buffers;
		this.contentLength = contentLength;
		this.filename = filename;
	}

	/**
	 * The content of a resource as buffers read on demand: a stream's own buffers, a file read
	 * asynchronously, any other resource's stream read off the event loop, since it blocks.
	 * @param bufferSize the size of the buffers read from a resource
	 */
	public static Flux<DataBuffer> buffersOf(Resource resource, int bufferSize) {
		if (resource instanceof StreamedContent streamed) {
			return streamed.buffers();
		}
		Flux<DataBuffer> buffers = DataBufferUtils.read(resource, DefaultDataBufferFactory.sharedInstance, bufferSize);
		return resource.isFile() ? buffers : buffers.subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * The buffers, for the one read this content allows.
	 * @throws IllegalStateException (signalled) when read a second time
	 */
	public Flux<DataBuffer> buffers() {
		return Flux.defer(() -> {
			if (!this.read.compareAndSet(false, true)) {
				return Flux.error(new IllegalStateException("A streamed upload can be read once, and " + describe()
						+ " was read already: an upload the provider refused after reading it is not sent again. "
						+ "Upload a Resource that can be read again (a file) for uploads to be retried"));
			}
			Flux<DataBuffer> content = Flux.from(this.buffers);
			return (this.contentLength >= 0) ? checkLength(content) : content;
		});
	}

	private Flux<DataBuffer> checkLength(Flux<DataBuffer> content) {
		AtomicLong seen = new AtomicLong();
		return content.<DataBuffer>handle((buffer, sink) -> {
			if (seen.addAndGet(buffer.readableByteCount()) > this.contentLength) {
				DataBufferUtils.release(buffer);
				sink.error(lengthMismatch("more than"));
				return;
			}
			sink.next(buffer);
		}).concatWith(Flux.defer(() -> (seen.get() < this.contentLength)
				? Flux.error(lengthMismatch("only " + seen.get() + " bytes of")) : Flux.empty()));
	}

	private IllegalArgumentException lengthMismatch(String what) {
		return new IllegalArgumentException("The streamed upload " + describe() + " gave " + what + " the "
				+ this.contentLength + " bytes it declared");
	}

	/** The declared length in bytes, or {@code -1} when unknown. */
	public long declaredLength() {
		return this.contentLength;
	}

	/**
	 * The declared length.
	 * @throws IOException when the length was not declared: the stream is not read to learn it
	 */
	@Override
	public long contentLength() throws IOException {
		if (this.contentLength < 0) {
			throw new IOException("The length of the streamed upload " + describe() + " was not declared");
		}
		return this.contentLength;
	}

	/** A blocking stream of the content, for code that must read it so; the one read allowed. */
	@Override
	public InputStream getInputStream() {
		return DataBufferUtils.subscriberInputStream(buffers(), INPUT_STREAM_DEMAND);
	}

	/** Always true: the content can be read once. */
	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public boolean exists() {
		return true;
	}

	@Override
	public @Nullable String getFilename() {
		return this.filename;
	}

	@Override
	public String getDescription() {
		return "streamed content [" + describe() + "]";
	}

	private String describe() {
		String name = (this.filename != null) ? "'" + this.filename + "'" : "without a file name";
		return (this.contentLength >= 0) ? name + " of " + this.contentLength + " bytes" : name;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return System.identityHashCode(this);
	}

}
