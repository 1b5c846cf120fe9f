package io.saasstack.core;

/**
 * A {@code saas.*} property is set to a value that cannot work. Thrown at startup; the failure
 * analyzer turns it into a message naming the property and the fix. Never holds the value.
 *
 * @since 0.1.0
 */
public class InvalidSaasPropertyException extends IllegalStateException {

	private final String property;

	private final String reason;

	private final String action;

	public InvalidSaasPropertyException(String property, String reason, String action) {
		super("Invalid property '" + property + "': " + reason);
		this.property = property;
		this.reason = reason;
		this.action = action;
	}

	/** Full name of the property, for example {@code saas.mail.resend.api-key}. */
	public String getProperty() {
		return this.property;
	}

	/** What is wrong with the value, without the value. */
	public String getReason() {
		return this.reason;
	}

	/** How to fix it. */
	public String getAction() {
		return this.action;
	}

}
