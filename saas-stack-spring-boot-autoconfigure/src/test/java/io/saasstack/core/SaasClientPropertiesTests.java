package io.saasstack.core;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SaasClientPropertiesTests {

	private final SaasClientProperties properties = new SaasClientProperties(URI.create("https://api.acme.test")) {
	};

	@Test
	void defaultsAreValidAndMatchTheDefaultPolicy() {
		assertThatNoException().isThrownBy(() -> this.properties.validate("saas.acme"));
		assertThat(this.properties.getRetry().toPolicy()).isEqualTo(RetryPolicy.DEFAULT);
		assertThat(this.properties.getConnectTimeout()).isEqualTo(SaasClientProperties.DEFAULT_CONNECT_TIMEOUT);
		assertThat(this.properties.getResponseTimeout()).isEqualTo(SaasClientProperties.DEFAULT_RESPONSE_TIMEOUT);
	}

	@Test
	void rejectsRelativeOrNonHttpBaseUrl() {
		this.properties.setBaseUrl(URI.create("api.acme.test/v1"));
		assertInvalid("saas.acme.base-url");
		this.properties.setBaseUrl(URI.create("ftp://api.acme.test"));
		assertInvalid("saas.acme.base-url");
	}

	@Test
	void rejectsNonPositiveTimeouts() {
		this.properties.setResponseTimeout(Duration.ZERO);
		assertInvalid("saas.acme.response-timeout");
	}

	@Test
	void rejectsZeroAttempts() {
		this.properties.getRetry().setMaxAttempts(0);
		assertInvalid("saas.acme.retry.max-attempts");
	}

	@Test
	void rejectsNegativeBackoff() {
		this.properties.getRetry().setInitialBackoff(Duration.ofMillis(-1));
		assertInvalid("saas.acme.retry.initial-backoff");
	}

	private void assertInvalid(String property) {
		assertThatExceptionOfType(InvalidSaasPropertyException.class)
			.isThrownBy(() -> this.properties.validate("saas.acme"))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(property));
	}

}
