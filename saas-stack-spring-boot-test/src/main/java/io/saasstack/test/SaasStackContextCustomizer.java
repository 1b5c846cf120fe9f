package io.saasstack.test;

import java.util.LinkedHashMap;
import java.util.Map;

import io.saasstack.auth.autoconfigure.AuthProviderCondition;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Adds the kit's properties first among the property sources (before the context refreshes),
 * and starts the WireMock server in WireMock mode.
 */
final class SaasStackContextCustomizer implements ContextCustomizer {

	static final String PROPERTY_SOURCE_NAME = "saasStackTest";

	private static final String WIREMOCK_SERVER = "com.github.tomakehurst.wiremock.WireMockServer";

	private final boolean wireMock;

	SaasStackContextCustomizer(boolean wireMock) {
		this.wireMock = wireMock;
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String provider = AuthProviderCondition.selected(environment);
		Map<String, Object> properties = new LinkedHashMap<>();
		if (this.wireMock) {
			if (!ClassUtils.isPresent(WIREMOCK_SERVER, context.getClassLoader())) {
				throw new IllegalStateException("@AutoConfigureSaasStack(wireMock = true) needs WireMock: add "
						+ "org.wiremock:wiremock-standalone (brought by saas-stack-spring-boot-starter-test)");
			}
			properties.putAll(SaasWireMock.start(context, provider));
		}
		else {
			properties.put("saas.events.recording", "true");
			properties.put("saas.mail.capture.enabled", "true");
			properties.put("saas.media.capture.enabled", "true");
		}
		if (provider == null) {
			properties.put("saas.auth.local-tokens.enabled", "true");
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof SaasStackContextCustomizer customizer) && customizer.wireMock == this.wireMock;
	}

	@Override
	public int hashCode() {
		return Boolean.hashCode(this.wireMock);
	}

}
