package io.saasstack.events.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeliverySettingsTests {

	@Test
	void defaultsMatchTheDocumentedValues() {
		DeliverySettings settings = DeliverySettings.DEFAULT;
		assertThat(settings.queueCapacity()).isEqualTo(10000);
		assertThat(settings.overflow()).isEqualTo(OverflowPolicy.DROP_NEWEST);
		assertThat(settings.maxInFlight()).isEqualTo(64);
		assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.dropLogInterval()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void acceptsZeroDurations() {
		DeliverySettings settings = new DeliverySettings(1, OverflowPolicy.DROP_OLDEST, 1, Duration.ZERO, Duration.ZERO);
		assertThat(settings.shutdownTimeout()).isZero();
	}

	@Test
	void rejectsEmptyQueue() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliverySettings(0, OverflowPolicy.DROP_NEWEST, 1, Duration.ZERO, Duration.ZERO))
			.withMessage("queueCapacity must be at least 1");
	}

	@Test
	void rejectsNoSender() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliverySettings(1, OverflowPolicy.DROP_NEWEST, 0, Duration.ZERO, Duration.ZERO))
			.withMessage("maxInFlight must be at least 1");
	}

	@Test
	void rejectsNegativeShutdownTimeout() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliverySettings(1, OverflowPolicy.DROP_NEWEST, 1, Duration.ofSeconds(-1),
					Duration.ZERO))
			.withMessage("shutdownTimeout must not be negative");
	}

	@Test
	void rejectsNegativeDropLogInterval() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new DeliverySettings(1, OverflowPolicy.DROP_NEWEST, 1, Duration.ZERO,
					Duration.ofSeconds(-1)))
			.withMessage("dropLogInterval must not be negative");
	}

}
