package io.saasstack.auth.autoconfigure;

import io.saasstack.core.InvalidSaasPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class AuthAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AuthAutoConfiguration.class));

	@Test
	void bindsClerkAndSupabaseProperties() {
		this.contextRunner
			.withPropertyValues("saas.auth.provider=clerk", "saas.auth.clerk.secret-key=sk_test_abc",
					"saas.auth.clerk.publishable-key=pk_test_Y2xlcmsuZXhhbXBsZS5jb20k",
					"saas.auth.supabase.url=https://abc.supabase.co",
					"saas.auth.supabase.publishable-key=sb_publishable_x", "saas.auth.supabase.secret-key=eyJhbGciOi")
			.run((context) -> {
				AuthProperties properties = context.getBean(AuthProperties.class);
				assertThat(properties.getProvider()).isEqualTo(AuthProperties.Provider.CLERK);
				assertThat(properties.getClerk().getSecretKey()).isEqualTo("sk_test_abc");
				assertThat(properties.getSupabase().getUrl()).hasHost("abc.supabase.co");
			});
	}

	@Test
	void canBeDisabled() {
		this.contextRunner.withPropertyValues("saas.auth.enabled=false", "saas.auth.clerk.secret-key=bad")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AuthProperties.class));
	}

	@Test
	void rejectsPublishableKeyInSecretKey() {
		this.contextRunner.withPropertyValues("saas.auth.clerk.secret-key=pk_test_abc")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.clerk.secret-key")
				.hasMessageContaining("publishable key"));
	}

	@Test
	void rejectsSecretKeyOfAnotherShape() {
		this.contextRunner.withPropertyValues("saas.auth.clerk.secret-key=re_abc")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("'sk_test_' or 'sk_live_'"));
	}

	@Test
	void rejectsSupabaseUrlWithoutScheme() {
		this.contextRunner.withPropertyValues("saas.auth.supabase.url=abc.supabase.co")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("saas.auth.supabase.url"));
	}

	@Test
	void rejectsSelectedProviderWithoutSettings() {
		this.contextRunner.withPropertyValues("saas.auth.provider=supabase")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.provider"));
	}

}
