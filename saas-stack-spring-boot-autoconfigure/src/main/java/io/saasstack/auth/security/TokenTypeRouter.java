package io.saasstack.auth.security;

import java.util.Set;

import io.saasstack.auth.SaasMachine;
import io.saasstack.auth.SaasTokenType;
import io.saasstack.core.LogLines;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The authentication of a chain accepting machine tokens: session tokens go to the chain's JWT
 * authentication, machine tokens to the {@link MachineTokenAuthenticator}, each only when the
 * chain accepts its type, and machine tokens only from the {@code Authorization} header. Every
 * refusal, a failure of the provider included, is an {@link InvalidBearerTokenException} (401)
 * carrying a fixed {@link TokenFailure} description.
 */
final class TokenTypeRouter {

	private static final Log logger = LogFactory.getLog(TokenTypeRouter.class);

	private final MachineTokenAuthenticator machines;

	private final SaasMachineAuthoritiesMapper authorities;

	private final Set<SaasTokenType> accepted;

	TokenTypeRouter(MachineTokenAuthenticator machines, SaasMachineAuthoritiesMapper authorities,
			Set<SaasTokenType> accepted) {
		this.machines = machines;
		this.authorities = authorities;
		this.accepted = Set.copyOf(accepted);
	}

	/**
	 * The servlet authentication of one request.
	 * @param sessions the chain's JWT authentication
	 * @param headerToken the token the request carries in its {@code Authorization} header, or null
	 */
	AuthenticationManager servlet(AuthenticationManager sessions, @Nullable String headerToken) {
		return (authentication) -> {
			BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
			SaasTokenType type = route(bearer.getToken(), headerToken);
			if (!type.isMachine()) {
				return sessions.authenticate(bearer);
			}
			SaasMachine machine;
			try {
				machine = this.machines.authenticate(bearer.getToken(), type).block();
			}
			catch (RuntimeException ex) {
				throw refusal(ex);
			}
			if (machine == null) {
				throw refusal(TokenFailure.INVALID, "no machine");
			}
			return authenticated(machine, bearer);
		};
	}

	/**
	 * The reactive authentication of one exchange.
	 * @param sessions the chain's JWT authentication
	 * @param headerToken the token the exchange carries in its {@code Authorization} header, or null
	 */
	ReactiveAuthenticationManager reactive(ReactiveAuthenticationManager sessions, @Nullable String headerToken) {
		return (authentication) -> Mono.defer(() -> {
			BearerTokenAuthenticationToken bearer = (BearerTokenAuthenticationToken) authentication;
			SaasTokenType type = route(bearer.getToken(), headerToken);
			if (!type.isMachine()) {
				return sessions.authenticate(bearer);
			}
			return this.machines.authenticate(bearer.getToken(), type)
				.switchIfEmpty(Mono.error(() -> refusal(TokenFailure.INVALID, "no machine")))
				.onErrorMap((ex) -> !(ex instanceof InvalidBearerTokenException), TokenTypeRouter::refusal)
				.map((machine) -> authenticated(machine, bearer));
		});
	}

	private SaasTokenType route(String token, @Nullable String headerToken) {
		SaasTokenType type = this.machines.typeOf(token);
		if (!this.accepted.contains(type)) {
			throw refusal(TokenFailure.TYPE_NOT_ACCEPTED, type.id() + " not accepted by this chain");
		}
		if (type.isMachine() && !token.equals(headerToken)) {
			throw refusal(TokenFailure.TYPE_NOT_ACCEPTED, type.id() + " outside the Authorization header");
		}
		return type;
	}

	private Authentication authenticated(SaasMachine machine, BearerTokenAuthenticationToken bearer) {
		SaasMachineAuthentication result = new SaasMachineAuthentication(machine,
				this.authorities.authorities(machine));
		result.setDetails(bearer.getDetails());
		return result;
	}

	private static InvalidBearerTokenException refusal(Throwable failure) {
		if (failure instanceof InvalidBearerTokenException refused) {
			return refused;
		}
		if (failure instanceof SaasTokenException token) {
			return refusal(token.failure(), (token.getReason() != null) ? token.getReason() : "refused");
		}
		if (failure instanceof BadJwtException refused) {
			// a JWT form refused by the verifier, its claims for example
			return refusal(TokenFailure.of(refused), refused.getClass().getSimpleName());
		}
		// a bug or an unforeseen failure must not become a 500 nor let the token pass
		logger.warn("Machine token verification failed: " + LogLines.oneLine(failure.getClass().getName()));
		return refusal(TokenFailure.VERIFICATION_UNAVAILABLE, failure.getClass().getSimpleName());
	}

	private static InvalidBearerTokenException refusal(TokenFailure failure, String reason) {
		if (logger.isDebugEnabled()) {
			logger.debug("Bearer token refused: " + failure + " (" + LogLines.oneLine(reason) + ")");
		}
		return new InvalidBearerTokenException(failure.description());
	}

}
