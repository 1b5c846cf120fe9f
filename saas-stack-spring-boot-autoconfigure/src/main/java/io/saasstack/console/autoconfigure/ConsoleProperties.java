package io.saasstack.console.autoconfigure;

import io.saasstack.core.InvalidSaasPropertyException;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the local console ({@code saas.console.*}), a development page
 * showing what the local stand-ins kept.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("saas.console")
public class ConsoleProperties implements InitializingBean {

	/**
	 * Whether to serve the local console (development only: it logs a WARN, and refuses to start when no area runs on a local stand-in).
	 */
	private boolean enabled = false;

	/**
	 * Path of the console: starts with '/', does not end with one.
	 */
	private String path = "/saas/console";

	/**
	 * Whether to answer requests from other machines too; by default only a browser on the same machine, connected directly (no proxy), may open the console.
	 */
	private boolean allowRemote = false;

	/**
	 * How many of the newest webhook requests the console's log keeps.
	 */
	private int webhooksKept = 200;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public boolean isAllowRemote() {
		return this.allowRemote;
	}

	public void setAllowRemote(boolean allowRemote) {
		this.allowRemote = allowRemote;
	}

	public int getWebhooksKept() {
		return this.webhooksKept;
	}

	public void setWebhooksKept(int webhooksKept) {
		this.webhooksKept = webhooksKept;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.path == null || !this.path.matches("(/[A-Za-z0-9._~-]+)+")) {
			throw new InvalidSaasPropertyException("saas.console.path",
					"'" + this.path + "' is not a path of one or more segments without a trailing slash",
					"Set it to a path such as /saas/console.");
		}
		if (this.webhooksKept < 1) {
			throw new InvalidSaasPropertyException("saas.console.webhooks-kept", "it must be at least 1, not "
					+ this.webhooksKept, "Set it to a positive number, such as 200.");
		}
	}

}
