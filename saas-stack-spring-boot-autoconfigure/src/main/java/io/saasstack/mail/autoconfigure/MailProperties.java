package io.saasstack.mail.autoconfigure;

import java.net.URI;
import java.time.Duration;

import io.saasstack.core.InvalidSaasPropertyException;
import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasPropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of transactional mail ({@code saas.mail.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("saas.mail")
public class MailProperties implements InitializingBean {

	/**
	 * Whether to enable the mail integration.
	 */
	private boolean enabled = true;

	/**
	 * Sender of emails that do not set one, for example "Acme <hello@acme.com>".
	 */
	private @Nullable String defaultFrom;

	/**
	 * Reply-to address of emails that do not set one.
	 */
	private @Nullable String defaultReplyTo;

	/**
	 * Resend settings.
	 */
	private final Resend resend = new Resend();

	/**
	 * Local capture of mails (used when no API key is set).
	 */
	private final Capture capture = new Capture();

	/**
	 * Mail templates rendered with Thymeleaf.
	 */
	private final Templates templates = new Templates();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getDefaultFrom() {
		return this.defaultFrom;
	}

	public void setDefaultFrom(@Nullable String defaultFrom) {
		this.defaultFrom = defaultFrom;
	}

	public @Nullable String getDefaultReplyTo() {
		return this.defaultReplyTo;
	}

	public void setDefaultReplyTo(@Nullable String defaultReplyTo) {
		this.defaultReplyTo = defaultReplyTo;
	}

	public Resend getResend() {
		return this.resend;
	}

	public Capture getCapture() {
		return this.capture;
	}

	public Templates getTemplates() {
		return this.templates;
	}

	@Override
	public void afterPropertiesSet() {
		this.resend.validate("saas.mail.resend");
		SaasPropertyChecks.requirePrefix("saas.mail.resend.api-key", this.resend.getApiKey(), "a Resend API key",
				"at https://resend.com/api-keys", "re_");
		if (!(this.resend.getRequestsPerSecond() > 0) || Double.isInfinite(this.resend.getRequestsPerSecond())) {
			throw new InvalidSaasPropertyException("saas.mail.resend.requests-per-second", "it is not positive",
					"Set 'saas.mail.resend.requests-per-second' to your team's Resend rate limit (5 by default).");
		}
		// the pacer spaces calls 1.1/rate seconds apart: a shorter wait could never be met
		Duration interval = Duration.ofNanos(Math.round(1_100_000_000 / this.resend.getRequestsPerSecond()));
		if (this.resend.getPacingTimeout().compareTo(interval) < 0) {
			throw new InvalidSaasPropertyException("saas.mail.resend.pacing-timeout",
					"it is shorter than the interval between two calls at 'saas.mail.resend.requests-per-second' ("
							+ interval.toMillis() + " ms)",
					"Set 'saas.mail.resend.pacing-timeout' to a duration such as 2m, or remove it to use the default.");
		}
		SaasPropertyChecks.requirePositive("saas.mail.capture.max-kept", this.capture.getMaxKept());
	}

	/**
	 * Resend API settings.
	 */
	public static class Resend extends SaasClientProperties {

		/**
		 * Resend API key (starts with "re_"); without it mails are captured locally instead of sent.
		 */
		private @Nullable String apiKey;

		/**
		 * Requests per second the application may make to Resend, shared by every call.
		 */
		private double requestsPerSecond = 5;

		/**
		 * Longest time a call waits for its turn under requests-per-second before it fails.
		 */
		private Duration pacingTimeout = Duration.ofMinutes(2);

		/**
		 * Signing secret of the Resend webhook endpoint (starts with "whsec_"); enables the endpoint.
		 */
		private @Nullable String webhookSecret;

		public Resend() {
			super(URI.create("https://api.resend.com"));
		}

		public @Nullable String getWebhookSecret() {
			return this.webhookSecret;
		}

		public void setWebhookSecret(@Nullable String webhookSecret) {
			this.webhookSecret = webhookSecret;
		}

		public Duration getPacingTimeout() {
			return this.pacingTimeout;
		}

		public void setPacingTimeout(Duration pacingTimeout) {
			this.pacingTimeout = pacingTimeout;
		}

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public double getRequestsPerSecond() {
			return this.requestsPerSecond;
		}

		public void setRequestsPerSecond(double requestsPerSecond) {
			this.requestsPerSecond = requestsPerSecond;
		}

	}

	/**
	 * Local capture of mails.
	 */
	public static class Capture {

		/**
		 * Whether to capture mails in memory instead of sending them even when an API key is set, for tests.
		 */
		private boolean enabled;

		/**
		 * Newest captured mails kept in memory.
		 */
		private int maxKept = 500;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxKept() {
			return this.maxKept;
		}

		public void setMaxKept(int maxKept) {
			this.maxKept = maxKept;
		}

	}

	/**
	 * Mail templates rendered with Thymeleaf.
	 */
	public static class Templates {

		/**
		 * Folder of mail templates, relative to Thymeleaf's template location.
		 */
		private String prefix = "mail/";

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

	}

}
