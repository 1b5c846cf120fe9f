package io.saasstack.test;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the properties of the WireMock mode.
 */
class SaasWireMockPropertiesTests {

	private static final String BASE = "http://localhost:1234";

	@Test
	void pointsEveryProviderAtTheServerWithPlaceholders() {
		Map<String, Object> properties = SaasWireMock.properties(new MockEnvironment(), BASE, null);
		assertThat(properties).containsEntry("saas.events.recording", "false")
			.containsEntry("saas.mail.capture.enabled", "false")
			.containsEntry("saas.media.capture.enabled", "false")
			.containsEntry("saas.events.logsnag.base-url", BASE)
			.containsEntry("saas.events.logsnag.token", "wiremock-logsnag-token")
			.containsEntry("saas.events.logsnag.project", "wiremock")
			.containsEntry("saas.mail.resend.base-url", BASE)
			.containsEntry("saas.mail.resend.api-key", "re_wiremock_0123456789")
			.containsEntry("saas.media.cloudinary.base-url", BASE)
			.containsEntry("saas.media.imagekit.base-url", BASE)
			.containsEntry("saas.media.imagekit.upload-base-url", BASE)
			.containsEntry("saas.media.cloudinary.cloud-name", "demo")
			.containsEntry("saas.media.cloudinary.api-key", "123456789012345")
			.containsEntry("saas.media.cloudinary.api-secret", "wiremock-api-secret")
			.doesNotContainKeys("saas.media.imagekit.private-key", "saas.auth.clerk.base-url",
					"saas.auth.supabase.base-url");
	}

	@Test
	void keepsConfiguredCredentials() {
		MockEnvironment environment = new MockEnvironment().withProperty("saas.events.logsnag.token", "mine")
			.withProperty("saas.mail.resend.api-key", "re_mine")
			.withProperty("saas.media.cloudinary.cloud-name", "acme")
			.withProperty("saas.media.cloudinary.api-secret", "secret");
		Map<String, Object> properties = SaasWireMock.properties(environment, BASE, null);
		assertThat(properties).doesNotContainKeys("saas.events.logsnag.token", "saas.mail.resend.api-key",
				"saas.media.cloudinary.cloud-name", "saas.media.cloudinary.api-secret")
			.containsEntry("saas.media.cloudinary.api-key", "123456789012345");
	}

	@Test
	void imageKitAloneGetsImageKitCredentialsOnly() {
		MockEnvironment environment = new MockEnvironment().withProperty("saas.media.imagekit.url-endpoint",
				"https://ik.imagekit.io/demo");
		assertThat(SaasWireMock.properties(environment, BASE, null))
			.containsEntry("saas.media.imagekit.private-key", "private_wiremock0123456789=")
			.containsEntry("saas.media.imagekit.public-key", "public_wiremock0123456789=")
			.doesNotContainKey("saas.media.cloudinary.cloud-name");
	}

	@Test
	void authProviderIsPointedAtTheServer() {
		assertThat(SaasWireMock.properties(new MockEnvironment(), BASE, "clerk"))
			.containsEntry("saas.auth.clerk.base-url", BASE)
			.containsEntry("saas.auth.clerk.api-base-url", BASE)
			.containsEntry("saas.auth.clerk.secret-key", "sk_test_wiremock0123456789");
		MockEnvironment supabase = new MockEnvironment().withProperty("saas.auth.supabase.secret-key", "sb_secret_mine");
		assertThat(SaasWireMock.properties(supabase, BASE, "supabase"))
			.containsEntry("saas.auth.supabase.base-url", BASE)
			.doesNotContainKeys("saas.auth.supabase.secret-key", "saas.auth.supabase.url", "saas.auth.clerk.base-url");
	}

	@Test
	void customizerIsCreatedOnlyForAnnotatedTestsAndComparedByMode() {
		SaasStackContextCustomizerFactory factory = new SaasStackContextCustomizerFactory();
		assertThat(factory.createContextCustomizer(SaasWireMockPropertiesTests.class, java.util.List.of())).isNull();
		assertThat(factory.createContextCustomizer(Plain.class, java.util.List.of()))
			.isEqualTo(new SaasStackContextCustomizer(false))
			.isNotEqualTo(new SaasStackContextCustomizer(true));
		assertThat(factory.createContextCustomizer(WithWireMock.class, java.util.List.of()))
			.isEqualTo(new SaasStackContextCustomizer(true));
	}

	@AutoConfigureSaasStack
	static class Plain {

	}

	@AutoConfigureSaasStack(wireMock = true)
	static class WithWireMock {

	}

}
