package io.saasstack.core;

import reactor.core.scheduler.Schedulers;

/**
 * The guard of every blocking face of a reactive client ({@code MailClient},
 * {@code MediaStorage}, {@code UserDirectory}, {@code LogSnagClient}, the servlet token
 * decoders): called first, before any request is built or sent, it refuses to run on a thread
 * that must not block (Reactor's {@code parallel} and Netty event-loop threads). Without it,
 * Reactor's own check in {@code block()} fails only after the request is subscribed, so the
 * call has its side effect (a mail sent, a file uploaded) and still reports an error.
 *
 * @since 0.1.0
 */
public final class BlockingCalls {

	private BlockingCalls() {
	}

	/**
	 * Throws unless the current thread may block.
	 * @param call the blocking call, for example {@code "MailClient.send"}
	 * @param reactiveClient what to inject instead in reactive code, for example
	 * {@code "ReactiveMailClient"}
	 * @throws IllegalStateException on a non-blocking thread
	 */
	public static void requireBlockingAllowed(String call, String reactiveClient) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException(call + " blocks, which thread '" + Thread.currentThread().getName()
					+ "' must not do (it is a non-blocking thread); refused before any request was made. In reactive code, inject "
					+ reactiveClient + " instead.");
		}
	}

}
