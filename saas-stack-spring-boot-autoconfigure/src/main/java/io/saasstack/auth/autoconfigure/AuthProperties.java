package io.saasstack.auth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.saasstack.auth.SaasTokenType;
import io.saasstack.auth.clerk.ClerkMachineTokenCache;
import io.saasstack.auth.clerk.ClerkPemKey;
import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasPropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of authentication ({@code saas.auth.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("saas.auth")
public class AuthProperties implements InitializingBean {

	/**
	 * Whether to enable the auth integration.
	 */
	private boolean enabled = true;

	/**
	 * Identity provider whose tokens protect the application; inferred when only one is configured.
	 */
	private @Nullable Provider provider;

	/**
	 * Clock skew tolerated on the exp, nbf and iat claims.
	 */
	private Duration clockSkew = Duration.ofSeconds(5);

	/**
	 * Clerk settings.
	 */
	private final Clerk clerk = new Clerk();

	/**
	 * Supabase Auth settings.
	 */
	private final Supabase supabase = new Supabase();

	/**
	 * Local development tokens.
	 */
	private final LocalTokens localTokens = new LocalTokens();

	/**
	 * Settings of the default security chain.
	 */
	private final Security security = new Security();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable Provider getProvider() {
		return this.provider;
	}

	public void setProvider(@Nullable Provider provider) {
		this.provider = provider;
	}

	public Duration getClockSkew() {
		return this.clockSkew;
	}

	public void setClockSkew(Duration clockSkew) {
		this.clockSkew = clockSkew;
	}

	public Clerk getClerk() {
		return this.clerk;
	}

	public Supabase getSupabase() {
		return this.supabase;
	}

	public LocalTokens getLocalTokens() {
		return this.localTokens;
	}

	public Security getSecurity() {
		return this.security;
	}

	@Override
	public void afterPropertiesSet() {
		String clerkSecretKey = this.clerk.getSecretKey();
		if (clerkSecretKey != null && clerkSecretKey.startsWith("pk_")) {
			throw new InvalidSaasPropertyException("saas.auth.clerk.secret-key",
					"the value is a Clerk publishable key, not a secret key",
					"Move the pk_ value to 'saas.auth.clerk.publishable-key' and set 'saas.auth.clerk.secret-key' to the sk_ key from the API keys page of the Clerk dashboard.");
		}
		SaasPropertyChecks.requirePrefix("saas.auth.clerk.secret-key", clerkSecretKey, "a Clerk secret key",
				"on the API keys page of the Clerk dashboard", "sk_test_", "sk_live_");
		SaasPropertyChecks.requirePrefix("saas.auth.clerk.publishable-key", this.clerk.getPublishableKey(),
				"a Clerk publishable key", "on the API keys page of the Clerk dashboard", "pk_test_", "pk_live_");
		// legacy anon/service_role keys are JWTs, whose header always encodes to "eyJ"
		SaasPropertyChecks.requirePrefix("saas.auth.supabase.publishable-key", this.supabase.getPublishableKey(),
				"a Supabase publishable key (or legacy anon key)", "under Project Settings > API Keys",
				"sb_publishable_", "eyJ");
		SaasPropertyChecks.requirePrefix("saas.auth.supabase.secret-key", this.supabase.getSecretKey(),
				"a Supabase secret key (or legacy service_role key)", "under Project Settings > API Keys",
				"sb_secret_", "eyJ");
		URI url = this.supabase.getUrl();
		if (url != null && (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null)) {
			throw new InvalidSaasPropertyException("saas.auth.supabase.url", "the value is not an http(s) URL",
					"Set 'saas.auth.supabase.url' to your project URL, for example https://<project-ref>.supabase.co.");
		}
		String jwtKey = this.clerk.getJwtKey();
		if (jwtKey != null) {
			try {
				ClerkPemKey.parse(jwtKey);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidSaasPropertyException("saas.auth.clerk.jwt-key", "it is not a PEM RSA public key",
						"Set 'saas.auth.clerk.jwt-key' to the JWKS Public Key (PEM) from the API keys page of the Clerk dashboard, "
								+ "or remove it to fetch the key set with the secret key.");
			}
		}
		String jwtSecret = this.supabase.getJwtSecret();
		if (jwtSecret != null && jwtSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
			throw new InvalidSaasPropertyException("saas.auth.supabase.jwt-secret",
					"it is shorter than 32 bytes, which HS256 does not allow and Supabase never issues",
					"Set 'saas.auth.supabase.jwt-secret' to the legacy JWT secret under Project Settings > JWT Keys, "
							+ "or remove it to accept only tokens signed with the project's published keys.");
		}
		this.clerk.validate("saas.auth.clerk");
		if (this.supabase.effectiveBaseUrl() != null) {
			if (this.supabase.getBaseUrl() == null) {
				this.supabase.setBaseUrl(this.supabase.effectiveBaseUrl());
			}
			this.supabase.validate("saas.auth.supabase");
		}
		SaasPropertyChecks.requirePositive("saas.auth.clerk.jwks-timeout", this.clerk.getJwksTimeout());
		ClerkMachineProperties.validate(this.clerk);
		SaasPropertyChecks.requirePositive("saas.auth.supabase.jwks-timeout", this.supabase.getJwksTimeout());
		this.supabase.getVerifiedTokens().validate("saas.auth.supabase.verified-tokens");
		if (this.clockSkew.isNegative()) {
			throw new InvalidSaasPropertyException("saas.auth.clock-skew", "it is negative",
					"Set 'saas.auth.clock-skew' to a duration such as 5s, or remove it.");
		}
		if (this.localTokens.getLifetime().isNegative() || this.localTokens.getLifetime().isZero()) {
			throw new InvalidSaasPropertyException("saas.auth.local-tokens.lifetime", "it is not positive",
					"Set 'saas.auth.local-tokens.lifetime' to a duration such as 1h, or remove it.");
		}
		if (this.provider == Provider.CLERK && clerkSecretKey == null && this.clerk.getPublishableKey() == null
				&& this.clerk.getJwtKey() == null) {
			throw new InvalidSaasPropertyException("saas.auth.provider", "it selects Clerk but no Clerk key is set",
					"Set 'saas.auth.clerk.publishable-key' (and 'saas.auth.clerk.secret-key' for the admin API).");
		}
		if (this.provider == Provider.SUPABASE && url == null) {
			throw new InvalidSaasPropertyException("saas.auth.provider",
					"it selects Supabase but 'saas.auth.supabase.url' is not set",
					"Set 'saas.auth.supabase.url' to your project URL, for example https://<project-ref>.supabase.co.");
		}
	}

	/**
	 * Identity providers.
	 */
	public enum Provider {

		/**
		 * Clerk.
		 */
		CLERK,

		/**
		 * Supabase Auth.
		 */
		SUPABASE

	}

	/**
	 * Local development tokens.
	 */
	public static class LocalTokens {

		/**
		 * Whether to accept tokens signed by an in-memory development key when no identity provider is configured; never in production.
		 */
		private boolean enabled;

		/**
		 * Lifetime of the local development tokens.
		 */
		private Duration lifetime = Duration.ofHours(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getLifetime() {
			return this.lifetime;
		}

		public void setLifetime(Duration lifetime) {
			this.lifetime = lifetime;
		}

	}

	/**
	 * Clerk settings.
	 */
	public static class Clerk extends SaasClientProperties {

		/**
		 * PEM public key of the instance ("JWKS Public Key" in the dashboard), to verify tokens without any network call.
		 */
		private @Nullable String jwtKey;

		/**
		 * Origins allowed in the azp claim, for example https://app.example.com; when set, tokens without azp are rejected.
		 */
		private List<String> authorizedParties = new ArrayList<>();

		/**
		 * Whether the __session cookie carries the token of requests without an Authorization header; unsafe methods also need a same-origin request.
		 */
		private boolean sessionCookie = true;

		/**
		 * Expected iss claim; derived from the publishable key when not set.
		 */
		private @Nullable String issuer;

		/**
		 * Signing secret of the Clerk webhook endpoint (starts with "whsec_"); enables the endpoint.
		 */
		private @Nullable String webhookSecret;

		/**
		 * Longest wait for a fetch of the key set, retries included; tokens that need it get 401 past it.
		 */
		private Duration jwksTimeout = Duration.ofSeconds(5);

		/**
		 * Token types the default chain accepts: session_token, api_key, m2m_token, oauth_token; machine tokens only in the Authorization header.
		 */
		private List<SaasTokenType> acceptedTokenTypes = new ArrayList<>(List.of(SaasTokenType.SESSION_TOKEN));

		/**
		 * Machine secret key of the machine receiving M2M tokens; verifies opaque M2M tokens instead of the secret key.
		 */
		private @Nullable String machineSecretKey;

		/**
		 * Accepted aud values of session and machine JWTs; a token without aud is accepted, as in @clerk/backend.
		 */
		private List<String> audiences = new ArrayList<>();

		/**
		 * How long a verified opaque machine token is kept before Clerk is asked again; also the longest a revoked token still passes.
		 */
		private Duration machineTokenCacheTtl = ClerkMachineTokenCache.DEFAULT_TIME_TO_LIVE;

		/**
		 * Most verified opaque machine tokens kept.
		 */
		private int machineTokenCacheSize = ClerkMachineTokenCache.DEFAULT_MAXIMUM_SIZE;

		public Clerk() {
			super(URI.create("https://api.clerk.com"));
		}

		public List<SaasTokenType> getAcceptedTokenTypes() {
			return this.acceptedTokenTypes;
		}

		public void setAcceptedTokenTypes(List<SaasTokenType> acceptedTokenTypes) {
			this.acceptedTokenTypes = acceptedTokenTypes;
		}

		public @Nullable String getMachineSecretKey() {
			return this.machineSecretKey;
		}

		public void setMachineSecretKey(@Nullable String machineSecretKey) {
			this.machineSecretKey = machineSecretKey;
		}

		public List<String> getAudiences() {
			return this.audiences;
		}

		public void setAudiences(List<String> audiences) {
			this.audiences = audiences;
		}

		public Duration getMachineTokenCacheTtl() {
			return this.machineTokenCacheTtl;
		}

		public void setMachineTokenCacheTtl(Duration machineTokenCacheTtl) {
			this.machineTokenCacheTtl = machineTokenCacheTtl;
		}

		public int getMachineTokenCacheSize() {
			return this.machineTokenCacheSize;
		}

		public void setMachineTokenCacheSize(int machineTokenCacheSize) {
			this.machineTokenCacheSize = machineTokenCacheSize;
		}

		public Duration getJwksTimeout() {
			return this.jwksTimeout;
		}

		public void setJwksTimeout(Duration jwksTimeout) {
			this.jwksTimeout = jwksTimeout;
		}

		public @Nullable String getWebhookSecret() {
			return this.webhookSecret;
		}

		public void setWebhookSecret(@Nullable String webhookSecret) {
			this.webhookSecret = webhookSecret;
		}

		public @Nullable String getJwtKey() {
			return this.jwtKey;
		}

		public void setJwtKey(@Nullable String jwtKey) {
			this.jwtKey = jwtKey;
		}

		public List<String> getAuthorizedParties() {
			return this.authorizedParties;
		}

		public void setAuthorizedParties(List<String> authorizedParties) {
			this.authorizedParties = authorizedParties;
		}

		public boolean isSessionCookie() {
			return this.sessionCookie;
		}

		public void setSessionCookie(boolean sessionCookie) {
			this.sessionCookie = sessionCookie;
		}

		public @Nullable String getIssuer() {
			return this.issuer;
		}

		public void setIssuer(@Nullable String issuer) {
			this.issuer = issuer;
		}

		/**
		 * Base URL of the Clerk Backend API (the same setting as base-url).
		 */
		public @Nullable URI getApiBaseUrl() {
			return getBaseUrl();
		}

		public void setApiBaseUrl(@Nullable URI apiBaseUrl) {
			setBaseUrl(apiBaseUrl);
		}

		/**
		 * Clerk secret key (starts with "sk_test_" or "sk_live_"), for the Backend API and JWKS.
		 */
		private @Nullable String secretKey;

		/**
		 * Clerk publishable key (starts with "pk_test_" or "pk_live_"); the issuer is derived from it.
		 */
		private @Nullable String publishableKey;

		public @Nullable String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(@Nullable String secretKey) {
			this.secretKey = secretKey;
		}

		public @Nullable String getPublishableKey() {
			return this.publishableKey;
		}

		public void setPublishableKey(@Nullable String publishableKey) {
			this.publishableKey = publishableKey;
		}

	}

	/**
	 * The cache of verified tokens.
	 */
	public static class VerifiedTokens {

		/**
		 * Most tokens kept; 0 verifies every token on every request.
		 */
		private int maxEntries = 4096;

		/**
		 * Longest time a token is kept, never past its expiry nor the key set's 10 minutes.
		 */
		private Duration timeToLive = Duration.ofMinutes(5);

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public Duration getTimeToLive() {
			return this.timeToLive;
		}

		public void setTimeToLive(Duration timeToLive) {
			this.timeToLive = timeToLive;
		}

		void validate(String prefix) {
			if (this.maxEntries < 0) {
				throw new InvalidSaasPropertyException(prefix + ".max-entries", "it is negative",
						"Set '" + prefix + ".max-entries' to 0 (keep none) or more, or remove it.");
			}
			SaasPropertyChecks.requirePositive(prefix + ".time-to-live", this.timeToLive);
			if (this.timeToLive.compareTo(SUPABASE_JWKS_TIME_TO_LIVE) > 0) {
				throw new InvalidSaasPropertyException(prefix + ".time-to-live",
						"it is longer than the key set's cache (10m), so a key removed from the key set would be "
								+ "trusted longer",
						"Set '" + prefix + ".time-to-live' to 10m or less, or remove it (5m).");
			}
		}

	}

	private static final Duration SUPABASE_JWKS_TIME_TO_LIVE = Duration.ofMinutes(10);

	/**
	 * Supabase Auth settings.
	 */
	public static class Supabase extends SaasClientProperties {

		/**
		 * Legacy JWT secret, to verify HS256 tokens of projects not yet on asymmetric signing keys.
		 */
		private @Nullable String jwtSecret;

		/**
		 * Secret of Supabase Auth HTTP hooks ("v1,whsec_..."; several separated by "|"); enables the hook endpoint.
		 */
		private @Nullable String hookSecret;

		/**
		 * Longest wait for a fetch of the key set, retries included; tokens that need it get 401 past it.
		 */
		private Duration jwksTimeout = Duration.ofSeconds(5);

		/**
		 * Tokens whose signature was verified lately, not verified again when sent again.
		 */
		private final VerifiedTokens verifiedTokens = new VerifiedTokens();

		private final SendEmailHook sendEmailHook = new SendEmailHook();

		public Supabase() {
			super(null);
		}

		public VerifiedTokens getVerifiedTokens() {
			return this.verifiedTokens;
		}

		public SendEmailHook getSendEmailHook() {
			return this.sendEmailHook;
		}

		public Duration getJwksTimeout() {
			return this.jwksTimeout;
		}

		public void setJwksTimeout(Duration jwksTimeout) {
			this.jwksTimeout = jwksTimeout;
		}

		public @Nullable String getHookSecret() {
			return this.hookSecret;
		}

		public void setHookSecret(@Nullable String hookSecret) {
			this.hookSecret = hookSecret;
		}

		public @Nullable String getJwtSecret() {
			return this.jwtSecret;
		}

		public void setJwtSecret(@Nullable String jwtSecret) {
			this.jwtSecret = jwtSecret;
		}

		/** The base URL of Supabase Auth calls: base-url, else the project URL. */
		public @Nullable URI effectiveBaseUrl() {
			return (getBaseUrl() != null) ? getBaseUrl() : this.url;
		}

		/**
		 * Project URL, for example https://abcdefghijklmnop.supabase.co.
		 */
		private @Nullable URI url;

		/**
		 * Publishable key (starts with "sb_publishable_") or legacy anon key.
		 */
		private @Nullable String publishableKey;

		/**
		 * Secret key (starts with "sb_secret_") or legacy service_role key, for the admin API.
		 */
		private @Nullable String secretKey;

		public @Nullable URI getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable URI url) {
			this.url = url;
		}

		public @Nullable String getPublishableKey() {
			return this.publishableKey;
		}

		public void setPublishableKey(@Nullable String publishableKey) {
			this.publishableKey = publishableKey;
		}

		public @Nullable String getSecretKey() {
			return this.secretKey;
		}

		public void setSecretKey(@Nullable String secretKey) {
			this.secretKey = secretKey;
		}

	}

	/**
	 * Supabase's send-email hook.
	 */
	public static class SendEmailHook {

		/**
		 * Whether the hook endpoint answers Supabase's send-email hook by sending its emails through the mail client (needs saas.auth.supabase.url, a MailClient and Thymeleaf).
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Settings of the default security chain.
	 */
	public static class Security {

		/**
		 * Whether the default security chain lets callers without a token read the health endpoint and its probe groups (status only, unless management.endpoint.health.show-details says otherwise).
		 */
		private boolean permitHealth = true;

		public boolean isPermitHealth() {
			return this.permitHealth;
		}

		public void setPermitHealth(boolean permitHealth) {
			this.permitHealth = permitHealth;
		}

	}

}
