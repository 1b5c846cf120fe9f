package io.saasstack.core.autoconfigure;

import io.saasstack.core.InvalidSaasPropertyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidSaasPropertyException} as the property, what is wrong, and the fix.
 *
 * @since 0.1.0
 */
class InvalidSaasPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSaasPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSaasPropertyException cause) {
		return new FailureAnalysis("Property '" + cause.getProperty() + "' is invalid: " + cause.getReason() + ".",
				cause.getAction(), cause);
	}

}
