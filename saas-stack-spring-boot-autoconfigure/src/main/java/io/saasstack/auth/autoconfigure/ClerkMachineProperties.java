package io.saasstack.auth.autoconfigure;

import java.util.List;

import io.saasstack.auth.SaasTokenType;
import io.saasstack.core.InvalidSaasPropertyException;

/**
 * Checks of the machine-token settings of {@link AuthProperties.Clerk}, kept apart from the other
 * checks of the properties.
 */
final class ClerkMachineProperties {

	private ClerkMachineProperties() {
	}

	static void validate(AuthProperties.Clerk clerk) {
		List<SaasTokenType> accepted = clerk.getAcceptedTokenTypes();
		if (accepted == null || accepted.isEmpty() || accepted.contains(null)) {
			throw new InvalidSaasPropertyException("saas.auth.clerk.accepted-token-types", "it lists no token type",
					"Set 'saas.auth.clerk.accepted-token-types' to some of session_token, api_key, m2m_token, "
							+ "oauth_token, or remove it to accept session tokens only.");
		}
		if (accepted.contains(SaasTokenType.API_KEY) && clerk.getSecretKey() == null) {
			throw new InvalidSaasPropertyException("saas.auth.clerk.accepted-token-types",
					"it accepts api_key but 'saas.auth.clerk.secret-key' is not set: API keys are verified by Clerk",
					"Set 'saas.auth.clerk.secret-key' to the sk_ key from the API keys page of the Clerk dashboard, "
							+ "or remove api_key from 'saas.auth.clerk.accepted-token-types'.");
		}
		String machineSecretKey = clerk.getMachineSecretKey();
		if (machineSecretKey != null && machineSecretKey.isBlank()) {
			throw new InvalidSaasPropertyException("saas.auth.clerk.machine-secret-key", "it is blank",
					"Set 'saas.auth.clerk.machine-secret-key' to the secret key of the machine in the Clerk dashboard "
							+ "(Machines), or remove it to verify M2M tokens with the secret key.");
		}
		if (clerk.getMachineTokenCacheTtl() == null || clerk.getMachineTokenCacheTtl().isNegative()) {
			throw new InvalidSaasPropertyException("saas.auth.clerk.machine-token-cache-ttl", "it is negative",
					"Set 'saas.auth.clerk.machine-token-cache-ttl' to a duration such as 10s (0 keeps nothing), "
							+ "or remove it.");
		}
		if (clerk.getMachineTokenCacheSize() <= 0) {
			throw new InvalidSaasPropertyException("saas.auth.clerk.machine-token-cache-size", "it is not positive",
					"Set 'saas.auth.clerk.machine-token-cache-size' to a number of tokens such as 10000, or remove it.");
		}
	}

}
