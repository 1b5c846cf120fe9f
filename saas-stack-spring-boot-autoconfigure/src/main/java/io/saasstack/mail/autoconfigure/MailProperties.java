package io.saasstack.mail.autoconfigure;

import java.net.URI;

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

	@Override
	public void afterPropertiesSet() {
		this.resend.validate("saas.mail.resend");
		SaasPropertyChecks.requirePrefix("saas.mail.resend.api-key", this.resend.getApiKey(), "a Resend API key",
				"at https://resend.com/api-keys", "re_");
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

		public Resend() {
			super(URI.create("https://api.resend.com"));
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

}
