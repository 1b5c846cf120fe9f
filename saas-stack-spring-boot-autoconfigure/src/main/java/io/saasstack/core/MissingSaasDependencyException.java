package io.saasstack.core;

import java.util.List;

/**
 * A {@code saas.*} property configures a provider, but a library the provider needs is not on the
 * classpath: without it the provider would silently do nothing. Thrown at startup; the failure
 * analyzer turns it into a message naming the property, the missing libraries and the dependency
 * to add. Never holds the value of the property.
 *
 * @since 0.1.0
 */
public class MissingSaasDependencyException extends IllegalStateException {

	private final String property;

	private final String consequence;

	private final List<String> missing;

	private final String action;

	/**
	 * @param property full name of the property that is set
	 * @param consequence what would silently not happen without the libraries
	 * @param missing the missing libraries, for example
	 * {@code org.springframework.security:spring-security-oauth2-resource-server (BearerTokenResolver)}
	 * @param action the dependency to add, or the property to remove
	 */
	public MissingSaasDependencyException(String property, String consequence, List<String> missing, String action) {
		super("'" + property + "' is set, but " + String.join(", ", missing) + " is not on the classpath: "
				+ consequence);
		this.property = property;
		this.consequence = consequence;
		this.missing = List.copyOf(missing);
		this.action = action;
	}

	/** Full name of the property that is set, for example {@code saas.auth.clerk.secret-key}. */
	public String getProperty() {
		return this.property;
	}

	/** What would silently not happen without the missing libraries. */
	public String getConsequence() {
		return this.consequence;
	}

	/** The missing libraries, each as its Maven coordinates and the class looked for. */
	public List<String> getMissing() {
		return this.missing;
	}

	/** The dependency to add, or the property to remove. */
	public String getAction() {
		return this.action;
	}

}
