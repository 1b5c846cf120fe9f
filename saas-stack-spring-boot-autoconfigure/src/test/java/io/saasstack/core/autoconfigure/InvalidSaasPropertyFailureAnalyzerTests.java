package io.saasstack.core.autoconfigure;

import io.saasstack.core.InvalidSaasPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidSaasPropertyFailureAnalyzerTests {

	@Test
	void reportsPropertyReasonAndAction() {
		InvalidSaasPropertyException cause = new InvalidSaasPropertyException("saas.mail.resend.api-key",
				"the value is not a Resend API key", "Set it to a key starting with re_.");
		FailureAnalysis analysis = new InvalidSaasPropertyFailureAnalyzer()
			.analyze(new BeanCreationException("mailProperties", "Init failed", cause));
		assertThat(analysis.getDescription())
			.isEqualTo("Property 'saas.mail.resend.api-key' is invalid: the value is not a Resend API key.");
		assertThat(analysis.getAction()).isEqualTo("Set it to a key starting with re_.");
	}

	@Test
	void ignoresOtherFailures() {
		assertThat(new InvalidSaasPropertyFailureAnalyzer().analyze(new IllegalStateException("other"))).isNull();
	}

}
