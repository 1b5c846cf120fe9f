package io.saasstack.auth.security;

import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasTokenType;
import reactor.core.publisher.Mono;

/**
 * Verifies the machine tokens of a provider (Clerk's API keys, M2M and OAuth tokens) for the
 * saas-stack chains, which accept them only from the {@code Authorization} header and only when
 * the chain accepts their type ({@code saas.auth.clerk.accepted-token-types}, or
 * {@link SaasResourceServer#accepting}).
 *
 * @since 0.1.0
 */
public interface MachineTokenAuthenticator {

	/** The type of a token, told without verifying it; {@link SaasTokenType#SESSION_TOKEN} for anything else. */
	SaasTokenType typeOf(String token);

	/**
	 * Verifies a machine token of the given type.
	 * @return the machine, or an error: a {@link SaasTokenException} when the token is refused
	 * (its {@link TokenFailure} is the public description)
	 */
	Mono<SaasMachine> authenticate(String token, SaasTokenType type);

}
