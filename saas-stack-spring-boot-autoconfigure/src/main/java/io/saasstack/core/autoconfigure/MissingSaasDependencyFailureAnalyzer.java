package io.saasstack.core.autoconfigure;

import io.saasstack.core.MissingSaasDependencyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link MissingSaasDependencyException} as the property that is set, the libraries
 * that are missing, what would not happen without them, and the dependency to add.
 *
 * @since 0.1.0
 */
class MissingSaasDependencyFailureAnalyzer extends AbstractFailureAnalyzer<MissingSaasDependencyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingSaasDependencyException cause) {
		String description = "Property '" + cause.getProperty()
				+ "' is set, but saas-stack cannot act on it: these libraries are not on the classpath:"
				+ System.lineSeparator() + "\t- "
				+ String.join(System.lineSeparator() + "\t- ", cause.getMissing()) + System.lineSeparator()
				+ "Without them, " + cause.getConsequence() + ".";
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
