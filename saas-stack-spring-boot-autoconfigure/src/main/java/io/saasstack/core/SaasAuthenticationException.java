package io.saasstack.core;

/**
 * The provider refused the credentials (HTTP 401 or 403): a wrong, revoked or restricted key.
 *
 * @since 0.1.0
 */
public class SaasAuthenticationException extends SaasApiException {

	public SaasAuthenticationException(String provider, String operation, int status, ProviderError error,
			RateLimit rateLimit) {
		super(provider, operation, status, error, rateLimit, false);
	}

}
