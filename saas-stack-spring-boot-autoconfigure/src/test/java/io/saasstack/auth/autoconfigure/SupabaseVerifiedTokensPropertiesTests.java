package io.saasstack.auth.autoconfigure;

import java.time.Duration;

import io.saasstack.core.InvalidSaasPropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@code saas.auth.supabase.verified-tokens.*}.
 */
class SupabaseVerifiedTokensPropertiesTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AuthAutoConfiguration.class));

	@Test
	void defaultsKeep4096TokensFor5Minutes() {
		this.contextRunner.run((context) -> {
			AuthProperties.VerifiedTokens tokens = context.getBean(AuthProperties.class)
				.getSupabase()
				.getVerifiedTokens();
			assertThat(tokens.getMaxEntries()).isEqualTo(4096);
			assertThat(tokens.getTimeToLive()).isEqualTo(Duration.ofMinutes(5));
		});
	}

	@Test
	void bindsBoth() {
		this.contextRunner
			.withPropertyValues("saas.auth.supabase.verified-tokens.max-entries=0",
					"saas.auth.supabase.verified-tokens.time-to-live=30s")
			.run((context) -> {
				AuthProperties.VerifiedTokens tokens = context.getBean(AuthProperties.class)
					.getSupabase()
					.getVerifiedTokens();
				assertThat(tokens.getMaxEntries()).isZero();
				assertThat(tokens.getTimeToLive()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void aNegativeSizeFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("saas.auth.supabase.verified-tokens.max-entries=-1")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessage("Invalid property 'saas.auth.supabase.verified-tokens.max-entries': it is negative")
				.satisfies((ex) -> assertThat(((InvalidSaasPropertyException) ex).getAction()).isEqualTo(
						"Set 'saas.auth.supabase.verified-tokens.max-entries' to 0 (keep none) or more, or remove it.")));
	}

	@Test
	void aTimeToLiveLongerThanTheKeySetsFails() {
		this.contextRunner.withPropertyValues("saas.auth.supabase.verified-tokens.time-to-live=11m")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.supabase.verified-tokens.time-to-live")
				.hasMessageContaining("longer than the key set's cache (10m)"));
	}

	@Test
	void aZeroTimeToLiveFails() {
		this.contextRunner.withPropertyValues("saas.auth.supabase.verified-tokens.time-to-live=0s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSaasPropertyException.class)
				.hasMessageContaining("saas.auth.supabase.verified-tokens.time-to-live"));
	}

}
