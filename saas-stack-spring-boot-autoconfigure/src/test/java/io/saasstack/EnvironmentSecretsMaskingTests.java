package io.saasstack;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.saasstack.core.autoconfigure.SaasSanitizingAutoConfiguration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.env.EnvironmentEndpointAutoConfiguration;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every secret property stays masked in {@code /actuator/env} with values shown, set the way the
 * README tells users to pass secrets: as an environment variable ({@code SAAS_AUTH_CLERK_SECRETKEY}),
 * which the endpoint lists under its own name. The secrets are read from the configuration
 * metadata, so a new one is covered without editing this test.
 */
class EnvironmentSecretsMaskingTests {

	// the last segment names a credential; public and publishable keys are meant to be seen
	private static final Pattern SECRET = Pattern.compile(".*\\.(?!public-key$|publishable-key$)[a-z-]*(key|secret|token|password)$");

	@Test
	void everySecretIsMaskedInItsEnvironmentForm() {
		List<String> secrets = secretProperties();
		assertThat(secrets).contains("saas.auth.clerk.secret-key", "saas.media.imagekit.private-key",
				"saas.auth.supabase.jwt-secret", "saas.events.logsnag.token")
			.doesNotContain("saas.auth.clerk.publishable-key", "saas.media.imagekit.public-key");
		Map<String, Object> variables = new LinkedHashMap<>();
		for (String secret : secrets) {
			variables.put(environmentForm(secret), "env-leak-" + secret);
			// the underscored form binds to nothing but is a natural mistake: still a secret
			variables.put(secret.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'), "env-leak2-" + secret);
		}
		variables.put("SAAS_MEDIA_IMAGEKIT_PUBLICKEY", "public-value-shown");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SaasSanitizingAutoConfiguration.class,
					EndpointAutoConfiguration.class, EnvironmentEndpointAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment().getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)))
			.withPropertyValues("management.endpoint.env.show-values=always",
					"management.endpoints.web.exposure.include=env")
			.run((context) -> {
				String env = JsonMapper.builder().build()
					.writeValueAsString(context.getBean(EnvironmentEndpoint.class).environment(null));
				assertThat(env).contains("SAAS_AUTH_CLERK_SECRETKEY").contains("public-value-shown");
				for (String secret : secrets) {
					assertThat(env).as(environmentForm(secret)).doesNotContain("env-leak-" + secret)
						.doesNotContain("env-leak2-" + secret);
				}
			});
	}

	/** {@code saas.auth.clerk.secret-key} as relaxed binding reads it from the environment. */
	private static String environmentForm(String property) {
		return property.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_');
	}

	private static List<String> secretProperties() {
		try (InputStream in = EnvironmentSecretsMaskingTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated metadata").isNotNull();
			JsonNode metadata = JsonMapper.builder().build().readTree(in);
			List<String> secrets = new ArrayList<>();
			metadata.get("properties").forEach((property) -> {
				String name = property.get("name").asString();
				if (SECRET.matcher(name).matches()) {
					secrets.add(name);
				}
			});
			return secrets;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
