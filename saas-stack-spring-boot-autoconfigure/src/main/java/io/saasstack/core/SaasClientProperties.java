package io.saasstack.core;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * HTTP settings shared by every provider's properties: where to call, how long to wait and
 * how to retry. Each provider's properties extend it and set their default base URL.
 *
 * @since 0.1.0
 */
public abstract class SaasClientProperties {

	static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

	static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(15);

	// the literals below are repeated so that the configuration processor documents them

	/**
	 * Base URL of the provider's API; change it to go through a proxy or to a test server.
	 */
	private @Nullable URI baseUrl;

	/**
	 * Time allowed to establish a connection to the provider.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Time allowed for the provider's response to one attempt of a call.
	 */
	private Duration responseTimeout = Duration.ofSeconds(15);

	/**
	 * Retries of retryable failures.
	 */
	private final Retry retry = new Retry();

	protected SaasClientProperties(@Nullable URI defaultBaseUrl) {
		this.baseUrl = defaultBaseUrl;
	}

	public @Nullable URI getBaseUrl() {
		return this.baseUrl;
	}

	public void setBaseUrl(@Nullable URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public Duration getResponseTimeout() {
		return this.responseTimeout;
	}

	public void setResponseTimeout(Duration responseTimeout) {
		this.responseTimeout = responseTimeout;
	}

	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Checks these settings at startup.
	 * @param prefix the properties' prefix, for example {@code saas.mail.resend}
	 * @throws InvalidSaasPropertyException naming the first invalid property
	 */
	public void validate(String prefix) {
		URI url = this.baseUrl;
		if (url == null || url.getHost() == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
			throw new InvalidSaasPropertyException(prefix + ".base-url", "it is not an absolute http(s) URL",
					"Set '" + prefix + ".base-url' to the provider's API URL, or remove it to use the default.");
		}
		SaasPropertyChecks.requirePositive(prefix + ".connect-timeout", this.connectTimeout);
		SaasPropertyChecks.requirePositive(prefix + ".response-timeout", this.responseTimeout);
		if (this.retry.maxAttempts < 1) {
			throw new InvalidSaasPropertyException(prefix + ".retry.max-attempts", "it is less than 1",
					"Set '" + prefix + ".retry.max-attempts' to 1 (no retries) or more.");
		}
		requireNotNegative(prefix + ".retry.initial-backoff", this.retry.initialBackoff);
		requireNotNegative(prefix + ".retry.max-backoff", this.retry.maxBackoff);
		requireNotNegative(prefix + ".retry.max-elapsed-time", this.retry.maxElapsedTime);
	}

	private static void requireNotNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InvalidSaasPropertyException(property, "it is negative",
					"Set '" + property + "' to a duration such as 500ms, or remove it to use the default.");
		}
	}

	/**
	 * Retry settings of a provider client.
	 */
	public static class Retry {

		/**
		 * Attempts in total, the first included; 1 disables retries.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the first retry; doubled for each further retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(250);

		/**
		 * Longest wait between two attempts when the provider does not say how long to wait.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		/**
		 * Time after the first attempt past which no retry starts, including a Retry-After wait.
		 */
		private Duration maxElapsedTime = Duration.ofSeconds(30);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxElapsedTime() {
			return this.maxElapsedTime;
		}

		public void setMaxElapsedTime(Duration maxElapsedTime) {
			this.maxElapsedTime = maxElapsedTime;
		}

		/** These settings as a policy. */
		public RetryPolicy toPolicy() {
			return new RetryPolicy(this.maxAttempts, this.initialBackoff, this.maxBackoff, this.maxElapsedTime,
					RetryPolicy.DEFAULT.jitter());
		}

	}

}
