package io.saasstack.mail;

import org.jspecify.annotations.Nullable;

/**
 * Options of a batch send.
 *
 * @param idempotencyKey key of the batch, or null to generate one; a batch split into chunks
 * sends {@code <key>/chunk-<n>} with each chunk
 * @param validation how the provider treats invalid emails of a batch
 * @since 0.1.0
 */
public record BatchOptions(@Nullable String idempotencyKey, Validation validation) {

	/** A generated key, strict validation. */
	public static final BatchOptions DEFAULT = new BatchOptions(null, Validation.STRICT);

	/**
	 * How invalid emails of a batch are treated.
	 */
	public enum Validation {

		/** One invalid email rejects the whole request. */
		STRICT,

		/** Valid emails are sent; the invalid ones are reported in {@link BatchResult#errors()}. */
		PERMISSIVE

	}

}
