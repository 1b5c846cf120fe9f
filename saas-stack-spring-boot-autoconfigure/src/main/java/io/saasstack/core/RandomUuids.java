package io.saasstack.core;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs, such as idempotency keys, made without reading a file per call:
 * {@link UUID#randomUUID()} draws from the platform's {@code NativePRNG}, which reads
 * {@code /dev/urandom} on Linux, a blocking call on a Reactor or Netty thread. These come from a
 * DRBG seeded once per JVM: clients take the {@link #shared() shared instance} when they are
 * created, at start-up, so that seeding never happens on a caller's thread.
 *
 * @since 0.1.0
 */
public final class RandomUuids {

	private static final RandomUuids SHARED = new RandomUuids();

	private final SecureRandom random;

	private RandomUuids() {
		try {
			this.random = SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("the JDK's DRBG SecureRandom is missing", ex);
		}
		// seeds now, from the system's entropy source, rather than at the first call
		this.random.nextBytes(new byte[1]);
	}

	/** The instance of this JVM, seeded when first asked for. */
	public static RandomUuids shared() {
		return SHARED;
	}

	/** A new random UUID. */
	public UUID next() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
		bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
		ByteBuffer buffer = ByteBuffer.wrap(bytes);
		return new UUID(buffer.getLong(), buffer.getLong());
	}

}
