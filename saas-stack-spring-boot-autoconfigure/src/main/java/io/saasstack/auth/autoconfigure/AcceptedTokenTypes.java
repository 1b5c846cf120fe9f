package io.saasstack.auth.autoconfigure;

import java.util.EnumSet;
import java.util.Set;

import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.security.MachineTokenAuthenticator;
import io.saasstack.core.InvalidSaasPropertyException;
import org.jspecify.annotations.Nullable;

/**
 * The token types of the default chains: {@code saas.auth.clerk.accepted-token-types}, which may
 * only name machine tokens when the provider has them (Clerk).
 */
final class AcceptedTokenTypes {

	private AcceptedTokenTypes() {
	}

	static Set<SaasTokenType> of(@Nullable AuthProperties properties, @Nullable MachineTokenAuthenticator machines) {
		if (properties == null) {
			return EnumSet.of(SaasTokenType.SESSION_TOKEN);
		}
		Set<SaasTokenType> accepted = EnumSet.copyOf(properties.getClerk().getAcceptedTokenTypes());
		if (machines == null && !accepted.equals(EnumSet.of(SaasTokenType.SESSION_TOKEN))) {
			throw new InvalidSaasPropertyException("saas.auth.clerk.accepted-token-types",
					"it accepts " + accepted + " but only Clerk issues machine tokens and Clerk does not verify the "
							+ "tokens of this application",
					"Configure Clerk ('saas.auth.clerk.publishable-key' and 'saas.auth.clerk.secret-key' or "
							+ "'saas.auth.clerk.jwt-key'), or set 'saas.auth.clerk.accepted-token-types=session_token'.");
		}
		return accepted;
	}

}
