package io.saasstack.auth.clerk;

import io.saasstack.auth.security.SaasTokenException;
import io.saasstack.auth.security.TokenFailure;
import org.jspecify.annotations.Nullable;

/**
 * A Clerk machine token refused: unknown to Clerk, revoked, expired, of a type the chain does not
 * accept, or not verifiable now (rate limit, server error, invalid secret key). The reason is the
 * {@code @clerk/backend} {@code MachineTokenVerificationErrorCode} ({@code token-invalid},
 * {@code secret-key-invalid}, {@code unexpected-error}, {@code token-verification-failed}), or
 * {@code token-revoked} / {@code token-expired} for the answers the SDK does not read.
 *
 * @since 0.1.0
 */
public class ClerkMachineTokenException extends SaasTokenException {

	public ClerkMachineTokenException(TokenFailure failure, String reason, String message,
			@Nullable Throwable cause) {
		super(failure, reason, message + " (" + reason + ")", cause);
	}

}
