package io.saasstack.events.autoconfigure;

import java.net.URI;

import io.saasstack.core.SaasClientProperties;
import io.saasstack.core.SaasPropertyChecks;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of product events ({@code saas.events.*}).
 *
 * @since 0.1.0
 */
@ConfigurationProperties("saas.events")
public class EventsProperties implements InitializingBean {

	/**
	 * Whether to enable the events integration.
	 */
	private boolean enabled = true;

	/**
	 * LogSnag settings.
	 */
	private final LogSnag logsnag = new LogSnag();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public LogSnag getLogsnag() {
		return this.logsnag;
	}

	@Override
	public void afterPropertiesSet() {
		this.logsnag.validate("saas.events.logsnag");
		SaasPropertyChecks.requireNotBlank("saas.events.logsnag.token", this.logsnag.getToken(),
				"a LogSnag API token");
		SaasPropertyChecks.requireNotBlank("saas.events.logsnag.project", this.logsnag.getProject(),
				"your LogSnag project name");
	}

	/**
	 * LogSnag API settings.
	 */
	public static class LogSnag extends SaasClientProperties {

		/**
		 * LogSnag API token; without it events are written to the log instead of sent.
		 */
		private @Nullable String token;

		/**
		 * LogSnag project that receives the events.
		 */
		private @Nullable String project;

		/**
		 * Channel of events that do not name one.
		 */
		private @Nullable String defaultChannel;

		public LogSnag() {
			super(URI.create("https://api.logsnag.com"));
		}

		public @Nullable String getToken() {
			return this.token;
		}

		public void setToken(@Nullable String token) {
			this.token = token;
		}

		public @Nullable String getProject() {
			return this.project;
		}

		public void setProject(@Nullable String project) {
			this.project = project;
		}

		public @Nullable String getDefaultChannel() {
			return this.defaultChannel;
		}

		public void setDefaultChannel(@Nullable String defaultChannel) {
			this.defaultChannel = defaultChannel;
		}

	}

}
