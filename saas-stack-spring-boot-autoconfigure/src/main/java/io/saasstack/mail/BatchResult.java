package io.saasstack.mail;

import java.util.List;

import io.saasstack.core.RateLimit;

/**
 * A sent batch, possibly made of several requests of at most 100 emails each.
 *
 * @param ids provider ids of the accepted emails, in the order of the emails given
 * @param errors emails rejected in permissive validation mode, by index in the list given
 * @param idempotencyKeys the key of each request (one per chunk of 100)
 * @param rateLimit rate-limit headers of the last response
 * @since 0.1.0
 */
public record BatchResult(List<String> ids, List<BatchError> errors, List<String> idempotencyKeys,
		RateLimit rateLimit) {

	public BatchResult {
		ids = List.copyOf(ids);
		errors = List.copyOf(errors);
		idempotencyKeys = List.copyOf(idempotencyKeys);
	}

	/**
	 * An email of a batch rejected in permissive mode.
	 *
	 * @param index position of the email in the list given to the client
	 * @param message why it was rejected
	 */
	public record BatchError(int index, String message) {

	}

}
