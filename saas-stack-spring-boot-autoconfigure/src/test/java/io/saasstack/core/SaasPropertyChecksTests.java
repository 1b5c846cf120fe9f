package io.saasstack.core;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class SaasPropertyChecksTests {

	@Test
	void aNumberBelowOneNamesThePropertyAndTheFix() {
		assertThatExceptionOfType(InvalidSaasPropertyException.class)
			.isThrownBy(() -> SaasPropertyChecks.requirePositive("saas.mail.capture.max-kept", 0))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("saas.mail.capture.max-kept");
				assertThat(ex.getReason()).isEqualTo("it is less than 1");
				assertThat(ex.getAction())
					.isEqualTo("Set 'saas.mail.capture.max-kept' to a positive number, or remove it.");
			});
		assertThatExceptionOfType(InvalidSaasPropertyException.class)
			.isThrownBy(() -> SaasPropertyChecks.requirePositive("saas.x.count", -3));
		assertThatNoException().isThrownBy(() -> SaasPropertyChecks.requirePositive("saas.x.count", 1));
	}

	@Test
	void aDurationOfZeroOrLessNamesThePropertyAndTheFix() {
		assertThatExceptionOfType(InvalidSaasPropertyException.class)
			.isThrownBy(() -> SaasPropertyChecks.requirePositive("saas.health.timeout", Duration.ZERO))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("saas.health.timeout");
				assertThat(ex.getReason()).isEqualTo("it is not a positive duration");
			});
		assertThatExceptionOfType(InvalidSaasPropertyException.class)
			.isThrownBy(() -> SaasPropertyChecks.requirePositive("saas.health.timeout", Duration.ofSeconds(-1)));
		assertThatNoException()
			.isThrownBy(() -> SaasPropertyChecks.requirePositive("saas.health.timeout", Duration.ofNanos(1)));
	}

}
