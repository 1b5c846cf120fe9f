package io.saasstack.test.sample;

import io.saasstack.auth.local.LocalTokenIssuer;
import io.saasstack.events.RecordingLogSnagClient;
import io.saasstack.mail.ReactiveMailClient;
import io.saasstack.mail.local.CapturingMailClient;
import io.saasstack.test.SaasTestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code @AutoConfigureSaasStack} the kit changes nothing, even on the classpath.
 */
@SpringBootTest
class WithoutAnnotationTests {

	@Autowired
	private ConfigurableApplicationContext context;

	@Test
	void nothingIsChanged() {
		assertThat(this.context.getEnvironment().getPropertySources().contains("saasStackTest")).isFalse();
		assertThat(this.context.getBeanNamesForType(SaasTestTokens.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(LocalTokenIssuer.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(RecordingLogSnagClient.class)).isEmpty();
		assertThat(this.context.getBean(ReactiveMailClient.class)).isNotInstanceOf(CapturingMailClient.class);
		assertThat(this.context.containsBean("saasWireMockServer")).isFalse();
	}

}
